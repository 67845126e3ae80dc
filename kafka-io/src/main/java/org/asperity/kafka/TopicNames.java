package org.asperity.kafka;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name of each {@link Topic}, configurable. {@link #all()} gives each topic with its partition
 * count and configs; {@link #with(Topic, String)} renames one.
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

  /** Every topic under its {@link Topic#defaultName()}. */
  public static TopicNames defaults() {
    Map<Topic, String> names = new EnumMap<>(Topic.class);
    for (Topic topic : Topic.values()) {
      names.put(topic, topic.defaultName());
    }
    return of(names);
  }

  /**
   * Every topic's default name behind {@code run + "."}: the topics of one run (a test's, a
   * benchmark's) apart from every other run's, and from a deployment's; the benchmarks delete
   * theirs by that prefix.
   */
  public static TopicNames ofRun(String run) {
    Map<Topic, String> names = new EnumMap<>(Topic.class);
    for (Topic topic : Topic.values()) {
      names.put(topic, run + "." + topic.defaultName());
    }
    return of(names);
  }

  /**
   * These names with what the job writes (forecasts, alerts in each format, dead letters) and its
   * models topic behind {@code run + "."}: a second run's outputs beside these, the inputs shared.
   */
  public TopicNames withOutputsOfRun(String run) {
    Map<Topic, String> names = asMap();
    for (Topic topic :
        List.of(
            Topic.FORECASTS,
            Topic.ALERTS,
            Topic.ALERTS_CAP,
            Topic.ALERTS_JSON,
            Topic.OBSERVATIONS_DEAD_LETTER,
            Topic.MODELS)) {
      names.put(topic, run + "." + names.get(topic));
    }
    return of(names);
  }

  /** The name of one topic. */
  public String name(Topic topic) {
    return switch (topic) {
      case OBSERVATIONS -> observations;
      case SLIP_DEFICIT -> slipDeficit;
      case CATALOG_EVENTS -> catalogEvents;
      case FORECASTS -> forecasts;
      case ALERTS -> alerts;
      case ALERTS_CAP -> alertsCap;
      case ALERTS_JSON -> alertsJson;
      case OBSERVATIONS_DEAD_LETTER -> observationsDeadLetter;
      case MODELS -> models;
    };
  }

  /** These names with {@code topic} renamed to {@code name}; the others unchanged. */
  public TopicNames with(Topic topic, String name) {
    Map<Topic, String> names = asMap();
    names.put(topic, name);
    return of(names);
  }

  /** Every topic with its partition count and configs, in the order of {@link Topic}. */
  public List<TopicSpec> all() {
    return Arrays.stream(Topic.values())
        .map(topic -> new TopicSpec(name(topic), topic.partitions(), topic.configs()))
        .toList();
  }

  private Map<Topic, String> asMap() {
    Map<Topic, String> names = new EnumMap<>(Topic.class);
    for (Topic topic : Topic.values()) {
      names.put(topic, name(topic));
    }
    return names;
  }

  private static TopicNames of(Map<Topic, String> names) {
    return new TopicNames(
        names.get(Topic.OBSERVATIONS),
        names.get(Topic.SLIP_DEFICIT),
        names.get(Topic.CATALOG_EVENTS),
        names.get(Topic.FORECASTS),
        names.get(Topic.ALERTS),
        names.get(Topic.ALERTS_CAP),
        names.get(Topic.ALERTS_JSON),
        names.get(Topic.OBSERVATIONS_DEAD_LETTER),
        names.get(Topic.MODELS));
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
