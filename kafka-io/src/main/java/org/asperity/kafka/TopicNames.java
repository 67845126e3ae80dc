package org.asperity.kafka;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The topic table of DESIGN.md ("Streams"), names configurable. {@link #all()} gives each topic's
 * default partition count and configs:
 *
 * <ul>
 *   <li>{@code gnss.observations}: 4 partitions. The one high-rate stream (every station, every
 *       epoch); keyed by {@link StationKey}, so each station stays in order on one partition while
 *       up to four source readers share the load.
 *   <li>{@code megathrust.slip-deficit}: 2 partitions. One sample per asperity per step, keyed by
 *       patch: a tenth of the observation rate.
 *   <li>{@code catalog.events}, {@code ttf.forecasts}, {@code ttf.alerts}, {@code ttf.alerts.cap},
 *       {@code ttf.alerts.json}, {@code gnss.observations.dlq}: 1 partition. Low rate; one
 *       partition keeps a single total order that alert consumers and operators read top to bottom.
 *   <li>{@code models}: 1 partition, compacted (the latest release per model name is kept for hot
 *       swap however old), {@code max.message.bytes} 16 MiB since a release carries a whole ONNX
 *       file. Producers of releases must raise {@code max.request.size} to match.
 * </ul>
 */
public record TopicNames(
    String observations,
    String slipDeficit,
    String catalogEvents,
    String forecasts,
    String alerts,
    String alertsCap,
    String alertsJson,
    String observationsDeadLetter,
    String models) {

  /**
   * {@code max.message.bytes} of the models topic: room for an ONNX ensemble of a few thousand
   * trees.
   */
  public static final int MODELS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  // Kafka's own rule for topic names (org.apache.kafka.common.internals.Topic, not public API).
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final int MAX_NAME_LENGTH = 249;

  public TopicNames {
    List<String> names =
        List.of(
            requireLegalName(observations),
            requireLegalName(slipDeficit),
            requireLegalName(catalogEvents),
            requireLegalName(forecasts),
            requireLegalName(alerts),
            requireLegalName(alertsCap),
            requireLegalName(alertsJson),
            requireLegalName(observationsDeadLetter),
            requireLegalName(models));
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException("topic name " + name + " is used for two streams");
      }
    }
  }

  public static TopicNames defaults() {
    return new TopicNames(
        "gnss.observations",
        "megathrust.slip-deficit",
        "catalog.events",
        "ttf.forecasts",
        "ttf.alerts",
        "ttf.alerts.cap",
        "ttf.alerts.json",
        "gnss.observations.dlq",
        "models");
  }

  /** Every topic with its default partition count and configs, in the order of the table. */
  public List<TopicSpec> all() {
    return List.of(
        new TopicSpec(observations, 4),
        new TopicSpec(slipDeficit, 2),
        new TopicSpec(catalogEvents, 1),
        new TopicSpec(forecasts, 1),
        new TopicSpec(alerts, 1),
        new TopicSpec(alertsCap, 1),
        new TopicSpec(alertsJson, 1),
        new TopicSpec(observationsDeadLetter, 1),
        new TopicSpec(
            models,
            1,
            Map.of(
                "cleanup.policy",
                "compact",
                "max.message.bytes",
                Integer.toString(MODELS_MAX_MESSAGE_BYTES))));
  }

  public TopicNames withObservations(String name) {
    return new TopicNames(
        name,
        slipDeficit,
        catalogEvents,
        forecasts,
        alerts,
        alertsCap,
        alertsJson,
        observationsDeadLetter,
        models);
  }

  public TopicNames withSlipDeficit(String name) {
    return new TopicNames(
        observations,
        name,
        catalogEvents,
        forecasts,
        alerts,
        alertsCap,
        alertsJson,
        observationsDeadLetter,
        models);
  }

  public TopicNames withCatalogEvents(String name) {
    return new TopicNames(
        observations,
        slipDeficit,
        name,
        forecasts,
        alerts,
        alertsCap,
        alertsJson,
        observationsDeadLetter,
        models);
  }

  public TopicNames withForecasts(String name) {
    return new TopicNames(
        observations,
        slipDeficit,
        catalogEvents,
        name,
        alerts,
        alertsCap,
        alertsJson,
        observationsDeadLetter,
        models);
  }

  public TopicNames withAlerts(String name) {
    return new TopicNames(
        observations,
        slipDeficit,
        catalogEvents,
        forecasts,
        name,
        alertsCap,
        alertsJson,
        observationsDeadLetter,
        models);
  }

  public TopicNames withAlertsCap(String name) {
    return new TopicNames(
        observations,
        slipDeficit,
        catalogEvents,
        forecasts,
        alerts,
        name,
        alertsJson,
        observationsDeadLetter,
        models);
  }

  public TopicNames withAlertsJson(String name) {
    return new TopicNames(
        observations,
        slipDeficit,
        catalogEvents,
        forecasts,
        alerts,
        alertsCap,
        name,
        observationsDeadLetter,
        models);
  }

  public TopicNames withObservationsDeadLetter(String name) {
    return new TopicNames(
        observations,
        slipDeficit,
        catalogEvents,
        forecasts,
        alerts,
        alertsCap,
        alertsJson,
        name,
        models);
  }

  public TopicNames withModels(String name) {
    return new TopicNames(
        observations,
        slipDeficit,
        catalogEvents,
        forecasts,
        alerts,
        alertsCap,
        alertsJson,
        observationsDeadLetter,
        name);
  }

  static String requireLegalName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a topic name must not be empty");
    }
    if (name.length() > MAX_NAME_LENGTH
        || !LEGAL.matcher(name).matches()
        || name.equals(".")
        || name.equals("..")) {
      throw new IllegalArgumentException(
          "illegal topic name '"
              + name
              + "': Kafka allows up to "
              + MAX_NAME_LENGTH
              + " characters from a-z A-Z 0-9 . _ -, and not '.' or '..'");
    }
    return name;
  }
}
