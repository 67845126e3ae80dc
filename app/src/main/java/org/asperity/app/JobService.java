package org.asperity.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.asperity.job.JobOptions;
import org.asperity.job.LocalJob;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.alerts.formats.CapArea;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink job on a MiniCluster in this process, for the demo: the same topology {@code flink run}
 * submits. A job that fails stops the demo with the cause instead of leaving it running empty.
 */
final class JobService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.asperity.app");

  private final LocalJob job;
  private final JobModel model;
  private final JobOptions options;

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
            .restartAttempts(3)
            .metrics(metrics)
            .alertPublication(AlertPublication.defaults().withAreas(capAreas))
            .build();
    LocalJob job = LocalJob.start(options, model);
    job.client()
        .getJobExecutionResult()
        .whenComplete(
            (result, failure) -> {
              if (failure != null
                  && !(failure.getCause()
                      instanceof org.apache.flink.runtime.client.JobCancellationException)
                  && !(failure instanceof java.util.concurrent.CancellationException)) {
                LOG.error("the Flink job stopped: {}", ErrorMessages.describe(failure));
                onFailure.run();
              }
            });
    return new JobService(job, model, options);
  }

  /** Logs the one-line description under the 'started' line. */
  JobService describeTo(Logger log) {
    log.info("  {}", describe());
    return this;
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "Flink MiniCluster, parallelism %d, checkpoints every %d s, model %s%s",
        options.parallelism(),
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
