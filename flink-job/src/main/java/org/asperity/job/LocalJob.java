package org.asperity.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.asperity.job.ingest.Observation;
import org.asperity.job.scoring.JobModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job on a Flink MiniCluster in this process: what {@code ./asperity demo} and {@code
 * ./asperity bench} run, the same topology {@code flink run} submits to a cluster. Checkpoints go
 * to a temporary directory (unless the options name one), removed on {@link #close()}; closing
 * cancels a job still running and waits for it to stop.
 */
public final class LocalJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalJob.class);
  private final JobClient client;
  private final Path temporaryCheckpoints;

  private LocalJob(JobClient client, Path temporaryCheckpoints) {
    this.client = client;
    this.temporaryCheckpoints = temporaryCheckpoints;
  }

  /** Builds and starts the job; returns once it is submitted. */
  public static LocalJob start(JobOptions options, JobModel model) throws Exception {
    return start(options, model, streams -> {}, new Configuration());
  }

  /**
   * As {@link #start(JobOptions, JobModel)}, letting {@code extend} attach more operators to the
   * built streams and {@code flinkConfiguration} tune the MiniCluster.
   */
  public static LocalJob start(
      JobOptions options,
      JobModel model,
      Consumer<JobTopology.Streams> extend,
      Configuration flinkConfiguration)
      throws Exception {
    return start(options, model, UnaryOperator.identity(), extend, flinkConfiguration);
  }

  /**
   * As {@link #start(JobOptions, JobModel, Consumer, Configuration)}, with {@code tap} applied to
   * the validated observations (see {@link JobTopology#build(StreamExecutionEnvironment,
   * JobOptions, JobModel, UnaryOperator)}).
   */
  public static LocalJob start(
      JobOptions options,
      JobModel model,
      UnaryOperator<DataStream<Observation>> tap,
      Consumer<JobTopology.Streams> extend,
      Configuration flinkConfiguration)
      throws Exception {
    Path temporary = null;
    if (options.checkpointDirectory() == null) {
      temporary = Files.createTempDirectory("asperity-checkpoints");
      options = options.toBuilder().checkpointDirectory(temporary.toUri().toString()).build();
    }
    try {
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(
              options.parallelism(), flinkConfiguration);
      JobTopology.configure(env, options);
      extend.accept(JobTopology.build(env, options, model, tap));
      return new LocalJob(env.executeAsync("asperity"), temporary);
    } catch (Exception | Error e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  public JobClient client() {
    return client;
  }

  /** Waits for a bounded job to finish; rethrows its failure. */
  public JobExecutionResult awaitCompletion(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return client.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public JobStatus status() throws InterruptedException, ExecutionException {
    return client.getJobStatus().get();
  }

  /** Cancels the job if it still runs, waits until it stopped, removes temporary checkpoints. */
  @Override
  public void close() throws Exception {
    try {
      if (!client.getJobExecutionResult().isDone()) {
        try {
          client.cancel().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | IllegalStateException e) {
          // it finished (and its MiniCluster shut down) meanwhile
        }
        try {
          client.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // cancelled or failed: either way it has stopped
        }
      }
    } finally {
      deleteQuietly(temporaryCheckpoints);
    }
  }

  private static void deleteQuietly(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not remove the temporary checkpoints in {}: {}", root, e.getMessage());
    }
  }
}
