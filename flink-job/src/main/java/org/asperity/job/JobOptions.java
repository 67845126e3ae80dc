package org.asperity.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.asperity.job.alerts.AlertPolicy;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.ingest.ObservationRules;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;

/**
 * Everything the job's topology is built from, immutable; {@link #builder} starts from the defaults
 * documented on each setter. The command line ({@link AsperityJob}) and the in-process launcher
 * ({@link LocalJob}) both fill one.
 */
public final class JobOptions {
  /** Where offsets start when the job has no checkpoint to restore from. */
  public enum StartingOffsets {
    /** The consumer group's committed offsets; the earliest where it has none. */
    COMMITTED,
    /** The beginning of every partition: a full replay. */
    EARLIEST,
    /** The end of every partition: only what arrives from now on. */
    LATEST
  }

  private final KafkaClientSettings kafka;
  private final TopicNames topics;
  private final String groupId;
  private final StartingOffsets startingOffsets;
  private final boolean bounded;
  private final int parallelism;
  private final Duration checkpointInterval;
  private final String checkpointDirectory;
  private final Integer restartAttempts;
  private final Duration maxOutOfOrderness;
  private final Duration idleTimeout;
  private final Duration watermarkInterval;
  private final Duration quietClose;
  private final Duration stationRetirement;
  private final boolean rejectUnknownStations;
  private final Instant minEpoch;
  private final Instant maxEpoch;
  private final double maxDisplacementMeters;
  private final double maxSigmaMeters;
  private final int maxBatch;
  private final AlertPolicy alertPolicy;
  private final String transactionalIdPrefix;
  private final AlertPublication alertPublication;
  private final MetricsEndpoint metrics;
  private final Path modelFile;

  private JobOptions(Builder b) {
    this.kafka = Objects.requireNonNull(b.kafka, "Kafka settings (bootstrap servers) are required");
    this.topics = b.topics;
    this.groupId = b.groupId;
    this.startingOffsets = b.startingOffsets;
    this.bounded = b.bounded;
    this.parallelism = b.parallelism;
    this.checkpointInterval = b.checkpointInterval;
    this.checkpointDirectory = b.checkpointDirectory;
    this.restartAttempts = b.restartAttempts;
    this.maxOutOfOrderness = b.maxOutOfOrderness;
    this.idleTimeout = b.idleTimeout;
    this.watermarkInterval = b.watermarkInterval;
    this.quietClose = b.quietClose;
    this.stationRetirement = b.stationRetirement;
    this.rejectUnknownStations = b.rejectUnknownStations;
    this.minEpoch = b.minEpoch;
    this.maxEpoch = b.maxEpoch;
    this.maxDisplacementMeters = b.maxDisplacementMeters;
    this.maxSigmaMeters = b.maxSigmaMeters;
    this.maxBatch = b.maxBatch;
    this.alertPolicy = b.alertPolicy;
    this.transactionalIdPrefix = b.transactionalIdPrefix;
    this.alertPublication = b.alertPublication;
    this.metrics = b.metrics;
    this.modelFile = b.modelFile;
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    if (checkpointInterval.isNegative()) {
      throw new IllegalArgumentException("the checkpoint interval must not be negative");
    }
    if (maxOutOfOrderness.isNegative() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("out-of-orderness and idle timeout must not be negative");
    }
    if (quietClose.isNegative()) {
      throw new IllegalArgumentException("the quiet-close period must not be negative");
    }
    if (watermarkInterval.isNegative() || watermarkInterval.isZero()) {
      throw new IllegalArgumentException("the watermark interval must be positive");
    }
    if (stationRetirement.isNegative() || stationRetirement.isZero()) {
      throw new IllegalArgumentException("the station retirement silence must be positive");
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("the scoring batch must hold at least one vector");
    }
    if (groupId == null
        || groupId.isBlank()
        || transactionalIdPrefix == null
        || transactionalIdPrefix.isBlank()) {
      throw new IllegalArgumentException("group id and transactional id prefix must not be blank");
    }
    rules();
  }

  public static Builder builder(KafkaClientSettings kafka) {
    return new Builder(kafka);
  }

  public Builder toBuilder() {
    Builder b = new Builder(kafka);
    b.topics = topics;
    b.groupId = groupId;
    b.startingOffsets = startingOffsets;
    b.bounded = bounded;
    b.parallelism = parallelism;
    b.checkpointInterval = checkpointInterval;
    b.checkpointDirectory = checkpointDirectory;
    b.restartAttempts = restartAttempts;
    b.maxOutOfOrderness = maxOutOfOrderness;
    b.idleTimeout = idleTimeout;
    b.watermarkInterval = watermarkInterval;
    b.quietClose = quietClose;
    b.stationRetirement = stationRetirement;
    b.rejectUnknownStations = rejectUnknownStations;
    b.minEpoch = minEpoch;
    b.maxEpoch = maxEpoch;
    b.maxDisplacementMeters = maxDisplacementMeters;
    b.maxSigmaMeters = maxSigmaMeters;
    b.maxBatch = maxBatch;
    b.alertPolicy = alertPolicy;
    b.transactionalIdPrefix = transactionalIdPrefix;
    b.alertPublication = alertPublication;
    b.metrics = metrics;
    b.modelFile = modelFile;
    return b;
  }

  public KafkaClientSettings kafka() {
    return kafka;
  }

  public TopicNames topics() {
    return topics;
  }

  public String groupId() {
    return groupId;
  }

  public StartingOffsets startingOffsets() {
    return startingOffsets;
  }

  /**
   * Read the observations and models up to their end offsets at start, then finish (replays,
   * benchmarks, tests).
   */
  public boolean bounded() {
    return bounded;
  }

  public int parallelism() {
    return parallelism;
  }

  /** Zero: no checkpoints (then alerts are not transactional either: nothing commits them). */
  public Duration checkpointInterval() {
    return checkpointInterval;
  }

  /**
   * {@code execution.checkpointing.dir} URI, or null to leave it to the cluster's configuration.
   */
  public String checkpointDirectory() {
    return checkpointDirectory;
  }

  /** Fixed-delay restart attempts, or null for Flink's configured strategy. */
  public Integer restartAttempts() {
    return restartAttempts;
  }

  public Duration maxOutOfOrderness() {
    return maxOutOfOrderness;
  }

  /** Zero: partitions are never marked idle. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  public Duration watermarkInterval() {
    return watermarkInterval;
  }

  /**
   * Zero (default): ticks close only by the bounded out-of-orderness; see {@code
   * PartitionWatermarks}.
   */
  public Duration quietClose() {
    return quietClose;
  }

  public Duration stationRetirement() {
    return stationRetirement;
  }

  public boolean rejectUnknownStations() {
    return rejectUnknownStations;
  }

  public ObservationRules rules() {
    return new ObservationRules(
        micros(minEpoch), micros(maxEpoch), maxDisplacementMeters, maxSigmaMeters);
  }

  public int maxBatch() {
    return maxBatch;
  }

  public AlertPolicy alertPolicy() {
    return alertPolicy;
  }

  public String transactionalIdPrefix() {
    return transactionalIdPrefix;
  }

  /** CAP sender and status of the published alerts. */
  public AlertPublication alertPublication() {
    return alertPublication;
  }

  public MetricsEndpoint metrics() {
    return metrics;
  }

  /** The model file, or null for the default model on the class path. */
  public Path modelFile() {
    return modelFile;
  }

  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private final KafkaClientSettings kafka;
    private TopicNames topics = TopicNames.defaults();
    private String groupId = "asperity-job";
    private StartingOffsets startingOffsets = StartingOffsets.COMMITTED;
    private boolean bounded;
    private int parallelism = 2;
    private Duration checkpointInterval = Duration.ofSeconds(5);
    private String checkpointDirectory;
    private Integer restartAttempts;
    private Duration maxOutOfOrderness = Duration.ofHours(1);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration watermarkInterval = Duration.ofMillis(200);
    private Duration quietClose = Duration.ZERO;
    private Duration stationRetirement = Duration.ofDays(365);
    private boolean rejectUnknownStations;
    private Instant minEpoch = Instant.parse("1980-01-06T00:00:00Z");
    private Instant maxEpoch = Instant.parse("2500-01-01T00:00:00Z");
    private double maxDisplacementMeters = 1000.0;
    private double maxSigmaMeters = 10.0;
    private int maxBatch = 256;
    private AlertPolicy alertPolicy = AlertPolicy.defaults();
    private String transactionalIdPrefix = "asperity-alerts";
    private AlertPublication alertPublication = AlertPublication.defaults();
    private MetricsEndpoint metrics = MetricsEndpoint.defaults();
    private Path modelFile;

    private Builder(KafkaClientSettings kafka) {
      this.kafka = kafka;
    }

    /** Topic names (default: {@link TopicNames#defaults()}). */
    public Builder topics(TopicNames value) {
      topics = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Consumer group of the observations source (default asperity-job; the models source adds
     * "-models").
     */
    public Builder groupId(String value) {
      groupId = value;
      return this;
    }

    /** Default COMMITTED (earliest for a new group). */
    public Builder startingOffsets(StartingOffsets value) {
      startingOffsets = Objects.requireNonNull(value);
      return this;
    }

    /** Default false: run until cancelled. */
    public Builder bounded(boolean value) {
      bounded = value;
      return this;
    }

    /** Default 2 (this machine's cores). */
    public Builder parallelism(int value) {
      parallelism = value;
      return this;
    }

    /** Default 5 s. */
    public Builder checkpointInterval(Duration value) {
      checkpointInterval = Objects.requireNonNull(value);
      return this;
    }

    /** Default: the cluster's {@code execution.checkpointing.dir}. */
    public Builder checkpointDirectory(String value) {
      checkpointDirectory = value;
      return this;
    }

    /** Default: Flink's configured restart strategy. */
    public Builder restartAttempts(Integer value) {
      restartAttempts = value;
      return this;
    }

    /** Default 1 h of event time. */
    public Builder maxOutOfOrderness(Duration value) {
      maxOutOfOrderness = Objects.requireNonNull(value);
      return this;
    }

    /** Default 30 s of wall time. */
    public Builder idleTimeout(Duration value) {
      idleTimeout = Objects.requireNonNull(value);
      return this;
    }

    /** How often the source emits watermarks, wall time (default 200 ms). */
    public Builder watermarkInterval(Duration value) {
      watermarkInterval = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Wall time after which a quiet partition declares its newest epoch complete (default 0: never;
     * opt-in for low-latency live feeds, at the price of determinism under pauses).
     */
    public Builder quietClose(Duration value) {
      quietClose = Objects.requireNonNull(value);
      return this;
    }

    /** Default 365 days of event-time silence. */
    public Builder stationRetirement(Duration value) {
      stationRetirement = Objects.requireNonNull(value);
      return this;
    }

    /** Default false: unknown stations are counted, not dead-lettered. */
    public Builder rejectUnknownStations(boolean value) {
      rejectUnknownStations = value;
      return this;
    }

    /** Accepted epochs, [from, to) (default 1980-01-06, the GPS epoch, to 2500-01-01). */
    public Builder epochRange(Instant from, Instant to) {
      minEpoch = Objects.requireNonNull(from);
      maxEpoch = Objects.requireNonNull(to);
      return this;
    }

    /** Default 1000 m. */
    public Builder maxDisplacementMeters(double value) {
      maxDisplacementMeters = value;
      return this;
    }

    /** Default 10 m. */
    public Builder maxSigmaMeters(double value) {
      maxSigmaMeters = value;
      return this;
    }

    /** Default 256 vectors per ONNX Runtime call. */
    public Builder maxBatch(int value) {
      maxBatch = value;
      return this;
    }

    /** Default {@link AlertPolicy#defaults()}. */
    public Builder alertPolicy(AlertPolicy value) {
      alertPolicy = Objects.requireNonNull(value);
      return this;
    }

    /** Default asperity-alerts. */
    public Builder transactionalIdPrefix(String value) {
      transactionalIdPrefix = value;
      return this;
    }

    /** Default {@link AlertPublication#defaults()}: sender asperity@localhost, status Exercise. */
    public Builder alertPublication(AlertPublication value) {
      alertPublication = Objects.requireNonNull(value);
      return this;
    }

    /** Default 127.0.0.1:9250. */
    public Builder metrics(MetricsEndpoint value) {
      metrics = Objects.requireNonNull(value);
      return this;
    }

    /** Default: the model on the class path. */
    public Builder modelFile(Path value) {
      modelFile = value;
      return this;
    }

    public JobOptions build() {
      return new JobOptions(this);
    }
  }
}
