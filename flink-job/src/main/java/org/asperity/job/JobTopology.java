package org.asperity.job;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.asperity.job.alerts.Alert;
import org.asperity.job.alerts.AlertPolicyFunction;
import org.asperity.job.alerts.formats.CapAlertFormatter;
import org.asperity.job.alerts.formats.CapValidation;
import org.asperity.job.catalog.CatalogRecord;
import org.asperity.job.catalog.NoCatalog;
import org.asperity.job.features.FeatureSpec;
import org.asperity.job.features.IntervalAggregation;
import org.asperity.job.features.LateToDeadLetter;
import org.asperity.job.features.ObservationTimeCoProcessOperator;
import org.asperity.job.features.RegionAssembly;
import org.asperity.job.features.RegionFeatures;
import org.asperity.job.features.SnapshotRecord;
import org.asperity.job.features.StationFeatures;
import org.asperity.job.features.StationStateLayout;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.ingest.Observation;
import org.asperity.job.ingest.PartitionWatermarks;
import org.asperity.job.ingest.SourceRecord;
import org.asperity.job.ingest.ValidateObservations;
import org.asperity.job.scoring.Forecast;
import org.asperity.job.scoring.JobModel;
import org.asperity.job.scoring.ScoringOperator;
import org.asperity.job.types.Micros;

/**
 * The Asperity job: GNSS observations in, time-to-failure forecasts and alerts out.
 *
 * <pre>
 * observations topic --[Kafka source, <b>decode</b>, per-partition watermarks]--&gt; <b>validate</b> --dead letters--+
 *   --keyBy station--&gt; <b>interval aggregation</b> (one position per tick interval) --late--------------+
 *   --same key, chained--&gt; <b>station features</b> --late--&gt; late to dead letters ------------------+
 *   --keyBy region---&gt; <b>region assembly</b> &lt;--keyBy region-- catalog source (last large earthquakes) |
 *   --&gt; <b>score</b> (ONNX Runtime) &lt;--broadcast-- models source                                     |
 *   --&gt; forecasts sink (at least once)                                                             |
 *   --keyBy region---&gt; <b>alert policy</b> --&gt; alerts and CloudEvents sinks (exactly once)           |
 *                        +--&gt; <b>CAP validation</b> (OASIS CAP 1.2 schema) --invalid CAP--------------+
 *                               --&gt; CAP sink (exactly once)                                        |
 *                                                         dead letters sink (at least once) &lt;------+
 * </pre>
 *
 * <p><b>Why decoding happens in the source.</b> Determinism comes first: the output must be a pure
 * function of the input records, whatever the speed, the interleaving of partitions, or a crash and
 * restore. So event time is the observation's epoch (in µs) from the payload, never the Kafka
 * timestamp (a wall-clock production time, used only for the end-to-end latency metric), and
 * watermarks are generated per Kafka partition inside the source, where each partition's records
 * are still in log order. That needs the epoch at the source, so the source's deserialization
 * schema is the decode step: it emits a decoded-or-failed record with the raw bytes and their
 * topic, partition, offset and Kafka timestamp; the watermark strategy's timestamp assigner takes
 * the epoch of valid records and ignores the rest. Validation is the next operator, chained.
 *
 * <p><b>Lateness.</b> A record is late iff its epoch is at or below the watermark its own partition
 * had reached before it (validate stamps that value on it), which depends on the partition's record
 * sequence only; that watermark follows a quorum of the partition's stations, and a record far
 * ahead of them is quarantined ({@link org.asperity.job.ingest.NetworkClock}), so no lone station
 * moves time for the others; the station operator, which closes a tick only when the combined
 * watermark passes it, can then never see a non-late record for a closed tick. The one exception is
 * idleness: a partition silent longer than the idle timeout (wall time, default a generous 30 s)
 * stops holding the watermark back; if it speaks again, its records may find their tick closed and
 * are dead-lettered as late. That trades determinism for liveness only in that case. The opt-in
 * quiet close ({@code --quiet-close}) makes the same trade for latency: a partition quiet for that
 * long closes its newest epoch's tick at once.
 *
 * <p>Every operator has a name and a stable uid (savepoints survive upgrades); record types have
 * their own serializers (generic types, hence Kryo, are disabled); objects are reused between
 * chained operators (every record type is immutable).
 */
public final class JobTopology {
  public static final String UID_OBSERVATIONS_SOURCE = "observations-source";
  public static final String UID_VALIDATE = "validate";
  public static final String UID_STATION_FEATURES = "station-features";
  public static final String UID_LATE_TO_DEAD_LETTERS = "late-to-dead-letters";
  public static final String UID_REGION_ASSEMBLY = "region-assembly";
  public static final String UID_CATALOG_SOURCE = "catalog-source";
  public static final String UID_NO_CATALOG = "no-catalog";
  public static final String UID_MODELS_SOURCE = "models-source";
  public static final String UID_SCORE = "score";
  public static final String UID_ALERT_POLICY = "alert-policy";
  public static final String UID_FORECASTS_SINK = "forecasts-sink";
  public static final String UID_ALERTS_SINK = "alerts-sink";
  public static final String UID_CAP_VALIDATION = "cap-validation";
  public static final String UID_CAP_ALERTS_SINK = "cap-alerts-sink";
  public static final String UID_CLOUD_EVENT_ALERTS_SINK = "cloud-event-alerts-sink";
  public static final String UID_DEAD_LETTERS_SINK = "dead-letters-sink";

  /** Between fixed-delay restarts: short, as a restart replays from the last checkpoint anyway. */
  static final Duration RESTART_DELAY = Duration.ofMillis(200);

  /** The streams of a built topology, for tests and tools that attach more sinks. */
  public record Streams(
      DataStream<Observation> observations,
      SingleOutputStreamOperator<RegionFeatures> features,
      SingleOutputStreamOperator<Forecast> forecasts,
      SingleOutputStreamOperator<Alert> alerts,
      DataStream<DeadLetterRecord> deadLetters) {}

  private JobTopology() {}

  /**
   * Applies the job's execution settings to {@code env}: parallelism, exactly-once checkpoints at
   * the interval (and their directory, if given, where they are retained when the job is
   * cancelled), the state backend (RocksDB with incremental checkpoints), the restart strategy if
   * given, object reuse, no generic types, the watermark interval.
   */
  public static void configure(StreamExecutionEnvironment env, JobOptions options) {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, options.watermarkInterval());
    // By name, not by class: a cluster's distribution provides the backend (lib/).
    conf.set(StateBackendOptions.STATE_BACKEND, options.stateBackend().flinkName());
    // RocksDB uploads only the files written since the previous checkpoint; the heap backend has
    // no incremental checkpoints and ignores the setting.
    conf.set(
        CheckpointingOptions.INCREMENTAL_CHECKPOINTS,
        options.stateBackend() == JobOptions.StateBackend.ROCKSDB);
    if (options.restartAttempts() != null) {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      conf.set(
          RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, options.restartAttempts());
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, RESTART_DELAY);
    }
    if (options.checkpointDirectory() != null) {
      // A cancelled job keeps its newest checkpoint there: the next deployment resumes from it
      // (flink run -s, ./asperity cluster) instead of starting from empty state. Without a
      // directory of its own the job leaves retention to the cluster's configuration.
      conf.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
      conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDirectory());
    }
    env.configure(conf);
    env.setParallelism(options.parallelism());
    if (!options.checkpointInterval().isZero()) {
      env.enableCheckpointing(
          options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    }
  }

  /**
   * How the station operator keeps its state on {@code backend}: whole on the heap, where an update
   * serializes nothing; in blocks with RocksDB, where every write is serialized and carried by the
   * next incremental checkpoint.
   */
  public static StationStateLayout stationStateLayout(JobOptions.StateBackend backend) {
    return backend == JobOptions.StateBackend.ROCKSDB
        ? StationStateLayout.BLOCKS
        : StationStateLayout.WHOLE;
  }

  /** Builds the whole job on {@code env} with {@code model} (its feature pipeline is the job's). */
  public static Streams build(StreamExecutionEnvironment env, JobOptions options, JobModel model) {
    return build(env, options, model, UnaryOperator.identity());
  }

  /**
   * As {@link #build(StreamExecutionEnvironment, JobOptions, JobModel)}, with {@code tap} applied
   * to the validated observations before they are keyed by station (tests inject failures there).
   */
  public static Streams build(
      StreamExecutionEnvironment env,
      JobOptions options,
      JobModel model,
      UnaryOperator<DataStream<Observation>> tap) {
    return build(env, options, model, Taps.validated(tap));
  }

  /**
   * Where a test reaches into the topology: the observations source as built (to wrap it, e.g. to
   * hold its input until a checkpoint), and the validated observations before they are keyed by
   * station (to inject failures). Neither changes an operator's uid.
   */
  public record Taps(
      UnaryOperator<Source<SourceRecord, ?, ?>> observationsSource,
      UnaryOperator<DataStream<Observation>> validated) {
    /** Nothing tapped. */
    public static final Taps NONE = new Taps(UnaryOperator.identity(), UnaryOperator.identity());

    /** Only {@code tap} on the validated observations. */
    public static Taps validated(UnaryOperator<DataStream<Observation>> tap) {
      return new Taps(UnaryOperator.identity(), tap);
    }
  }

  /** As {@link #build(StreamExecutionEnvironment, JobOptions, JobModel)}, with {@code taps}. */
  public static Streams build(
      StreamExecutionEnvironment env, JobOptions options, JobModel model, Taps taps) {
    FeatureSpec spec = model.featureSpec();
    var rules = options.rules();
    String observationsTopic = options.topics().observations();

    WatermarkStrategy<SourceRecord> watermarks =
        PartitionWatermarks.strategy(
            rules,
            options.maxOutOfOrderness(),
            options.idleTimeout(),
            options.quietClose(),
            options.timeQuorum(),
            options.effectiveReadAhead());
    DataStream<SourceRecord> decoded =
        env.fromSource(
                taps.observationsSource().apply(KafkaConnectors.observations(options)),
                watermarks,
                "decode: observations source")
            .uid(UID_OBSERVATIONS_SOURCE);

    SingleOutputStreamOperator<Observation> validated =
        decoded
            .process(
                new ValidateObservations(
                    rules,
                    Micros.of(options.maxOutOfOrderness()),
                    spec.stationCodes(),
                    options.rejectUnknownStations(),
                    options.maxRegions(),
                    Micros.of(options.stationRetirement()),
                    options.metrics(),
                    options.timeQuorum()),
                Observation.TYPE_INFO)
            .name("validate")
            .uid(UID_VALIDATE);
    DataStream<Observation> observations = taps.validated().apply(validated);

    IntervalAggregation.Wiring intervals =
        IntervalAggregation.apply(
            observations, spec, options.maxPendingSamples(), observationsTopic, options.metrics());
    SingleOutputStreamOperator<SnapshotRecord> snapshots =
        intervals
            .positions()
            .process(
                new StationFeatures(
                    spec,
                    Micros.of(options.stationRetirement()),
                    options.maxPendingSamples(),
                    observationsTopic,
                    options.metrics(),
                    stationStateLayout(options.stateBackend())),
                SnapshotRecord.TYPE_INFO)
            .name("station features")
            .uid(UID_STATION_FEATURES);

    DataStream<DeadLetterRecord> late =
        snapshots
            .getSideOutput(StationFeatures.LATE)
            .map(new LateToDeadLetter(observationsTopic), DeadLetterRecord.TYPE_INFO)
            .name("late to dead letters")
            .uid(UID_LATE_TO_DEAD_LETTERS);

    DataStream<CatalogRecord> catalog =
        KafkaConnectors.readsCatalog(options)
            ? env.fromSource(
                    KafkaConnectors.catalog(options),
                    WatermarkStrategy.noWatermarks(),
                    "catalog source")
                .uid(UID_CATALOG_SOURCE)
                .setParallelism(1)
            : snapshots
                .flatMap(new NoCatalog<>(), CatalogRecord.TYPE_INFO)
                .name("no catalog")
                .uid(UID_NO_CATALOG);
    SingleOutputStreamOperator<RegionFeatures> features =
        snapshots
            .connect(catalog)
            .keyBy(SnapshotRecord::region, CatalogRecord::region, Types.STRING)
            .transform(
                "region assembly",
                RegionFeatures.TYPE_INFO,
                new ObservationTimeCoProcessOperator<>(
                    new RegionAssembly(
                        spec,
                        Micros.of(options.stationRetirement()),
                        model.magnitudeThreshold(),
                        options.metrics())))
            .uid(UID_REGION_ASSEMBLY);

    DataStream<byte[]> releases =
        env.fromSource(
                KafkaConnectors.modelReleases(options),
                WatermarkStrategy.noWatermarks(),
                "models source")
            .uid(UID_MODELS_SOURCE)
            .setParallelism(1);

    SingleOutputStreamOperator<Forecast> forecasts =
        features
            .connect(releases.broadcast())
            .transform(
                "score",
                Forecast.TYPE_INFO,
                new ScoringOperator(
                    model, options.maxBatch(), options.metrics(), options.modelTrust()))
            .uid(UID_SCORE);
    forecasts
        .sinkTo(KafkaConnectors.forecasts(options))
        .name("forecasts sink")
        .uid(UID_FORECASTS_SINK);

    SingleOutputStreamOperator<Alert> alerts =
        forecasts
            .keyBy(Forecast::region, Types.STRING)
            .process(
                new AlertPolicyFunction(
                    options.alertPolicy(),
                    Micros.of(options.stationRetirement()),
                    options.metrics()),
                Alert.TYPE_INFO)
            .name("alert policy")
            .uid(UID_ALERT_POLICY);
    alerts.sinkTo(KafkaConnectors.alerts(options)).name("alerts sink").uid(UID_ALERTS_SINK);
    SingleOutputStreamOperator<Alert> validCap =
        alerts
            .process(
                new CapValidation(
                    new CapAlertFormatter(options.alertPublication())::format,
                    options.topics().alertsCap()),
                Alert.TYPE_INFO)
            .name("CAP validation")
            .uid(UID_CAP_VALIDATION);
    validCap
        .sinkTo(KafkaConnectors.capAlerts(options))
        .name("CAP alerts sink")
        .uid(UID_CAP_ALERTS_SINK);
    alerts
        .sinkTo(KafkaConnectors.cloudEventAlerts(options))
        .name("CloudEvents alerts sink")
        .uid(UID_CLOUD_EVENT_ALERTS_SINK);

    DataStream<DeadLetterRecord> deadLetters =
        validated
            .getSideOutput(ValidateObservations.DEAD_LETTERS)
            .union(
                snapshots.getSideOutput(StationFeatures.REFUSED),
                late,
                features.getSideOutput(RegionAssembly.CATALOG_DEAD_LETTERS),
                intervals.deadLetters(),
                validCap.getSideOutput(CapValidation.DEAD_LETTERS));
    deadLetters
        .sinkTo(KafkaConnectors.deadLetters(options))
        .name("dead letters sink")
        .uid(UID_DEAD_LETTERS_SINK);

    return new Streams(observations, features, forecasts, alerts, deadLetters);
  }
}
