package org.asperity.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.asperity.job.alerts.AlertPolicy;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.alerts.formats.CapArea;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.Topic;
import org.asperity.kafka.TopicNames;
import org.asperity.model.ModelTrust;
import org.asperity.time.DurationConverter;
import org.asperity.time.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flink run asperity-flink-job-*-job.jar [flags]}: builds the job from its flags and submits
 * it to the cluster the Flink client points at. Every flag has a default; {@code --help} lists
 * them.
 */
@Command(
    name = "asperity-job",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The Asperity Flink job: GNSS observations from Kafka to time-to-failure forecasts and alerts.",
      "Durations: " + Durations.GRAMMAR + "."
    })
public final class AsperityJob implements Callable<Integer> {

  /** The defaults of the flags: the options' own (picocli shows a field's initial value). */
  private static final TopicNames TOPICS = TopicNames.defaults();

  private static final AlertPolicy POLICY = AlertPolicy.defaults();
  private static final AlertPublication PUBLICATION = AlertPublication.defaults();
  private static final MetricsEndpoint METRICS = MetricsEndpoint.defaults();

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Option(names = "--observations-topic", description = "Default: ${DEFAULT-VALUE}.")
  String observationsTopic = TOPICS.observations();

  @Option(names = "--forecasts-topic", description = "Default: ${DEFAULT-VALUE}.")
  String forecastsTopic = TOPICS.forecasts();

  @Option(names = "--alerts-topic", description = "Default: ${DEFAULT-VALUE}.")
  String alertsTopic = TOPICS.alerts();

  @Option(
      names = "--alerts-cap-topic",
      description = "Alerts as CAP 1.2 XML. Default: ${DEFAULT-VALUE}.")
  String alertsCapTopic = TOPICS.alertsCap();

  @Option(
      names = "--alerts-json-topic",
      description = "Alerts as CloudEvents JSON. Default: ${DEFAULT-VALUE}.")
  String alertsJsonTopic = TOPICS.alertsJson();

  @Option(names = "--dead-letter-topic", description = "Default: ${DEFAULT-VALUE}.")
  String deadLetterTopic = TOPICS.observationsDeadLetter();

  @Option(names = "--models-topic", description = "Default: ${DEFAULT-VALUE}.")
  String modelsTopic = TOPICS.models();

  @Option(
      names = "--catalog-topic",
      description =
          "Earthquake catalog (./asperity catalog import): an imported earthquake of at least"
              + " the model's magnitude threshold sets its region's last large event, so a job"
              + " started after the last rupture needs only the window history. Read from the"
              + " beginning; a missing topic is picked up once it exists. Default: ${DEFAULT-VALUE}.")
  String catalogTopic = TOPICS.catalogEvents();

  @Option(
      names = "--no-catalog",
      description = "Read no catalog: only the earthquakes the stations show count.")
  boolean noCatalog;

  @Option(
      names = "--group-id",
      description =
          "Consumer group of the observations (the models use <group>-models). Default: ${DEFAULT-VALUE}.")
  String groupId = JobOptions.DEFAULT_GROUP_ID;

  @Option(
      names = "--starting-offsets",
      description =
          "Where to start without a checkpoint: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  JobOptions.StartingOffsets startingOffsets = JobOptions.DEFAULT_STARTING_OFFSETS;

  @Option(
      names = "--bounded",
      description = "Stop at the topics' end offsets at start (a replay), then finish.")
  boolean bounded;

  @Option(names = "--parallelism", description = "Default: ${DEFAULT-VALUE}.")
  int parallelism = JobOptions.DEFAULT_PARALLELISM;

  @Option(
      names = "--checkpoint-interval",
      converter = DurationConverter.class,
      description =
          "Exactly-once checkpoints; alerts become visible to read_committed consumers at each. Default: ${DEFAULT-VALUE}.")
  Duration checkpointInterval = JobOptions.DEFAULT_CHECKPOINT_INTERVAL;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "URI",
      description =
          "Checkpoint storage directory (default: the cluster's execution.checkpointing.dir).")
  String checkpointDirectory;

  @Option(
      names = "--state-backend",
      converter = StateBackendConverter.class,
      paramLabel = "hashmap|rocksdb",
      description =
          "Where keyed state lives: hashmap (the TaskManagers' heap, fastest, full checkpoints) or"
              + " rocksdb (local disk and managed memory: state beyond the heap, incremental"
              + " checkpoints, slower per record). An incremental RocksDB checkpoint restores only"
              + " into rocksdb: switch backends through a savepoint. Default: ${DEFAULT-VALUE}.")
  JobOptions.StateBackend stateBackend = JobOptions.DEFAULT_STATE_BACKEND;

  @Option(
      names = "--restart-attempts",
      paramLabel = "N",
      description =
          "Fixed-delay restarts after a failure (default: the cluster's restart strategy).")
  Integer restartAttempts;

  @Option(
      names = "--max-out-of-orderness",
      converter = DurationConverter.class,
      description =
          "Event-time disorder tolerated within a partition before a record is late. Default: ${DEFAULT-VALUE}.")
  Duration maxOutOfOrderness = JobOptions.DEFAULT_MAX_OUT_OF_ORDERNESS;

  @Option(
      names = "--idle-timeout",
      converter = DurationConverter.class,
      description =
          "Wall time after which a silent partition stops holding the watermark back (0 = never). Default: ${DEFAULT-VALUE}.")
  Duration idleTimeout = JobOptions.DEFAULT_IDLE_TIMEOUT;

  @Option(
      names = "--watermark-interval",
      converter = DurationConverter.class,
      description = "How often the source emits watermarks (wall time). Default: ${DEFAULT-VALUE}.")
  Duration watermarkInterval = JobOptions.DEFAULT_WATERMARK_INTERVAL;

  @Option(
      names = "--quiet-close",
      converter = DurationConverter.class,
      description =
          "Opt-in for live feeds: a partition quiet this long (wall time) closes its newest epoch's tick"
              + " at once instead of a sample later; a record of that epoch arriving after a longer pause is then"
              + " late. 0 = off (deterministic). Default: ${DEFAULT-VALUE}.")
  Duration quietClose = JobOptions.DEFAULT_QUIET_CLOSE;

  @Option(
      names = "--watermark-quorum",
      paramLabel = "N",
      description =
          "Stations of a partition whose epochs must reach an event time before the partition's"
              + " watermark moves to it, so no fewer can move time for the others. Default: ${DEFAULT-VALUE}.")
  int watermarkQuorum = JobOptions.DEFAULT_WATERMARK_QUORUM;

  @Option(
      names = "--max-epoch-lead",
      converter = DurationConverter.class,
      description =
          "A record this far ahead of its partition's stations is quarantined to the dead-letter topic"
              + " until its station falls back within it. Default: ${DEFAULT-VALUE}.")
  Duration maxEpochLead = JobOptions.DEFAULT_MAX_EPOCH_LEAD;

  @Option(
      names = "--max-read-ahead",
      converter = DurationConverter.class,
      description =
          "In a backlog (replay, catch-up), a partition read this far (event time) ahead of the"
              + " slowest pauses until it catches up, which bounds the state waiting for the"
              + " watermark; 0 = never pause. Default: ${DEFAULT-VALUE}.")
  Duration maxReadAhead = JobOptions.DEFAULT_MAX_READ_AHEAD;

  @Option(
      names = "--station-retirement",
      converter = DurationConverter.class,
      description =
          "Event-time silence after which a station's state is cleared, and a region's (features, alert state, gauges) or its --max-regions slot. Default: ${DEFAULT-VALUE}.")
  Duration stationRetirement = JobOptions.DEFAULT_STATION_RETIREMENT;

  @Option(
      names = "--max-regions",
      description =
          "Regions (networks) each validate subtask tracks; observations of further networks are"
              + " dead-lettered (UNKNOWN_STATION) until a tracked one has been silent for the"
              + " retirement period. Default: ${DEFAULT-VALUE}.")
  int maxRegions = JobOptions.DEFAULT_MAX_REGIONS;

  @Option(
      names = "--max-pending-samples",
      description =
          "Intervals one station may have open in the interval aggregation, and positions"
              + " waiting for their tick to close in the features; beyond, samples are"
              + " dead-lettered (OTHER). Default: ${DEFAULT-VALUE}.")
  int maxPendingSamples = JobOptions.DEFAULT_MAX_PENDING_SAMPLES;

  @Option(
      names = "--reject-unknown-stations",
      description =
          "Dead-letter observations of stations the model does not know (UNKNOWN_STATION) instead of counting them.")
  boolean rejectUnknownStations;

  @Option(
      names = "--min-epoch",
      description = "Earliest accepted epoch. Default: ${DEFAULT-VALUE}.")
  Instant minEpoch = JobOptions.DEFAULT_MIN_EPOCH;

  @Option(
      names = "--max-epoch",
      description = "Accepted epochs are before this. Default: ${DEFAULT-VALUE}.")
  Instant maxEpoch = JobOptions.DEFAULT_MAX_EPOCH;

  @Option(
      names = "--max-displacement",
      paramLabel = "METERS",
      description = "Largest plausible |east|, |north|, |up|. Default: ${DEFAULT-VALUE} m.")
  double maxDisplacementMeters = JobOptions.DEFAULT_MAX_DISPLACEMENT_METERS;

  @Option(
      names = "--max-sigma",
      paramLabel = "METERS",
      description = "Largest plausible sigma. Default: ${DEFAULT-VALUE} m.")
  double maxSigmaMeters = JobOptions.DEFAULT_MAX_SIGMA_METERS;

  @Option(
      names = "--max-batch",
      description = "Feature vectors per ONNX Runtime call, at most. Default: ${DEFAULT-VALUE}.")
  int maxBatch = JobOptions.DEFAULT_MAX_BATCH;

  @Option(
      names = "--watch-days",
      description =
          "WATCH when the median TTF is at most this many days. Default: ${DEFAULT-VALUE} (5 years).")
  double watchDays = POLICY.watchDays();

  @Option(
      names = "--warning-days",
      description =
          "WARNING when the median TTF is at most this many days. Default: ${DEFAULT-VALUE} (1 year).")
  double warningDays = POLICY.warningDays();

  @Option(
      names = "--alert-min-magnitude",
      description =
          "WATCH and WARNING need a forecast Mw of at least this. Default: ${DEFAULT-VALUE}.")
  double alertMinMagnitude = POLICY.minMagnitude();

  @Option(
      names = "--alert-enter-count",
      description =
          "Consecutive qualifying forecasts before a level is raised. Default: ${DEFAULT-VALUE}.")
  int alertEnterCount = POLICY.enterCount();

  @Option(
      names = "--alert-leave-count",
      description =
          "Consecutive non-sustaining forecasts before a level is lowered. Default: ${DEFAULT-VALUE}.")
  int alertLeaveCount = POLICY.leaveCount();

  @Option(
      names = "--alert-leave-margin",
      description =
          "A level is sustained while its horizon widened by this fraction holds. Default: ${DEFAULT-VALUE}.")
  double alertLeaveMargin = POLICY.leaveMargin();

  @Option(
      names = "--transactional-id-prefix",
      description =
          "Kafka transactional id prefix of the alert sinks: unique per job on a cluster, the same"
              + " when the job restores a checkpoint or savepoint (default: derived from --job-name,"
              + " --checkpoint-dir and the alerts topic).")
  String transactionalIdPrefix;

  @Option(
      names = "--cap-sender",
      description =
          "CAP sender (and CloudEvents source) of the published alerts. Default: ${DEFAULT-VALUE}.")
  String capSender = PUBLICATION.sender();

  @Option(
      names = "--cap-status",
      description =
          "CAP status of the published alerts: ${COMPLETION-CANDIDATES}. Simulated streams are not real"
              + " warnings. Default: ${DEFAULT-VALUE}.")
  AlertPublication.CapStatus capStatus = PUBLICATION.status();

  @Option(
      names = "--cap-areas",
      paramLabel = "FILE",
      description =
          "JSON file of each region's GNSS station positions, {\"REGION\": [[LATITUDE, LONGITUDE],"
              + " ...]} (WGS84 degrees): CAP alerts then draw the region as the stations' convex"
              + " hull (polygon) and a circle around them. Default: none (the region's name only).")
  Path capAreas;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "The ONNX model (default: the one built into the job jar, models/ttf-gbrt.onnx).")
  Path model;

  @Option(
      names = "--model-trust-key",
      paramLabel = "FILE",
      description =
          "An Ed25519 public key (PEM, X.509 SubjectPublicKeyInfo) whose signed releases on the"
              + " models topic may replace the model; repeatable. Without any, every release is"
              + " refused (the --model given at start is trusted: it comes from this disk).")
  List<Path> modelTrustKeys = new ArrayList<>();

  @Option(
      names = "--metrics-bind",
      description = "Address of the Prometheus scrape endpoint. Default: ${DEFAULT-VALUE}.")
  String metricsBind = METRICS.bind();

  @Option(
      names = "--metrics-port",
      description =
          "Port of http://BIND:PORT/metrics on every TaskManager (0: any free port, -1: none). Default: ${DEFAULT-VALUE}.")
  int metricsPort = METRICS.port();

  @Option(names = "--job-name", description = "Default: ${DEFAULT-VALUE}.")
  String jobName = "asperity";

  /** The options the flags describe. */
  public JobOptions options() {
    KafkaClientSettings kafkaSettings =
        KafkaClientSettings.fromCommandLine(
            kafka.bootstrapServers, kafka.configFile, kafka.properties);
    TopicNames topics =
        TOPICS
            .with(Topic.OBSERVATIONS, observationsTopic)
            .with(Topic.FORECASTS, forecastsTopic)
            .with(Topic.ALERTS, alertsTopic)
            .with(Topic.ALERTS_CAP, alertsCapTopic)
            .with(Topic.ALERTS_JSON, alertsJsonTopic)
            .with(Topic.OBSERVATIONS_DEAD_LETTER, deadLetterTopic)
            .with(Topic.MODELS, modelsTopic)
            .with(Topic.CATALOG_EVENTS, catalogTopic);
    return JobOptions.builder(kafkaSettings)
        .topics(topics)
        .groupId(groupId)
        .startingOffsets(startingOffsets)
        .bounded(bounded)
        .parallelism(parallelism)
        .checkpointInterval(checkpointInterval)
        .checkpointDirectory(checkpointDirectory)
        .restartAttempts(restartAttempts)
        .stateBackend(stateBackend)
        .maxOutOfOrderness(maxOutOfOrderness)
        .idleTimeout(idleTimeout)
        .watermarkInterval(watermarkInterval)
        .quietClose(quietClose)
        .watermarkQuorum(watermarkQuorum)
        .maxEpochLead(maxEpochLead)
        .maxReadAhead(maxReadAhead)
        .stationRetirement(stationRetirement)
        .rejectUnknownStations(rejectUnknownStations)
        .maxRegions(maxRegions)
        .maxPendingSamples(maxPendingSamples)
        .epochRange(minEpoch, maxEpoch)
        .maxDisplacementMeters(maxDisplacementMeters)
        .maxSigmaMeters(maxSigmaMeters)
        .maxBatch(maxBatch)
        .alertPolicy(
            new AlertPolicy(
                watchDays,
                warningDays,
                alertMinMagnitude,
                alertEnterCount,
                alertLeaveCount,
                alertLeaveMargin))
        .transactionalIdPrefix(
            transactionalIdPrefix != null
                ? transactionalIdPrefix
                : JobOptions.deploymentTransactionalIdPrefix(
                    jobName, checkpointDirectory, topics.alerts()))
        .alertPublication(new AlertPublication(capSender, capStatus, capAreas()))
        .metrics(new MetricsEndpoint(metricsBind, metricsPort))
        .modelFile(model)
        .modelTrust(modelTrust())
        .catalogInput(!noCatalog)
        .build();
  }

  private ModelTrust modelTrust() {
    try {
      return ModelTrust.read(modelTrustKeys);
    } catch (IOException e) {
      throw new IllegalArgumentException("--model-trust-key: " + e.getMessage(), e);
    }
  }

  private Map<String, CapArea> capAreas() {
    if (capAreas == null) {
      return Map.of();
    }
    try {
      return CapArea.ofStationsJson(Files.readString(capAreas));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--cap-areas " + capAreas + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws Exception {
    JobOptions options = options();
    JobModel jobModel = JobModel.load(options.modelFile());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobTopology.configure(env, options);
    JobTopology.build(env, options, jobModel);
    env.execute(jobName);
    return 0;
  }

  /**
   * The options these job arguments give, as the submitted job will read them: a launcher checks
   * the flags it passes on, and sizes its cluster for them (the state backend), before it starts
   * anything. A bad flag is refused in one line.
   */
  public static JobOptions parse(List<String> arguments) {
    CommandLine cli = commandLine();
    try {
      cli.parseArgs(arguments.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException("job flag: " + e.getMessage(), e);
    }
    return ((AsperityJob) cli.getCommand()).options();
  }

  /** The configured command line (tests check flags and help). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AsperityJob());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setDefaultValueProvider(AsperityJob::durationDefault);
    return cli;
  }

  /** A duration flag's default in the flags' own grammar (1h rather than Java's PT1H). */
  private static String durationDefault(CommandLine.Model.ArgSpec arg) {
    return arg.type() == Duration.class && arg.initialValue() instanceof Duration d
        ? Durations.format(d)
        : null;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
