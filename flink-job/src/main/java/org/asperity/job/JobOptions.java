package org.asperity.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.asperity.job.alerts.AlertPolicy;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.ingest.ObservationRules;
import org.asperity.job.ingest.PartitionWatermarks;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.types.Micros;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.asperity.model.ModelTrust;

/**
 * Everything the job's topology is built from; {@link #builder} starts from the defaults below,
 * which are also the command line's ({@link AsperityJob}). The command line and the in-process
 * launcher ({@link LocalJob}) both fill one.
 *
 * @param bounded read the observations and models up to their end offsets at start, then finish
 *     (replays, benchmarks, tests)
 * @param checkpointInterval zero: no checkpoints (then alerts are not transactional either: nothing
 *     commits them)
 * @param checkpointDirectory {@code execution.checkpointing.dir} URI, or null to leave it to the
 *     cluster's configuration
 * @param restartAttempts fixed-delay restart attempts, or null for Flink's configured strategy
 * @param idleTimeout zero: partitions are never marked idle
 * @param quietClose zero: ticks close only by the bounded out-of-orderness; see {@code
 *     PartitionWatermarks}
 * @param minEpoch earliest accepted epoch
 * @param maxEpoch accepted epochs are before this
 * @param alertPublication CAP sender and status of the published alerts
 * @param modelFile the model file, or null for the default model on the class path
 * @param watermarkQuorum stations of a partition whose epochs must reach an event time before it is
 *     the partition's; see {@code NetworkClock}
 * @param maxEpochLead how far ahead of its partition's stations a record may be before it is
 *     quarantined (dead-lettered)
 * @param maxReadAhead how far (event time) a partition may be read ahead of the slowest before its
 *     reading pauses; zero: never paused
 * @param maxRegions regions (networks) each validate subtask admits to keyed state; see {@code
 *     ValidateObservations}
 * @param maxPendingSamples samples one station may have waiting for their tick to close
 * @param modelTrust the keys whose signed releases on the models topic may replace the model (none:
 *     every release is refused)
 * @param catalogInput read the catalog topic for each region's last large earthquake (see {@code
 *     RegionAssembly}); off: only the earthquakes the stations show count
 * @param stateBackend where keyed state lives, and so how it is checkpointed
 */
public record JobOptions(
    KafkaClientSettings kafka,
    TopicNames topics,
    String groupId,
    StartingOffsets startingOffsets,
    boolean bounded,
    int parallelism,
    Duration checkpointInterval,
    String checkpointDirectory,
    Integer restartAttempts,
    Duration maxOutOfOrderness,
    Duration idleTimeout,
    Duration watermarkInterval,
    Duration quietClose,
    Duration stationRetirement,
    boolean rejectUnknownStations,
    Instant minEpoch,
    Instant maxEpoch,
    double maxDisplacementMeters,
    double maxSigmaMeters,
    int maxBatch,
    AlertPolicy alertPolicy,
    String transactionalIdPrefix,
    AlertPublication alertPublication,
    MetricsEndpoint metrics,
    Path modelFile,
    int watermarkQuorum,
    Duration maxEpochLead,
    Duration maxReadAhead,
    // Bounded state.
    int maxRegions,
    int maxPendingSamples,
    // Trusted model releases.
    ModelTrust modelTrust,
    boolean catalogInput,
    StateBackend stateBackend) {
  /** Where offsets start when the job has no checkpoint to restore from. */
  public enum StartingOffsets {
    /** The consumer group's committed offsets; the earliest where it has none. */
    COMMITTED,
    /** The beginning of every partition: a full replay. */
    EARLIEST,
    /** The end of every partition: only what arrives from now on. */
    LATEST
  }

  /**
   * Where keyed state lives. Its name is the value of Flink's {@code state.backend.type}: the job
   * names the backend by configuration only, so a Flink distribution's own copy serves it.
   */
  public enum StateBackend {
    /**
     * Objects on the TaskManagers' heap: the fastest reads and writes; every station's state must
     * fit the heap (~74 KiB each with the default windows); every checkpoint is a full copy.
     */
    HASHMAP("hashmap"),
    /**
     * RocksDB on each TaskManager's local disk, serialized, its caches in Flink's managed memory:
     * state beyond the heap, at the price of (de)serializing a station's state on every access;
     * incremental checkpoints (only the files written since the last one).
     */
    ROCKSDB("rocksdb");

    private final String flinkName;

    StateBackend(String flinkName) {
      this.flinkName = flinkName;
    }

    /** The value of Flink's {@code state.backend.type}. */
    public String flinkName() {
      return flinkName;
    }

    /** By name, any case. */
    public static StateBackend parse(String name) {
      for (StateBackend b : values()) {
        if (b.flinkName.equalsIgnoreCase(name.strip())) {
          return b;
        }
      }
      throw new IllegalArgumentException(
          "unknown state backend '" + name + "': hashmap or rocksdb");
    }

    @Override
    public String toString() {
      return flinkName;
    }
  }

  public static final String DEFAULT_GROUP_ID = "asperity-job";
  public static final StartingOffsets DEFAULT_STARTING_OFFSETS = StartingOffsets.COMMITTED;

  /** State on the heap: the job's state is small (a few hundred MiB for 2,600 stations). */
  public static final StateBackend DEFAULT_STATE_BACKEND = StateBackend.HASHMAP;

  /** This machine's cores. */
  public static final int DEFAULT_PARALLELISM = 2;

  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(5);

  /** Of event time. */
  public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofHours(1);

  /** Of wall time: generous, as an idle partition trades determinism for liveness. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Short: a partition paused by the read-ahead bound learns how far it may read from the
   * watermarks reported at this interval, so a backlog advances at most {@link
   * #DEFAULT_MAX_READ_AHEAD} per interval (at 200 ms the demo's warm-up crawled at 300 days of
   * event time per second).
   */
  public static final Duration DEFAULT_WATERMARK_INTERVAL = Duration.ofMillis(20);

  /** Off: deterministic. */
  public static final Duration DEFAULT_QUIET_CLOSE = Duration.ZERO;

  /** Of event-time silence. */
  public static final Duration DEFAULT_STATION_RETIREMENT = Duration.ofDays(365);

  /** The GPS epoch. */
  public static final Instant DEFAULT_MIN_EPOCH = Instant.parse("1980-01-06T00:00:00Z");

  public static final Instant DEFAULT_MAX_EPOCH = Instant.parse("2500-01-01T00:00:00Z");
  public static final double DEFAULT_MAX_DISPLACEMENT_METERS = 1000.0;
  public static final double DEFAULT_MAX_SIGMA_METERS = 10.0;

  /** Feature vectors per ONNX Runtime call. */
  public static final int DEFAULT_MAX_BATCH = 256;

  /**
   * Base of the alert sinks' transactional id prefix. Used as is only by tests and embedded runs
   * that set nothing else: a deployment's prefix comes from {@link
   * #deploymentTransactionalIdPrefix} or the operator, a demo's is one per run.
   */
  public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "asperity-alerts";

  /** Two: no station alone moves its partition's time. */
  public static final int DEFAULT_WATERMARK_QUORUM = 2;

  /**
   * Thirty days: far beyond any honest lead (clock drift, buffered uploads: hours), far below the
   * errors seen in the field (GPS week rollover: 1024 weeks; firmware: decades), and longer than
   * most whole-network outages, which then resume without a record quarantined.
   */
  public static final Duration DEFAULT_MAX_EPOCH_LEAD = Duration.ofDays(30);

  /**
   * Sixty days. A backlog (replay, catch-up after an outage) is read partition by partition at
   * similar records per second, so a partition with fewer stations runs ahead in event time, and
   * everything it is ahead of the slowest waits in keyed state for the watermark: unbounded, two
   * years after a three-year replay, enough to exhaust a TaskManager's heap. Pausing a partition
   * this far ahead bounds that state to about sixty open days per station. Flink 2.2 re-announces
   * the allowed watermark every {@link PartitionWatermarks#READ_AHEAD_UPDATE_INTERVAL} from the
   * watermarks the readers emitted (every {@link #DEFAULT_WATERMARK_INTERVAL}), so a backlog
   * advances at most this far per interval (FLINK-37399): about 3,000 days of event time per
   * second, a century of daily data in twelve seconds. Live, every partition is at the present and
   * nothing pauses.
   */
  public static final Duration DEFAULT_MAX_READ_AHEAD = Duration.ofDays(60);

  /**
   * Well above the megathrust zones with dense GNSS networks (a few dozen worldwide), well below
   * what a flood of made-up networks would need: at ~74 KiB per station, 64 regions of 20 stations
   * keep a subtask's feature state under 100 MiB.
   */
  public static final int DEFAULT_MAX_REGIONS = 64;

  /**
   * A day of 1 Hz samples, or centuries of daily ones: only a watermark stalled far beyond the
   * out-of-orderness bound lets this many wait (~9 MiB for the station).
   */
  public static final int DEFAULT_MAX_PENDING_SAMPLES = 100_000;

  /**
   * The alert sinks' transactional id prefix of one deployment: unique per job name, checkpoint
   * directory and alerts topic, and the same across the deployment's restarts and restores. Two
   * jobs sharing a prefix on one cluster fence each other's producers: each aborts the other's open
   * transactions (ids {@code prefix-subtask-checkpoint} coincide) and their alerts are lost, which
   * the connector reports as "producer is already fenced ... most likely signals data loss". The
   * Flink Kafka connector's documentation (KafkaSink, exactly once): "Please ensure that you use
   * unique transactionalIdPrefix across your applications running on the same Kafka cluster such
   * that multiple running jobs do not interfere in their transactions!"
   *
   * @param checkpointDirectory null for the cluster's configured one
   */
  public static String deploymentTransactionalIdPrefix(
      String jobName, String checkpointDirectory, String alertsTopic) {
    String identity =
        jobName + "\n" + Objects.requireNonNullElse(checkpointDirectory, "") + "\n" + alertsTopic;
    byte[] digest;
    try {
      digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK provides SHA-256", e);
    }
    String name = jobName.replaceAll("[^A-Za-z0-9._-]", "_");
    return DEFAULT_TRANSACTIONAL_ID_PREFIX
        + "-"
        + name
        + "-"
        + HexFormat.of().formatHex(digest, 0, 6);
  }

  public JobOptions {
    Objects.requireNonNull(kafka, "Kafka settings (bootstrap servers) are required");
    Objects.requireNonNull(modelTrust, "model trust (possibly none) is required");
    Objects.requireNonNull(stateBackend, "a state backend is required");
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
    if (maxRegions < 1 || maxPendingSamples < 1) {
      throw new IllegalArgumentException("the region and pending-sample caps must be positive");
    }
    new ObservationRules(
        Micros.of(minEpoch), Micros.of(maxEpoch), maxDisplacementMeters, maxSigmaMeters);
    if (maxReadAhead.isNegative()) {
      throw new IllegalArgumentException("the read-ahead must not be negative");
    }
    if (watermarkQuorum < 1 || maxEpochLead.isNegative()) {
      throw new IllegalArgumentException(
          "the watermark quorum must be positive and the epoch lead not negative");
    }
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
    b.watermarkQuorum = watermarkQuorum;
    b.maxEpochLead = maxEpochLead;
    b.maxReadAhead = maxReadAhead;
    b.maxRegions = maxRegions;
    b.maxPendingSamples = maxPendingSamples;
    b.modelTrust = modelTrust;
    b.catalogInput = catalogInput;
    b.stateBackend = stateBackend;
    return b;
  }

  /**
   * The read-ahead bound the source applies: none in a bounded job. Kafka connector 5.0.0 may pause
   * a partition that has just reached its end offset and been unassigned, and fails with "No
   * current assignment for partition" (FLINK-39728, fixed after 5.0.0): a bounded replay then
   * restarts again and again.
   */
  public Duration effectiveReadAhead() {
    return bounded ? Duration.ZERO : maxReadAhead;
  }

  /** How each partition's stations agree on its event time. */
  public PartitionWatermarks.TimeQuorum timeQuorum() {
    return new PartitionWatermarks.TimeQuorum(watermarkQuorum, Micros.of(maxEpochLead));
  }

  public ObservationRules rules() {
    return new ObservationRules(
        Micros.of(minEpoch), Micros.of(maxEpoch), maxDisplacementMeters, maxSigmaMeters);
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private final KafkaClientSettings kafka;
    private TopicNames topics = TopicNames.defaults();
    private String groupId = DEFAULT_GROUP_ID;
    private StartingOffsets startingOffsets = DEFAULT_STARTING_OFFSETS;
    private boolean bounded;
    private int parallelism = DEFAULT_PARALLELISM;
    private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
    private String checkpointDirectory;
    private Integer restartAttempts;
    private Duration maxOutOfOrderness = DEFAULT_MAX_OUT_OF_ORDERNESS;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration watermarkInterval = DEFAULT_WATERMARK_INTERVAL;
    private Duration quietClose = DEFAULT_QUIET_CLOSE;
    private Duration stationRetirement = DEFAULT_STATION_RETIREMENT;
    private boolean rejectUnknownStations;
    private Instant minEpoch = DEFAULT_MIN_EPOCH;
    private Instant maxEpoch = DEFAULT_MAX_EPOCH;
    private double maxDisplacementMeters = DEFAULT_MAX_DISPLACEMENT_METERS;
    private double maxSigmaMeters = DEFAULT_MAX_SIGMA_METERS;
    private int maxBatch = DEFAULT_MAX_BATCH;
    private AlertPolicy alertPolicy = AlertPolicy.defaults();
    private String transactionalIdPrefix = DEFAULT_TRANSACTIONAL_ID_PREFIX;
    private AlertPublication alertPublication = AlertPublication.defaults();
    private MetricsEndpoint metrics = MetricsEndpoint.defaults();
    private Path modelFile;
    private int watermarkQuorum = DEFAULT_WATERMARK_QUORUM;
    private Duration maxEpochLead = DEFAULT_MAX_EPOCH_LEAD;
    private Duration maxReadAhead = DEFAULT_MAX_READ_AHEAD;
    private int maxRegions = DEFAULT_MAX_REGIONS;
    private int maxPendingSamples = DEFAULT_MAX_PENDING_SAMPLES;
    private ModelTrust modelTrust = ModelTrust.none();
    private boolean catalogInput = true;
    private StateBackend stateBackend = DEFAULT_STATE_BACKEND;

    private Builder(KafkaClientSettings kafka) {
      this.kafka = kafka;
    }

    /** Topic names (default: {@link TopicNames#defaults()}). */
    public Builder topics(TopicNames value) {
      topics = Objects.requireNonNull(value);
      return this;
    }

    /** Consumer group of the observations source (the models source adds "-models"). */
    public Builder groupId(String value) {
      groupId = value;
      return this;
    }

    /** COMMITTED starts a new group at the earliest offsets. */
    public Builder startingOffsets(StartingOffsets value) {
      startingOffsets = Objects.requireNonNull(value);
      return this;
    }

    /** Default false: run until cancelled. */
    public Builder bounded(boolean value) {
      bounded = value;
      return this;
    }

    public Builder parallelism(int value) {
      parallelism = value;
      return this;
    }

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

    public Builder maxOutOfOrderness(Duration value) {
      maxOutOfOrderness = Objects.requireNonNull(value);
      return this;
    }

    public Builder idleTimeout(Duration value) {
      idleTimeout = Objects.requireNonNull(value);
      return this;
    }

    /** How often the source emits watermarks, wall time. */
    public Builder watermarkInterval(Duration value) {
      watermarkInterval = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Wall time after which a quiet partition declares its newest epoch complete (zero: never;
     * opt-in for low-latency live feeds, at the price of determinism under pauses).
     */
    public Builder quietClose(Duration value) {
      quietClose = Objects.requireNonNull(value);
      return this;
    }

    public Builder stationRetirement(Duration value) {
      stationRetirement = Objects.requireNonNull(value);
      return this;
    }

    /** Default false: unknown stations are counted, not dead-lettered. */
    public Builder rejectUnknownStations(boolean value) {
      rejectUnknownStations = value;
      return this;
    }

    /** Accepted epochs, [from, to). */
    public Builder epochRange(Instant from, Instant to) {
      minEpoch = Objects.requireNonNull(from);
      maxEpoch = Objects.requireNonNull(to);
      return this;
    }

    public Builder maxDisplacementMeters(double value) {
      maxDisplacementMeters = value;
      return this;
    }

    public Builder maxSigmaMeters(double value) {
      maxSigmaMeters = value;
      return this;
    }

    public Builder maxBatch(int value) {
      maxBatch = value;
      return this;
    }

    /** Default {@link AlertPolicy#defaults()}. */
    public Builder alertPolicy(AlertPolicy value) {
      alertPolicy = Objects.requireNonNull(value);
      return this;
    }

    public Builder transactionalIdPrefix(String value) {
      transactionalIdPrefix = value;
      return this;
    }

    /** Default {@link AlertPublication#defaults()}. */
    public Builder alertPublication(AlertPublication value) {
      alertPublication = Objects.requireNonNull(value);
      return this;
    }

    public Builder metrics(MetricsEndpoint value) {
      metrics = Objects.requireNonNull(value);
      return this;
    }

    public Builder watermarkQuorum(int value) {
      watermarkQuorum = value;
      return this;
    }

    public Builder maxEpochLead(Duration value) {
      maxEpochLead = Objects.requireNonNull(value);
      return this;
    }

    public Builder maxReadAhead(Duration value) {
      maxReadAhead = Objects.requireNonNull(value);
      return this;
    }

    public Builder maxRegions(int value) {
      maxRegions = value;
      return this;
    }

    public Builder maxPendingSamples(int value) {
      maxPendingSamples = value;
      return this;
    }

    /** Default: the model on the class path. */
    public Builder modelFile(Path value) {
      modelFile = value;
      return this;
    }

    /** Default: none, every release on the models topic is refused. */
    public Builder modelTrust(ModelTrust value) {
      modelTrust = Objects.requireNonNull(value);
      return this;
    }

    /** Default true: the catalog topic tells the job of large earthquakes too. */
    public Builder catalogInput(boolean value) {
      catalogInput = value;
      return this;
    }

    /** Default {@link #DEFAULT_STATE_BACKEND}. */
    public Builder stateBackend(StateBackend value) {
      stateBackend = Objects.requireNonNull(value);
      return this;
    }

    public JobOptions build() {
      return new JobOptions(
          kafka,
          topics,
          groupId,
          startingOffsets,
          bounded,
          parallelism,
          checkpointInterval,
          checkpointDirectory,
          restartAttempts,
          maxOutOfOrderness,
          idleTimeout,
          watermarkInterval,
          quietClose,
          stationRetirement,
          rejectUnknownStations,
          minEpoch,
          maxEpoch,
          maxDisplacementMeters,
          maxSigmaMeters,
          maxBatch,
          alertPolicy,
          transactionalIdPrefix,
          alertPublication,
          metrics,
          modelFile,
          watermarkQuorum,
          maxEpochLead,
          maxReadAhead,
          maxRegions,
          maxPendingSamples,
          modelTrust,
          catalogInput,
          stateBackend);
    }
  }
}
