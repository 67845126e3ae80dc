package org.asperity.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.asperity.cluster.ClusterException;
import org.asperity.cluster.ClusterSettings;
import org.asperity.cluster.JobSubmission;
import org.asperity.cluster.LocalCluster;
import org.asperity.cluster.RetainedCheckpoint;
import org.asperity.job.AsperityJob;
import org.asperity.job.JobOptions;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.TopicSpec;
import org.asperity.time.DurationConverter;
import org.asperity.time.Durations;
import org.asperity.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./asperity cluster}: the system as separate processes on this machine. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    header = "The system as separate processes: a Flink session cluster, a Kafka broker, the job.",
    description = {
      "Start, on this machine, a standalone Flink session cluster (one JobManager and",
      "--taskmanagers TaskManagers, each a JVM of its own), a Kafka broker in its own JVM with its",
      "data under --data-dir, submit the job jar through Flink's REST API (resuming from the newest",
      "checkpoint retained under --data-dir unless --no-resume), start the simulator (unless",
      "--no-simulator: then feed it with ./asperity replay) and the live page, and print the Flink",
      "web UI's address. A process that dies is started again; a JobManager that died gets the job",
      "back from its newest checkpoint. Ctrl-C cancels the job (its checkpoints are kept) and stops",
      "every process; started again with the same --data-dir, the job continues where it stopped.",
      "Flags after -- go to the job as they are (see the job's --help: java -jar the job jar);",
      "with -- --state-backend rocksdb the TaskManagers also get managed memory for RocksDB.",
      "The one-process alternative is ./asperity demo."
    })
final class ClusterCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger("org.asperity.app");
  private static final int RESUBMIT_ATTEMPTS = 5;
  private static final Duration RESUBMIT_BACKOFF = Duration.ofSeconds(3);

  /** The job's name on the cluster: with the checkpoint directory, its transactional id prefix. */
  static final String JOB_NAME = "asperity";

  @Mixin SimulationOptions simulation;
  @Mixin WebOptions web;

  @Option(
      names = "--data-dir",
      defaultValue = "asperity-cluster",
      paramLabel = "DIR",
      description =
          "The broker's data, the checkpoints, the Flink configuration and every process's log"
              + " (logs/NAME.log); kept when the cluster stops (default: ${DEFAULT-VALUE}).")
  Path dataDirectory;

  @Option(
      names = "--taskmanagers",
      defaultValue = "" + ClusterSettings.DEFAULT_TASK_MANAGERS,
      paramLabel = "N",
      description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
  int taskManagers;

  @Option(
      names = "--slots",
      defaultValue = "" + ClusterSettings.DEFAULT_SLOTS_PER_TASK_MANAGER,
      paramLabel = "N",
      description = "Task slots of each TaskManager (default: ${DEFAULT-VALUE}).")
  int slots;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      paramLabel = "N",
      description =
          "Parallelism of the job; at most TaskManagers x slots, and with a TaskManager's slots to"
              + " spare the job moves there at once if another dies (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--taskmanager-memory",
      defaultValue = ClusterSettings.DEFAULT_TASK_MANAGER_MEMORY,
      paramLabel = "SIZE",
      description = "Each TaskManager's process size (default: ${DEFAULT-VALUE}).")
  String taskManagerMemory;

  @Option(
      names = "--flink-port",
      defaultValue = "" + ClusterSettings.DEFAULT_REST_PORT,
      paramLabel = "PORT",
      description = "The Flink web UI and REST API (default: ${DEFAULT-VALUE}).")
  int restPort;

  @Option(
      names = "--flink-rpc-port",
      defaultValue = "" + ClusterSettings.DEFAULT_RPC_PORT,
      paramLabel = "PORT",
      description = "The JobManager's RPC port (default: ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(
      names = "--kafka-port",
      defaultValue = "" + ClusterSettings.DEFAULT_KAFKA_PORT,
      paramLabel = "PORT",
      description =
          "The broker's client port; its controller takes the next one (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--resume",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Restore the job from the newest checkpoint retained under --data-dir (default); with"
              + " --no-resume the job starts from empty state.")
  boolean resume;

  @Option(
      names = "--no-simulator",
      description = "Start no simulator: feed the observations topic with ./asperity replay.")
  boolean noSimulator;

  @Mixin JobJarOption jobJar;

  @Option(
      names = "--observation-partitions",
      defaultValue = "4",
      paramLabel = "N",
      description =
          "Partitions of the observations topic when this command creates it (default: ${DEFAULT-VALUE}).")
  int observationPartitions;

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Stop by itself after this long (default: run until Ctrl-C). A DURATION is "
              + Durations.GRAMMAR
              + ".")
  Duration duration;

  @Parameters(paramLabel = "JOB_FLAG", description = "Flags for the job, after --.")
  List<String> jobFlags = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    ClusterSettings requested =
        new ClusterSettings(
            dataDirectory,
            taskManagers,
            slots,
            restPort,
            rpcPort,
            kafkaPort,
            taskManagerMemory,
            ClusterSettings.DEFAULT_JOB_MANAGER_MEMORY);
    // The job's flags, read as the job will read them: one --state-backend (after --) decides the
    // job's backend and how the TaskManagers' memory is split for it.
    List<String> arguments = jobArguments(requested);
    JobOptions job = AsperityJob.parse(arguments);
    ClusterSettings settings = requested.withStateBackend(job.stateBackend().flinkName());
    Path jar = jobJar.require();
    // Before anything starts: a corrupt checkpoint stops us here, with nothing changed.
    Optional<RetainedCheckpoint> from = restorePoint(settings);
    // Flink would restart the job forever on a checkpoint its backend cannot read.
    Optional<String> writtenBy = from.flatMap(RetainedCheckpoint::stateBackend);
    if (writtenBy.isPresent() && !writtenBy.get().equals(settings.stateBackend())) {
      throw new ClusterException(
          "the newest retained checkpoint "
              + from.get().directory()
              + " was written by the "
              + writtenBy.get()
              + " state backend, which alone restores it: run the job with -- --state-backend "
              + writtenBy.get()
              + ", or start afresh with --no-resume; nothing was deleted");
    }
    TopicNames topics = TopicNames.defaults();
    try (StopSignal stop = new StopSignal();
        Components components = new Components()) {
      LocalCluster cluster =
          components.started(
              "Flink session cluster and Kafka broker",
              settings.taskManagers()
                  + " TaskManagers x "
                  + settings.slotsPerTaskManager()
                  + " slots, "
                  + settings.stateBackend()
                  + " state, data in "
                  + settings.dataDirectory(),
              LocalCluster.start(settings));
      KafkaClientSettings kafka =
          KafkaClientSettings.fromCommandLine(settings.bootstrapServers(), null, List.of());
      LOG.info("  Kafka at {}", settings.bootstrapServers());
      try (TopicAdmin admin = TopicAdmin.connect(kafka)) {
        admin.ensureTopics(topicSpecs(topics), Duration.ofSeconds(60));
      }

      String jobId = submit(cluster, jar, arguments, from);
      JobHandle handle =
          components.started(
              "Flink job", jobId, new JobHandle(cluster, jobId).watch(stop::requestStop));
      String[] resubmitFailure = new String[1];
      cluster.onRestart(
          process -> {
            if (!LocalCluster.JOB_MANAGER.equals(process)) {
              return;
            }
            // A standalone JobManager keeps no jobs: the job comes back from its newest
            // checkpoint. A JobManager just started may refuse a call for a moment (its REST
            // answers before every service is up): retried; a refused checkpoint is final.
            for (int attempt = 1; ; attempt++) {
              try {
                handle.jobId =
                    submit(
                        cluster,
                        jar,
                        arguments,
                        RetainedCheckpoint.newest(settings.checkpointDirectory()));
                return;
              } catch (IOException e) {
                if (attempt == RESUBMIT_ATTEMPTS) {
                  resubmitFailure[0] = "could not resubmit the job: " + ErrorMessages.describe(e);
                  stop.requestStop();
                  return;
                }
                LOG.warn(
                    "could not resubmit the job ({}); attempt {} of {} in {} s",
                    ErrorMessages.describe(e),
                    attempt + 1,
                    RESUBMIT_ATTEMPTS,
                    RESUBMIT_BACKOFF.toSeconds());
                try {
                  Thread.sleep(RESUBMIT_BACKOFF.toMillis());
                } catch (InterruptedException interrupted) {
                  Thread.currentThread().interrupt();
                  return;
                }
              } catch (RuntimeException e) {
                resubmitFailure[0] = "could not resubmit the job: " + ErrorMessages.describe(e);
                stop.requestStop();
                return;
              }
            }
          });
      LOG.info("  Flink web UI: {}", settings.restUrl());

      SimulatorService simulator =
          noSimulator
              ? null
              : new SimulatorService(
                  simulation.config(SimulationOptions.Defaults.DEMO),
                  kafka,
                  topics,
                  stop::requestStop);
      WebServer page =
          components.started(
              "web page",
              null,
              new WebServer(
                      kafka,
                      topics,
                      web.bindAddress,
                      web.port,
                      Optional.ofNullable(simulator)
                          .map(s -> SimulatorGeometry.view(s.simulation().model())),
                      Optional.ofNullable(web.metricsUrl))
                  .maxPageClients(web.maxPageClients)
                  .start());
      LOG.info("  open {} in a browser", page.url());
      if (simulator != null) {
        components.started("simulator", simulator.describe(), simulator.start());
      }
      LOG.info(
          duration == null
              ? "running; Ctrl-C to stop (the job's checkpoints are kept in {})"
              : "running for " + duration.toSeconds() + " s; Ctrl-C to stop earlier",
          settings.checkpointDirectory());
      stop.await(duration);
      Optional<String> failed = Optional.ofNullable(resubmitFailure[0]).or(handle::failure);
      if (failed.isPresent()) {
        LOG.error("{}: stopping the cluster (the job's checkpoints are kept)", failed.get());
        return 1;
      }
      LOG.info("stopping: the job is cancelled, its newest checkpoint kept for the next start");
    }
    return 0;
  }

  private Optional<RetainedCheckpoint> restorePoint(ClusterSettings settings) {
    if (!resume) {
      LOG.info("--no-resume: the job starts from empty state");
      return Optional.empty();
    }
    if (!Files.exists(settings.dataDirectory())) {
      LOG.info("a new data directory: the job starts from empty state");
      return Optional.empty();
    }
    if (!Files.isDirectory(settings.checkpointDirectory())) {
      LOG.info(
          "no retained checkpoint in {}: the job starts from empty state",
          settings.checkpointDirectory());
      return Optional.empty();
    }
    Optional<RetainedCheckpoint> newest = RetainedCheckpoint.newest(settings.checkpointDirectory());
    LOG.info(
        newest
            .map(c -> "resuming from the retained checkpoint " + c.directory())
            .orElse(
                "no retained checkpoint in "
                    + settings.checkpointDirectory()
                    + ": the job starts from empty state"));
    return newest;
  }

  private List<String> jobArguments(ClusterSettings settings) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--bootstrap-servers",
                settings.bootstrapServers(),
                "--checkpoint-dir",
                settings.checkpointDirectory().toUri().toString(),
                "--parallelism",
                Integer.toString(parallelism),
                // Several TaskManagers on one machine: each serves its metrics on a free port.
                "--metrics-port",
                "0",
                "--job-name",
                JOB_NAME));
    arguments.addAll(jobFlags);
    return arguments;
  }

  private static String submit(
      LocalCluster cluster, Path jar, List<String> arguments, Optional<RetainedCheckpoint> from)
      throws IOException {
    String jobId = JobSubmission.submit(cluster.rest(), jar, arguments, from);
    LOG.info(
        "  submitted the job {}{}",
        jobId,
        from.map(
                c ->
                    ", restoring "
                        + c.directory().getFileName()
                        + " of "
                        + c.directory().getParent().getFileName())
            .orElse(""));
    return jobId;
  }

  private List<TopicSpec> topicSpecs(TopicNames topics) {
    return topics.all().stream()
        .map(
            t ->
                t.name().equals(topics.observations())
                    ? new TopicSpec(t.name(), observationPartitions, t.configs())
                    : t)
        .toList();
  }

  /**
   * Flink's reason when a restore found keyed state the job's serializers cannot read (written by
   * another version of the job, e.g. another station state layout): every restart fails the same
   * way, so the job would restart forever instead of failing. The line naming the {@code
   * StateMigrationException}, or empty.
   */
  static Optional<String> stateRefusal(String rootException) {
    for (String line : rootException.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.contains("StateMigrationException")) {
        return Optional.of(
            trimmed.startsWith("Caused by: ")
                ? trimmed.substring("Caused by: ".length())
                : trimmed);
      }
    }
    return Optional.empty();
  }

  /**
   * The submitted job (resubmitted under a new id after a JobManager restart), watched: if it ends
   * FAILED (Flink gave up on it: the restart strategy never does, so a submission-time failure), or
   * restarts because its checkpoint's state cannot be read (which no restart mends), the launcher
   * says why and stops rather than run on with no job. Cancels the job on close, so that its newest
   * checkpoint is retained for the next start.
   */
  private static final class JobHandle implements AutoCloseable {
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);
    private final LocalCluster cluster;
    private final java.util.concurrent.ScheduledExecutorService watch =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "asperity-job-watch");
              t.setDaemon(true);
              return t;
            });
    private volatile String jobId;
    private volatile String failure;

    JobHandle(LocalCluster cluster, String jobId) {
      this.cluster = cluster;
      this.jobId = jobId;
    }

    /** Checks the job's state every few seconds; {@code onFailure} runs once if it FAILED. */
    JobHandle watch(Runnable onFailure) {
      watch.scheduleWithFixedDelay(
          () -> {
            String id = jobId;
            try {
              if (failure != null) {
                return;
              }
              if (cluster.rest().jobState(id).map("FAILED"::equals).orElse(false)) {
                failure =
                    "the job "
                        + id
                        + " failed: "
                        + cluster
                            .rest()
                            .rootException(id)
                            .map(e -> e.split("\n", 2)[0])
                            .orElse("no exception reported");
                onFailure.run();
              } else if (cluster.rest().restarts(id).orElse(0L) > 0) {
                Optional<String> refused =
                    cluster.rest().rootException(id).flatMap(ClusterCommand::stateRefusal);
                if (refused.isPresent()) {
                  failure =
                      "the job cannot restore its checkpoint ("
                          + refused.get()
                          + "): was it written by another version of the job? Start afresh with"
                          + " --no-resume (a new data directory) or run the version that wrote"
                          + " it; nothing was deleted";
                  onFailure.run();
                }
              }
            } catch (IOException | RuntimeException e) {
              // The JobManager is down or restarting: its restart resubmits the job.
            }
          },
          WATCH_INTERVAL.toMillis(),
          WATCH_INTERVAL.toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
      return this;
    }

    /** Why the job failed, if it did. */
    Optional<String> failure() {
      return Optional.ofNullable(failure);
    }

    @Override
    public void close() throws IOException {
      watch.shutdownNow();
      Optional<String> state = cluster.rest().jobState(jobId);
      if (state.isPresent() && !isTerminal(state.get())) {
        cluster.rest().cancel(jobId);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
          Optional<String> now = cluster.rest().jobState(jobId);
          if (now.isEmpty() || isTerminal(now.get())) {
            return;
          }
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    private static boolean isTerminal(String state) {
      return state.equals("CANCELED") || state.equals("FINISHED") || state.equals("FAILED");
    }
  }
}
