package org.asperity.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.asperity.job.alerts.AlertPolicy;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.Topic;
import org.asperity.kafka.TopicNames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
      "Durations: 500ms, 30s, 5m, 2h, 365d or ISO-8601 (PT30S)."
    })
public final class AsperityJob implements Callable<Integer> {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description =
          "The Kafka cluster (or give bootstrap.servers in --kafka-config / --kafka-property).")
  String bootstrapServers;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description =
          "A Kafka client property for every client of the job; repeatable, wins over --kafka-config.")
  List<String> kafkaProperties = new ArrayList<>();

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "A Java properties file of Kafka client properties (SASL, SSL truststores, ...).")
  Path kafkaConfig;

  @Option(
      names = "--observations-topic",
      defaultValue = "gnss.observations",
      description = "Default: ${DEFAULT-VALUE}.")
  String observationsTopic;

  @Option(
      names = "--forecasts-topic",
      defaultValue = "ttf.forecasts",
      description = "Default: ${DEFAULT-VALUE}.")
  String forecastsTopic;

  @Option(
      names = "--alerts-topic",
      defaultValue = "ttf.alerts",
      description = "Default: ${DEFAULT-VALUE}.")
  String alertsTopic;

  @Option(
      names = "--alerts-cap-topic",
      defaultValue = "ttf.alerts.cap",
      description = "Alerts as CAP 1.2 XML. Default: ${DEFAULT-VALUE}.")
  String alertsCapTopic;

  @Option(
      names = "--alerts-json-topic",
      defaultValue = "ttf.alerts.json",
      description = "Alerts as CloudEvents JSON. Default: ${DEFAULT-VALUE}.")
  String alertsJsonTopic;

  @Option(
      names = "--dead-letter-topic",
      defaultValue = "gnss.observations.dlq",
      description = "Default: ${DEFAULT-VALUE}.")
  String deadLetterTopic;

  @Option(
      names = "--models-topic",
      defaultValue = "models",
      description = "Default: ${DEFAULT-VALUE}.")
  String modelsTopic;

  @Option(
      names = "--group-id",
      defaultValue = "asperity-job",
      description =
          "Consumer group of the observations (the models use <group>-models). Default: ${DEFAULT-VALUE}.")
  String groupId;

  @Option(
      names = "--starting-offsets",
      defaultValue = "COMMITTED",
      description =
          "Where to start without a checkpoint: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  JobOptions.StartingOffsets startingOffsets;

  @Option(
      names = "--bounded",
      description = "Stop at the topics' end offsets at start (a replay), then finish.")
  boolean bounded;

  @Option(names = "--parallelism", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "Exactly-once checkpoints; alerts become visible to read_committed consumers at each. Default: ${DEFAULT-VALUE}.")
  Duration checkpointInterval;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "URI",
      description =
          "Checkpoint storage directory (default: the cluster's execution.checkpointing.dir).")
  String checkpointDirectory;

  @Option(
      names = "--restart-attempts",
      paramLabel = "N",
      description =
          "Fixed-delay restarts after a failure (default: the cluster's restart strategy).")
  Integer restartAttempts;

  @Option(
      names = "--max-out-of-orderness",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "Event-time disorder tolerated within a partition before a record is late. Default: ${DEFAULT-VALUE}.")
  Duration maxOutOfOrderness;

  @Option(
      names = "--idle-timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "Wall time after which a silent partition stops holding the watermark back (0 = never). Default: ${DEFAULT-VALUE}.")
  Duration idleTimeout;

  @Option(
      names = "--watermark-interval",
      defaultValue = "200ms",
      converter = DurationConverter.class,
      description = "How often the source emits watermarks (wall time). Default: ${DEFAULT-VALUE}.")
  Duration watermarkInterval;

  @Option(
      names = "--quiet-close",
      defaultValue = "0s",
      converter = DurationConverter.class,
      description =
          "Opt-in for live feeds: a partition quiet this long (wall time) closes its newest epoch's tick"
              + " at once instead of a sample later; a record of that epoch arriving after a longer pause is then"
              + " late. 0 = off (deterministic). Default: ${DEFAULT-VALUE}.")
  Duration quietClose;

  @Option(
      names = "--station-retirement",
      defaultValue = "365d",
      converter = DurationConverter.class,
      description =
          "Event-time silence after which a station's state is cleared. Default: ${DEFAULT-VALUE}.")
  Duration stationRetirement;

  @Option(
      names = "--reject-unknown-stations",
      description =
          "Dead-letter observations of stations the model does not know (UNKNOWN_STATION) instead of counting them.")
  boolean rejectUnknownStations;

  @Option(
      names = "--min-epoch",
      defaultValue = "1980-01-06T00:00:00Z",
      description = "Earliest accepted epoch. Default: ${DEFAULT-VALUE}.")
  Instant minEpoch;

  @Option(
      names = "--max-epoch",
      defaultValue = "2500-01-01T00:00:00Z",
      description = "Accepted epochs are before this. Default: ${DEFAULT-VALUE}.")
  Instant maxEpoch;

  @Option(
      names = "--max-displacement",
      defaultValue = "1000",
      paramLabel = "METERS",
      description = "Largest plausible |east|, |north|, |up|. Default: ${DEFAULT-VALUE} m.")
  double maxDisplacementMeters;

  @Option(
      names = "--max-sigma",
      defaultValue = "10",
      paramLabel = "METERS",
      description = "Largest plausible sigma. Default: ${DEFAULT-VALUE} m.")
  double maxSigmaMeters;

  @Option(
      names = "--max-batch",
      defaultValue = "256",
      description = "Feature vectors per ONNX Runtime call, at most. Default: ${DEFAULT-VALUE}.")
  int maxBatch;

  @Option(
      names = "--watch-days",
      defaultValue = "1826.25",
      description =
          "WATCH when the median TTF is at most this many days. Default: ${DEFAULT-VALUE} (5 years).")
  double watchDays;

  @Option(
      names = "--warning-days",
      defaultValue = "365.25",
      description =
          "WARNING when the median TTF is at most this many days. Default: ${DEFAULT-VALUE} (1 year).")
  double warningDays;

  @Option(
      names = "--alert-min-magnitude",
      defaultValue = "7.0",
      description =
          "WATCH and WARNING need a forecast Mw of at least this. Default: ${DEFAULT-VALUE}.")
  double alertMinMagnitude;

  @Option(
      names = "--alert-enter-count",
      defaultValue = "3",
      description =
          "Consecutive qualifying forecasts before a level is raised. Default: ${DEFAULT-VALUE}.")
  int alertEnterCount;

  @Option(
      names = "--alert-leave-count",
      defaultValue = "5",
      description =
          "Consecutive non-sustaining forecasts before a level is lowered. Default: ${DEFAULT-VALUE}.")
  int alertLeaveCount;

  @Option(
      names = "--alert-leave-margin",
      defaultValue = "0.25",
      description =
          "A level is sustained while its horizon widened by this fraction holds. Default: ${DEFAULT-VALUE}.")
  double alertLeaveMargin;

  @Option(
      names = "--transactional-id-prefix",
      defaultValue = "asperity-alerts",
      description =
          "Kafka transactional id prefix of the alerts sink (unique per job on a cluster). Default: ${DEFAULT-VALUE}.")
  String transactionalIdPrefix;

  @Option(
      names = "--cap-sender",
      defaultValue = "asperity@localhost",
      description =
          "CAP sender (and CloudEvents source) of the published alerts. Default: ${DEFAULT-VALUE}.")
  String capSender;

  @Option(
      names = "--cap-status",
      defaultValue = "Exercise",
      description =
          "CAP status of the published alerts: ${COMPLETION-CANDIDATES}. Simulated streams are not real"
              + " warnings. Default: ${DEFAULT-VALUE}.")
  AlertPublication.CapStatus capStatus;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "The ONNX model (default: the one built into the job jar, models/ttf-gbrt.onnx).")
  Path model;

  @Option(
      names = "--metrics-bind",
      defaultValue = MetricsEndpoint.DEFAULT_BIND,
      description = "Address of the Prometheus scrape endpoint. Default: ${DEFAULT-VALUE}.")
  String metricsBind;

  @Option(
      names = "--metrics-port",
      defaultValue = "9250",
      description =
          "Port of http://BIND:PORT/metrics on every TaskManager (0: any free port, -1: none). Default: ${DEFAULT-VALUE}.")
  int metricsPort;

  @Option(
      names = "--job-name",
      defaultValue = "asperity",
      description = "Default: ${DEFAULT-VALUE}.")
  String jobName;

  /** The options the flags describe. */
  public JobOptions options() {
    KafkaClientSettings kafka =
        KafkaClientSettings.fromCommandLine(bootstrapServers, kafkaConfig, kafkaProperties);
    TopicNames topics =
        TopicNames.defaults()
            .with(Topic.OBSERVATIONS, observationsTopic)
            .with(Topic.FORECASTS, forecastsTopic)
            .with(Topic.ALERTS, alertsTopic)
            .with(Topic.ALERTS_CAP, alertsCapTopic)
            .with(Topic.ALERTS_JSON, alertsJsonTopic)
            .with(Topic.OBSERVATIONS_DEAD_LETTER, deadLetterTopic)
            .with(Topic.MODELS, modelsTopic);
    return JobOptions.builder(kafka)
        .topics(topics)
        .groupId(groupId)
        .startingOffsets(startingOffsets)
        .bounded(bounded)
        .parallelism(parallelism)
        .checkpointInterval(checkpointInterval)
        .checkpointDirectory(checkpointDirectory)
        .restartAttempts(restartAttempts)
        .maxOutOfOrderness(maxOutOfOrderness)
        .idleTimeout(idleTimeout)
        .watermarkInterval(watermarkInterval)
        .quietClose(quietClose)
        .stationRetirement(stationRetirement)
        .rejectUnknownStations(rejectUnknownStations)
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
        .transactionalIdPrefix(transactionalIdPrefix)
        .alertPublication(new AlertPublication(capSender, capStatus))
        .metrics(new MetricsEndpoint(metricsBind, metricsPort))
        .modelFile(model)
        .build();
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

  /** The configured command line (tests check flags and help). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AsperityJob());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
