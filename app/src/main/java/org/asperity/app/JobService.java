package org.asperity.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.asperity.job.JobOptions;
import org.asperity.job.LocalJob;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.alerts.formats.CapArea;
import org.asperity.job.ingest.Observation;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink job on a MiniCluster in this process, for the demo: the same topology {@code flink run}
 * submits. A job that fails (its restarts used up) stops the demo with the cause instead of leaving
 * it running empty; {@link #failure()} then says why, in one line.
 */
final class JobService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.asperity.app");

  /**
   * Test hook: a station code whose observations make the job throw, every time (a poison it cannot
   * survive). Unset in normal runs.
   */
  static final String POISON_STATION_PROPERTY = "asperity.test.poison-station";

  /** Restarts before the job gives up. */
  static final int RESTART_ATTEMPTS = 3;

  private final LocalJob job;
  private final JobModel model;
  private final JobOptions options;
  private volatile String failure;

  private JobService(LocalJob job, JobModel model, JobOptions options) {
    this.job = job;
    this.model = model;
    this.options = options;
  }

  static JobService start(
      KafkaClientSettings settings,
      TopicNames topics,
      Path modelFile,
      int parallelism,
      Duration checkpointInterval,
      JobOptions.StateBackend stateBackend,
      MetricsEndpoint metrics,
      Map<String, CapArea> capAreas,
      Runnable onFailure)
      throws Exception {
    JobModel model = JobModel.load(modelFile);
    JobOptions options =
        JobOptions.builder(settings)
            .topics(topics)
            .parallelism(parallelism)
            .checkpointInterval(checkpointInterval)
            .stateBackend(stateBackend)
            .restartAttempts(RESTART_ATTEMPTS)
            .transactionalIdPrefix(runTransactionalIdPrefix())
            .metrics(metrics)
            .alertPublication(AlertPublication.defaults().withAreas(capAreas))
            .build();
    String poisonStation = System.getProperty(POISON_STATION_PROPERTY);
    UnaryOperator<DataStream<Observation>> tap =
        poisonStation == null
            ? UnaryOperator.identity()
            : observations ->
                observations
                    .map(new PoisonStation(poisonStation), Observation.TYPE_INFO)
                    .name("poison (test hook)");
    LocalJob job = LocalJob.start(options, model, tap, streams -> {}, new Configuration());
    JobService service = new JobService(job, model, options);
    job.client()
        .getJobExecutionResult()
        .whenComplete(
            (result, failure) -> {
              if (failure != null
                  && !(failure.getCause()
                      instanceof org.apache.flink.runtime.client.JobCancellationException)
                  && !(failure instanceof java.util.concurrent.CancellationException)) {
                service.failure =
                    "the Flink job failed after "
                        + job.restarts()
                        + " restarts: "
                        + LocalJob.describe(failure);
                onFailure.run();
              }
            });
    return service;
  }

  /**
   * A transactional id prefix of its own for each demo run: a second demo, or one started while an
   * earlier one still closes, on the same Kafka cluster would otherwise fence this one's producers
   * and lose its alerts (see {@link JobOptions#deploymentTransactionalIdPrefix}). A run restores
   * only its own checkpoints (they live and die with it), so nothing needs the prefix of another
   * run.
   */
  static String runTransactionalIdPrefix() {
    return JobOptions.DEFAULT_TRANSACTIONAL_ID_PREFIX
        + "-demo-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Why the job failed for good, in one line; null while it runs or after it was stopped. */
  String failure() {
    return failure;
  }

  /** The test hook's operator: throws on every observation of one station. */
  private record PoisonStation(String station) implements MapFunction<Observation, Observation> {
    @Override
    public Observation map(Observation o) {
      if (o.station().equals(station)) {
        throw new IllegalStateException("poison record of station " + o.stationKey());
      }
      return o;
    }
  }

  /** Logs the one-line description under the 'started' line. */
  JobService describeTo(Logger log) {
    log.info("  {}", describe());
    return this;
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "Flink MiniCluster, parallelism %d, %s state, checkpoints every %d s, model %s%s",
        options.parallelism(),
        options.stateBackend(),
        options.checkpointInterval().toSeconds(),
        model.describe(),
        options.metrics().enabled() && options.metrics().port() != 0
            ? ", metrics on http://"
                + options.metrics().bind()
                + ":"
                + options.metrics().port()
                + "/metrics"
            : "");
  }

  @Override
  public void close() throws Exception {
    job.close();
  }
}
