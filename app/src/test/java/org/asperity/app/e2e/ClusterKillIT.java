package org.asperity.app.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.asperity.app.Asperity;
import org.asperity.cluster.ConsumerGroupProgress;
import org.asperity.cluster.FlinkRest;
import org.asperity.cluster.FreePorts;
import org.asperity.cluster.JobSubmission;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionLayout;
import org.asperity.job.JobOptions;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.TestKafka;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./asperity cluster} as separate processes, killed with SIGKILL mid-replay: one TaskManager
 * (the job moves to the other and restores its last checkpoint), the broker (restarted on its data
 * directory; the job restarts until it is back), the JobManager (restarted; the job resubmitted
 * from its newest retained checkpoint), then the launcher itself (its JobManager, TaskManagers and
 * broker exit with it, as if the whole tree were killed: no orphan JVM). Started again on the same
 * data directory, the launcher resumes the job from the newest retained checkpoint, and what a
 * read_committed consumer sees equals a failure-free run of the same bounded replay on the same
 * cluster; Ctrl-C (SIGTERM) then stops every process.
 */
class ClusterKillIT {
  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final Duration STEP = Duration.ofMinutes(3);
  private static final String BROKER_MAIN = "org.asperity.cluster.BrokerMain";
  private static final String JOB_MANAGER_MAIN =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";

  @TempDir Path dir;

  @Test
  void killingEachProcessThenTheWholeTreeGivesTheAlertsOfAFailureFreeRun() throws Exception {
    try {
      killAndResume();
    } catch (Throwable failure) {
      keepLogs();
      // CI shows the report, not the files: the logs' gist goes into the failure itself.
      AssertionError explained = new AssertionError(failure.getMessage() + digest(), failure);
      throw explained;
    }
  }

  /**
   * The launchers' last lines and every cluster process's last warnings and errors, each line
   * shortened: enough to tell which process did not come back, and why.
   */
  private String digest() throws IOException {
    StringBuilder out = new StringBuilder();
    List<Path> logs = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().forEach(logs::add);
    }
    for (Path log : logs) {
      boolean launcher = log.getParent().equals(dir);
      List<String> lines =
          Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1).stream()
              .filter(
                  l ->
                      launcher
                          || l.contains(" WARN ")
                          || l.contains(" ERROR ")
                          || l.startsWith("Caused by"))
              .toList();
      out.append("\n--- ")
          .append(dir.relativize(log))
          .append(" (last lines")
          .append(launcher ? "" : " of warnings and errors")
          .append(")\n");
      for (String line :
          lines.subList(Math.max(0, lines.size() - (launcher ? 40 : 12)), lines.size())) {
        out.append(line, 0, Math.min(line.length(), 300)).append('\n');
      }
    }
    return out.toString();
  }

  /** On failure: the launchers' and every cluster process's logs, beside the test report. */
  private void keepLogs() throws IOException {
    Path kept = Path.of("target", "failsafe-reports", "ClusterKillIT-logs");
    Files.createDirectories(kept);
    List<Path> logs = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".log"))
          .filter(
              f ->
                  f.getParent().equals(dir)
                      || f.getParent().getFileName().toString().equals("logs"))
          .forEach(logs::add);
    }
    for (Path log : logs) {
      Files.copy(
          log,
          kept.resolve(dir.relativize(log).toString().replace('/', '_')),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void killAndResume() throws Exception {
    Path data = dir.resolve("cluster");
    int kafkaPort = FreePorts.pair();
    int restPort = FreePorts.one();
    int rpcPort = FreePorts.one();
    TopicNames clean = TopicNames.defaults().withOutputsOfRun("clean");

    // The input, written into the broker's data directory before the cluster starts: the replay
    // is bounded by the end offsets the job sees at its start.
    byte[] model;
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .dataDirectory(data.resolve("kafka"))
            .clientPort(kafkaPort)
            .start()) {
      TestKafka kafka = new TestKafka(broker);
      try (TopicAdmin admin = TopicAdmin.connect(kafka.settings())) {
        admin.ensureTopics(TOPICS.all(), Duration.ofSeconds(30));
        admin.ensureTopics(clean.all(), Duration.ofSeconds(30));
      }
      SimulationConfig simulation =
          CrashRestoreIT.withEarlyEarthquakes(
              SimulationConfig.builder()
                  .preset(Preset.NATURE)
                  .seed(23)
                  .regions(2)
                  .durationYears(6.0)
                  .spinUpYears(500)
                  .build());
      FeatureConfig config = FeatureConfig.defaults().toBuilder().windows(10, 30, 90).build();
      Map<String, List<FeatureVector>> offline =
          SimulatedNetworks.writeToKafka(simulation, kafka.settings(), TOPICS, config);
      RegionLayout layout = SimulatedNetworks.layout(simulation);
      model = CrashRestoreIT.alertingModel(layout, config, offline);
    }
    Path modelFile = Files.write(dir.resolve("alerting.onnx"), model);
    Path jar = Path.of(System.getProperty("job.jar"));
    assertTrue(Files.isRegularFile(jar), "the shaded job jar is built before the tests: " + jar);
    // Unbounded, as the cluster runs it: a bounded Kafka source restored from a checkpoint never
    // finishes (the restored enumerator does not signal the end of its splits: FLINK-31006), so
    // each run is done when its consumer group has committed the end of the observations.
    List<String> jobFlags =
        List.of(
            "--starting-offsets",
            "earliest",
            "--model",
            modelFile.toString(),
            "--checkpoint-interval",
            "1s",
            "--watermark-interval",
            "10ms");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "cluster",
            "--data-dir",
            data.toString(),
            "--kafka-port",
            Integer.toString(kafkaPort),
            "--flink-port",
            Integer.toString(restPort),
            "--flink-rpc-port",
            Integer.toString(rpcPort),
            "--web-port",
            "0",
            "--taskmanagers",
            "2",
            "--slots",
            "1",
            "--parallelism",
            "1",
            "--taskmanager-memory",
            "1024m",
            "--no-simulator",
            "--job-jar",
            jar.toString(),
            "--"));
    command.addAll(jobFlags);
    FlinkRest rest = new FlinkRest("http://127.0.0.1:" + restPort);
    KafkaClientSettings settings = KafkaClientSettings.of("127.0.0.1:" + kafkaPort);

    // 1. Start; kill the TaskManager running the job once it has a checkpoint.
    Path firstLog = dir.resolve("launcher-1.log");
    Process launcher = launch(command, firstLog);
    try {
      String first = awaitJob(rest, launcher, firstLog, null);
      long checkpoints = awaitCheckpoints(rest, first, 1);
      String taskManager = rest.taskManagersOf(first).get(0);
      // What the benchmarks read over REST, from a real cluster: the checkpoint history with its
      // sizes and durations, and a TaskManager's heap.
      List<FlinkRest.CheckpointStatistics> history = rest.completedCheckpoints(first);
      assertTrue(!history.isEmpty(), "a completed checkpoint in the history");
      assertTrue(
          history.stream().allMatch(c -> c.stateBytes() > 0 && !c.endToEnd().isNegative()),
          "sizes and durations: " + history);
      await("the heap of " + taskManager)
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  rest.taskManagerHeap(taskManager)
                      .map(h -> h.usedBytes() > 0 && h.usedBytes() <= h.maxBytes())
                      .orElse(false));
      processWith(launcher, "=" + taskManager).destroyForcibly();
      // 2. Once it recovered (checkpoints after the kill): kill the broker; the launcher starts
      // it again on its data directory, and the job restarts until it reaches it.
      checkpoints = awaitCheckpoints(rest, first, checkpoints + 2);
      processWith(launcher, BROKER_MAIN).destroyForcibly();
      awaitCheckpoints(rest, first, checkpoints + 2);
      // 3. Kill the JobManager: the launcher starts it again (it knows no job: no high
      // availability) and resubmits the job from its newest retained checkpoint.
      processWith(launcher, JOB_MANAGER_MAIN).destroyForcibly();
      String second = awaitJob(rest, launcher, firstLog, first);
      assertTrue(
          rest.checkpoints(second).restoredPath().orElse("").contains("/chk-"),
          "the resubmitted job restored a retained checkpoint: " + read(firstLog));
      awaitCheckpoints(rest, second, 2);
      // 4. Mid-replay still: kill the launcher.
      assertTrue(
          !consumedToTheEnd(settings, JobOptions.DEFAULT_GROUP_ID),
          "the replay is long enough to be killed mid-way");
      List<ProcessHandle> children = launcher.descendants().toList();
      assertTrue(children.size() >= 4, "broker, JobManager, two TaskManagers: " + children);
      launcher.destroyForcibly();
      await("every process of the killed launcher's tree exits")
          .atMost(Duration.ofSeconds(60))
          .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    } finally {
      launcher.destroyForcibly();
    }

    // 5. Start again on the same data: the job resumes and finishes the replay.
    Path secondLog = dir.resolve("launcher-2.log");
    Process again = launch(command, secondLog);
    try {
      String resumed = awaitJob(rest, again, secondLog, null);
      assertTrue(
          rest.checkpoints(resumed).restoredPath().orElse("").contains("/chk-"),
          "the job resumed from a retained checkpoint: " + read(secondLog));
      awaitConsumed(settings, JobOptions.DEFAULT_GROUP_ID);

      // 6. The failure-free run: the same replay, its own outputs, group, job name, checkpoints.
      List<String> cleanFlags = new ArrayList<>(jobFlags);
      cleanFlags.addAll(
          List.of(
              "--bootstrap-servers",
              "127.0.0.1:" + kafkaPort,
              "--parallelism",
              "1",
              "--job-name",
              "clean",
              "--checkpoint-dir",
              dir.resolve("clean-checkpoints").toUri().toString(),
              "--metrics-port",
              "-1",
              "--forecasts-topic",
              clean.forecasts(),
              "--alerts-topic",
              clean.alerts(),
              "--alerts-cap-topic",
              clean.alertsCap(),
              "--alerts-json-topic",
              clean.alertsJson(),
              "--dead-letter-topic",
              clean.observationsDeadLetter(),
              "--models-topic",
              clean.models(),
              "--group-id",
              "clean"));
      JobSubmission.submit(rest, jar, cleanFlags, Optional.empty());
      awaitConsumed(settings, "clean");

      TestKafka kafka = new TestKafka(settings);
      // Both runs commit their last transactions with their last offsets: a moment apart.
      await("the killed and resumed run's output equals the failure-free run's")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                List<TtfAlert> expected = JobRuns.committedAlerts(kafka, clean.alerts());
                assertTrue(expected.size() >= 4, "the model raises and cancels alerts");
                assertEquals(
                    byRegion(expected), byRegion(JobRuns.committedAlerts(kafka, TOPICS.alerts())));
                Map<String, TreeMap<Long, TtfForecast>> forecasts =
                    JobRuns.forecasts(kafka, clean.forecasts());
                assertTrue(!forecasts.isEmpty());
                assertEquals(forecasts, JobRuns.forecasts(kafka, TOPICS.forecasts()));
              });
    } finally {
      // 7. Ctrl-C: every process stops.
      List<ProcessHandle> second = again.descendants().toList();
      again.destroy();
      await("the launcher stops on SIGTERM")
          .atMost(Duration.ofSeconds(90))
          .until(() -> !again.isAlive());
      // Each child halts when it sees its launcher gone (its stdin closes): on a loaded machine
      // that can be a moment after the launcher itself has exited.
      await("no orphan of the stopped launcher: " + second)
          .atMost(Duration.ofSeconds(30))
          .until(() -> second.stream().noneMatch(ProcessHandle::isAlive));
    }
  }

  /** Whether {@code group} has committed the end offset of every observations partition. */
  private static boolean consumedToTheEnd(KafkaClientSettings settings, String group)
      throws Exception {
    return ConsumerGroupProgress.of(settings.bootstrapServers(), group, TOPICS.observations())
        .done();
  }

  private static void awaitConsumed(KafkaClientSettings settings, String group) {
    await(group + " consumes the replay to its end")
        .atMost(STEP)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> consumedToTheEnd(settings, group));
  }

  /** {@code ./asperity cluster ...} in a JVM of its own, as the launcher script runs it. */
  private static Process launch(List<String> arguments, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-Xmx512m");
    for (String p :
        List.of(
            "java.lang",
            "java.net",
            "java.io",
            "java.nio",
            "sun.nio.ch",
            "java.lang.reflect",
            "java.text",
            "java.time",
            "java.util",
            "java.util.concurrent",
            "java.util.concurrent.atomic",
            "java.util.concurrent.locks")) {
      command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
    }
    command.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.asperity.schemas");
    // The launcher's own logging, as users see it, into its log file (not the tests' quiet one).
    command.add("-Dlog4j2.configurationFile=log4j2.xml");
    command.add(
        "-Dasperity.cache=" + System.getProperty("asperity.cache", "target/asperity-cache"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Asperity.class.getName());
    command.addAll(arguments);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** The id of the job the launcher submitted (other than {@code previous}), once it runs. */
  private static String awaitJob(FlinkRest rest, Process launcher, Path log, String previous) {
    String[] id = new String[1];
    await("the launcher starts the cluster and submits the job")
        .atMost(STEP)
        .pollInterval(Duration.ofMillis(500))
        .failFast(
            () -> {
              if (!launcher.isAlive()) {
                throw new AssertionError("the launcher exited: " + read(log));
              }
            })
        .until(
            () -> {
              if (!rest.answers()) {
                return false;
              }
              for (FlinkRest.Job job : rest.jobs()) {
                if (job.state().equals("RUNNING") || job.state().equals("FINISHED")) {
                  if (!job.name().equals("clean") && !job.id().equals(previous)) {
                    id[0] = job.id();
                  }
                }
              }
              return id[0] != null && rest.jobs().stream().anyMatch(j -> j.id().equals(id[0]));
            });
    // The newest submission (a resumed job is listed beside none other: the JobManager is new).
    return id[0];
  }

  private static long awaitCheckpoints(FlinkRest rest, String job, long atLeast) {
    long[] count = new long[1];
    await("checkpoint " + atLeast + " of " + job)
        .atMost(STEP)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              count[0] = rest.checkpoints(job).completed();
              return count[0] >= atLeast;
            });
    return count[0];
  }

  private static void awaitState(FlinkRest rest, String job, String state) {
    await(job + " " + state)
        .atMost(STEP)
        .pollInterval(Duration.ofMillis(500))
        .failFast(
            "the job failed", () -> rest.jobState(job).map(s -> s.equals("FAILED")).orElse(false))
        .until(() -> rest.jobState(job).map(state::equals).orElse(false));
  }

  /** The launcher's child JVM whose command line contains {@code text}. */
  private static ProcessHandle processWith(Process launcher, String text) {
    return launcher
        .descendants()
        .filter(p -> commandLine(p).contains(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no process of the cluster runs with " + text));
  }

  /** The process's whole command line (ProcessHandle.Info may leave the arguments out). */
  private static String commandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
          .replace('\0', ' ');
    } catch (IOException e) {
      return ""; // it exited meanwhile
    }
  }

  private static Map<String, List<TtfAlert>> byRegion(List<TtfAlert> alerts) {
    Map<String, List<TtfAlert>> out = new TreeMap<>();
    alerts.forEach(a -> out.computeIfAbsent(a.getRegion(), k -> new ArrayList<>()).add(a));
    return out;
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
