package org.asperity.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ErrorInfo;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.SerializedThrowable;
import org.asperity.job.ingest.Observation;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.scoring.JobModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job on a Flink MiniCluster in this process: what {@code ./asperity demo} and {@code
 * ./asperity bench} run, the same topology {@code flink run} submits to a cluster. Checkpoints go
 * to a temporary directory (unless the options name one), removed on {@link #close()}; closing
 * cancels a job still running and waits for it to stop.
 *
 * <p>Every failure the job restarts from is logged once with its cause and counted ({@code
 * asperity_job_restarts_total}): a MiniCluster logs nothing an operator sees by default, and a job
 * restarting on the same record again and again would otherwise look merely slow.
 */
public final class LocalJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalJob.class);

  /**
   * How often the job's latest failure is looked up: shorter than the restart delay plus a restart,
   * so consecutive failures are seen one by one.
   */
  private static final Duration FAILURE_POLL = Duration.ofMillis(100);

  private final JobClient client;
  private final MiniCluster cluster;
  private final Path temporaryCheckpoints;
  private final ScheduledExecutorService failureWatch;
  private final AtomicInteger restarts = new AtomicInteger();
  private final AtomicReference<CompletedCheckpoint> latestCheckpoint = new AtomicReference<>();

  /** Every completed checkpoint seen, by id (Flink's history keeps only the last few). */
  private final ConcurrentSkipListMap<Long, CompletedCheckpoint> checkpoints =
      new ConcurrentSkipListMap<>();

  private long lastFailureMillis = Long.MIN_VALUE;

  private String lastFailure;

  /**
   * The first failure seen since the last restart: its cause (a failing task's follow-up errors,
   * such as a coordinator finding the task gone, come after it).
   */
  private String causeOfNextRestart;

  private LocalJob(JobClient client, MiniCluster cluster, Path temporaryCheckpoints) {
    this.client = client;
    this.cluster = cluster;
    this.temporaryCheckpoints = temporaryCheckpoints;
    this.failureWatch =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "asperity-job-failures");
              t.setDaemon(true);
              return t;
            });
    failureWatch.scheduleWithFixedDelay(
        this::checkForFailure,
        FAILURE_POLL.toMillis(),
        FAILURE_POLL.toMillis(),
        TimeUnit.MILLISECONDS);
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
    return start(options, model, JobTopology.Taps.validated(tap), extend, flinkConfiguration);
  }

  /**
   * As {@link #start(JobOptions, JobModel, Consumer, Configuration)}, with {@code taps} (see {@link
   * JobTopology.Taps}).
   */
  public static LocalJob start(
      JobOptions options,
      JobModel model,
      JobTopology.Taps taps,
      Consumer<JobTopology.Streams> extend,
      Configuration flinkConfiguration)
      throws Exception {
    Path temporary = null;
    if (options.checkpointDirectory() == null) {
      temporary = Files.createTempDirectory("asperity-checkpoints");
      options = options.toBuilder().checkpointDirectory(temporary.toUri().toString()).build();
    }
    try {
      // As StreamExecutionEnvironment.createLocalEnvironment, keeping hold of the MiniCluster to
      // read the job's failures.
      Configuration conf = new Configuration(flinkConfiguration);
      conf.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
      conf.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
      conf.set(DeploymentOptions.ATTACHED, true);
      AtomicReference<MiniCluster> cluster = new AtomicReference<>();
      StreamExecutionEnvironment env =
          new StreamExecutionEnvironment(
              new CapturingLocalExecutors(cluster), conf, LocalJob.class.getClassLoader());
      JobTopology.configure(env, options);
      extend.accept(JobTopology.build(env, options, model, taps));
      JobClient client = env.executeAsync("asperity");
      return new LocalJob(client, cluster.get(), temporary);
    } catch (Exception | Error e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  public JobClient client() {
    return client;
  }

  /** Restarts so far, each after a failure. */
  public int restarts() {
    return restarts.get();
  }

  /**
   * Reads the job's latest failure and its restarts so far: the attempt number of its tasks, which
   * every restart increments (the job's tasks form one failover region), so none is missed however
   * quickly restarts follow each other.
   */
  private synchronized void checkForFailure() {
    AccessExecutionGraph graph;
    try {
      graph = cluster.getExecutionGraph(client.getJobID()).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      JobMetrics.peek().jobUp(false);
      return; // the job is gone (finished, or the MiniCluster shut down)
    }
    JobMetrics.peek().jobUp(graph.getState() == JobStatus.RUNNING);
    CheckpointStatsSnapshot checkpoints = graph.getCheckpointStatsSnapshot();
    if (checkpoints != null) {
      for (AbstractCheckpointStats c : checkpoints.getHistory().getCheckpoints()) {
        if (c instanceof CompletedCheckpointStats completed) {
          this.checkpoints.putIfAbsent(c.getCheckpointId(), CompletedCheckpoint.of(completed));
        }
      }
      CompletedCheckpointStats latest = checkpoints.getHistory().getLatestCompletedCheckpoint();
      if (latest != null) {
        latestCheckpoint.set(CompletedCheckpoint.of(latest));
      }
    }
    ErrorInfo failure = graph.getFailureInfo();
    if (failure != null && failure.getTimestamp() > lastFailureMillis) {
      lastFailureMillis = failure.getTimestamp();
      lastFailure = describe(failure.getException());
      if (causeOfNextRestart == null) {
        causeOfNextRestart = lastFailure;
      }
    }
    int attempts = 0;
    for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
      attempts = Math.max(attempts, vertex.getCurrentExecutionAttempt().getAttemptNumber());
    }
    int seen = restarts.get();
    if (attempts <= seen) {
      return;
    }
    restarts.set(attempts);
    JobMetrics.peek().jobRestarts(attempts - seen);
    for (int n = seen + 1; n <= attempts; n++) {
      LOG.warn(
          "the job failed and restarts from its last checkpoint (restart {}): {}", n, lastFailure);
    }
  }

  /** The innermost cause of {@code failure} in one line: its class and message. */
  public static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.toString();
    if (root instanceof SerializedThrowable serialized) {
      // Its message is the original's toString (class and message) when there was one.
      String message = serialized.getMessage();
      String className = serialized.getOriginalErrorClassName();
      text =
          message == null
              ? className
              : message.startsWith(className) ? message : className + ": " + message;
    }
    return text.replace('\n', ' ');
  }

  /** Local execution whose MiniCluster is kept in {@code cluster}. */
  private record CapturingLocalExecutors(AtomicReference<MiniCluster> cluster)
      implements PipelineExecutorServiceLoader {
    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
      return new PipelineExecutorFactory() {
        @Override
        public String getName() {
          return LocalExecutor.NAME;
        }

        @Override
        public boolean isCompatibleWith(Configuration c) {
          return true;
        }

        @Override
        public PipelineExecutor getExecutor(Configuration c) {
          return LocalExecutor.createWithFactory(
              c,
              miniClusterConfiguration -> {
                MiniCluster miniCluster = new MiniCluster(miniClusterConfiguration);
                cluster.set(miniCluster);
                return miniCluster;
              });
        }
      };
    }

    @Override
    public Stream<String> getExecutorNames() {
      return Stream.of(LocalExecutor.NAME);
    }
  }

  /** Waits for a bounded job to finish; rethrows its failure. */
  public JobExecutionResult awaitCompletion(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return client.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * A completed checkpoint.
   *
   * @param stateBytes the whole state it stands for (what a restore reads)
   * @param checkpointedBytes what this checkpoint wrote: less than {@code stateBytes} for an
   *     incremental one, which refers to files of earlier checkpoints
   * @param duration from trigger to the last acknowledgement: with the records queued before the
   *     barrier when the job is busy
   * @param persistDuration the slowest subtask's own part: its synchronous snapshot and its
   *     asynchronous upload
   */
  public record CompletedCheckpoint(
      long id,
      long stateBytes,
      long checkpointedBytes,
      Duration duration,
      Duration persistDuration) {
    /** From Flink's statistics of a completed checkpoint. */
    public static CompletedCheckpoint of(CompletedCheckpointStats stats) {
      long persistMillis = 0;
      for (TaskStateStats task : stats.getAllTaskStateStats()) {
        for (SubtaskStateStats subtask : task.getSubtaskStats()) {
          if (subtask != null) {
            persistMillis =
                Math.max(
                    persistMillis,
                    subtask.getSyncCheckpointDuration() + subtask.getAsyncCheckpointDuration());
          }
        }
      }
      return new CompletedCheckpoint(
          stats.getCheckpointId(),
          stats.getStateSize(),
          stats.getCheckpointedSize(),
          Duration.ofMillis(stats.getEndToEndDuration()),
          Duration.ofMillis(persistMillis));
    }
  }

  /**
   * Every completed checkpoint seen while the job ran (read with its failures, every 100 ms), in
   * order.
   */
  public List<CompletedCheckpoint> checkpoints() {
    return List.copyOf(checkpoints.values());
  }

  /**
   * The job's latest completed checkpoint seen while it ran (read with its failures), or null
   * before the first.
   */
  public CompletedCheckpoint latestCheckpoint() {
    return latestCheckpoint.get();
  }

  public JobStatus status() throws InterruptedException, ExecutionException {
    return client.getJobStatus().get();
  }

  /** Cancels the job if it still runs, waits until it stopped, removes temporary checkpoints. */
  @Override
  public void close() throws Exception {
    failureWatch.shutdownNow();
    JobMetrics.peek().jobUp(false);
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
