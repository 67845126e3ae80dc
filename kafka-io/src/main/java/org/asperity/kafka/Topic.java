package org.asperity.kafka;

import java.util.Map;

/**
 * The streams of the system, each with its default topic name, partition count and topic-level
 * configs. Partition counts follow the rate of each stream:
 *
 * <ul>
 *   <li>{@link #OBSERVATIONS}: 4 partitions. The one high-rate stream (every station, every epoch);
 *       keyed by {@link StationKey}, so each station stays in order on one partition while up to
 *       four source readers share the load.
 *   <li>{@link #SLIP_DEFICIT}: 2 partitions. One sample per asperity per step, keyed by patch: a
 *       tenth of the observation rate.
 *   <li>catalog events, forecasts, the three alert streams and the dead letters: 1 partition. Low
 *       rate; one partition keeps a single total order that alert consumers and operators read top
 *       to bottom.
 *   <li>{@link #MODELS}: 1 partition, compacted (the latest release per model name is kept for hot
 *       swap however old), {@code max.message.bytes} {@link #MODELS_MAX_MESSAGE_BYTES} since a
 *       release carries a whole ONNX file. Producers of releases must raise {@code
 *       max.request.size} to match.
 * </ul>
 */
public enum Topic {
  OBSERVATIONS("gnss.observations", 4),
  SLIP_DEFICIT("megathrust.slip-deficit", 2),
  CATALOG_EVENTS("catalog.events", 1),
  FORECASTS("ttf.forecasts", 1),
  ALERTS("ttf.alerts", 1),
  ALERTS_CAP("ttf.alerts.cap", 1),
  ALERTS_JSON("ttf.alerts.json", 1),
  OBSERVATIONS_DEAD_LETTER("gnss.observations.dlq", 1),
  MODELS(
      "models",
      1,
      Map.of(
          "cleanup.policy",
          "compact",
          "max.message.bytes",
          Integer.toString(Topic.MODELS_MAX_MESSAGE_BYTES)));

  /**
   * {@code max.message.bytes} of the models topic: room for an ONNX ensemble of a few thousand
   * trees.
   */
  public static final int MODELS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private final String defaultName;
  private final int partitions;
  private final Map<String, String> configs;

  Topic(String defaultName, int partitions) {
    this(defaultName, partitions, Map.of());
  }

  Topic(String defaultName, int partitions, Map<String, String> configs) {
    this.defaultName = defaultName;
    this.partitions = partitions;
    this.configs = configs;
  }

  public String defaultName() {
    return defaultName;
  }

  public int partitions() {
    return partitions;
  }

  /** Topic-level configs the topic is created with (e.g. {@code cleanup.policy}). */
  public Map<String, String> configs() {
    return configs;
  }
}
