package org.asperity.bench.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.asperity.cluster.ClusterSettings;
import org.asperity.cluster.ConsumerGroupProgress;
import org.asperity.cluster.FlinkRest;
import org.asperity.cluster.FreePorts;
import org.asperity.cluster.JobSubmission;
import org.asperity.cluster.LocalCluster;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;

/**
 * Recovery from TaskManager crashes on the local multi-process cluster, and whether it changes what
 * readers see. A simulated record is preloaded into the cluster's broker; the job replays it
 * (unbounded, from the earliest offsets, done when its consumer group has committed the end of
 * every partition) once without failures, then once more while a TaskManager running it is killed
 * with SIGKILL {@code kills} times at seeded random points of the replay. The cluster starts each
 * killed TaskManager again; meanwhile the job restarts from its last checkpoint in the other
 * TaskManager's free slot. Compares the two runs' read_committed alerts and forecasts.
 *
 * <p>Recovery time: from the SIGKILL to the acknowledgement of the first checkpoint the job
 * completes after it (the job runs again, restored, and has made progress it will keep). The next
 * kill waits for that and for the killed TaskManager to be back.
 */
public final class RecoveryBenchmark {
  /**
   * What to measure.
   *
   * @param kills SIGKILLs of a TaskManager running the job
   * @param seed of the kill points and targets, and of the simulated record
   * @param years of simulated record per region
   * @param regions simulated regions (networks)
   * @param checkpointInterval of both runs
   * @param taskManagerMemory each TaskManager's process size
   */
  public record Settings(
      int kills,
      long seed,
      double years,
      int regions,
      Duration checkpointInterval,
      String taskManagerMemory) {
    /**
     * Three kills, seed 1, 40 years of 2 regions, checkpoints every second, TaskManagers of the
     * size {@code ./asperity cluster} gives them.
     */
    public static Settings defaults() {
      return new Settings(
          3, 1L, 40.0, 2, Duration.ofSeconds(1), ClusterSettings.DEFAULT_TASK_MANAGER_MEMORY);
    }

    public Settings {
      if (kills < 0) {
        throw new IllegalArgumentException("--kills must be at least 0, not " + kills);
      }
      if (!(years > 0)) {
        throw new IllegalArgumentException("--years must be positive, not " + years);
      }
      if (regions < 1) {
        throw new IllegalArgumentException("--regions must be at least 1, not " + regions);
      }
      if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
        throw new IllegalArgumentException("--checkpoint-interval must be positive");
      }
    }
  }

  /** Kill points are drawn in this part of the replay (fractions of the observations read). */
  static final double FIRST_KILL_FRACTION = 0.1;

  static final double LAST_KILL_FRACTION = 0.8;

  /** One TaskManager cluster, one slot each: the job (parallelism 1) fails over to the other. */
  static final int TASK_MANAGERS = 2;

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration PROGRESS_POLL = Duration.ofMillis(500);
  private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);

  /** One kill: which TaskManager, when (s after the run's start), its recovery time (s). */
  public record Kill(String taskManager, double atSeconds, double recoverySeconds) {}

  /** What was measured. */
  public record Result(
      long observations,
      double cleanSeconds,
      double killedSeconds,
      long cleanRestarts,
      long killedRestarts,
      long alerts,
      long forecasts,
      boolean alertsIdentical,
      boolean forecastsIdentical,
      int plannedKills,
      List<Kill> kills) {
    public double recoveryP50Seconds() {
      return percentile(0.5);
    }

    public double recoveryMaxSeconds() {
      return percentile(1.0);
    }

    private double percentile(double q) {
      List<Double> sorted = new ArrayList<>(kills.stream().map(Kill::recoverySeconds).toList());
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      Collections.sort(sorted);
      int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1));
      return sorted.get(i);
    }

    /** The benchmark's verdict, one line. */
    public String verdict() {
      return String.format(
          Locale.ROOT,
          "alerts identical to the failure-free run: %s (%d alerts, %d kills, recovery p50 %s s,"
              + " max %s s)",
          alertsIdentical ? "yes" : "no",
          alerts,
          kills.size(),
          seconds(recoveryP50Seconds()),
          seconds(recoveryMaxSeconds()));
    }

    /** Everything but the verdict: the caller prints that last. */
    public void printDetails(PrintStream out) {
      out.printf(
          Locale.ROOT,
          "recovery: %,d observations; failure-free run %.1f s, run with kills %.1f s%n",
          observations,
          cleanSeconds,
          killedSeconds);
      if (cleanRestarts > 0) {
        out.printf(
            Locale.ROOT,
            "  the failure-free run restarted %d times by itself (a TaskManager declared lost when"
                + " its heartbeats come late on a loaded machine: logs/jobmanager.log)%n",
            cleanRestarts);
      }
      if (killedRestarts > kills.size()) {
        out.printf(
            Locale.ROOT,
            "  the run with kills restarted %d times for %d kills%n",
            killedRestarts,
            kills.size());
      }
      for (int i = 0; i < kills.size(); i++) {
        Kill k = kills.get(i);
        out.printf(
            Locale.ROOT,
            "  kill %d: %s at %.1f s, recovered in %.1f s%n",
            i + 1,
            k.taskManager(),
            k.atSeconds(),
            k.recoverySeconds());
      }
      if (kills.size() < plannedKills) {
        out.printf(
            Locale.ROOT,
            "  %d of %d kills done: the replay ended before the others were due%n",
            kills.size(),
            plannedKills);
      }
      out.printf(
          Locale.ROOT,
          "  forecasts identical to the failure-free run: %s (%,d forecasts)%n",
          forecastsIdentical ? "yes" : "no",
          forecasts);
      if (alerts == 0) {
        out.println("  the failure-free run raised no alert: the comparison shows nothing");
      }
    }

    private static String seconds(double s) {
      return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1f", s);
    }
  }

  private RecoveryBenchmark() {}

  /**
   * Runs the benchmark on a cluster of its own (free ports, its files under {@code dataDirectory},
   * which must be empty or absent) with the shaded job jar {@code jobJar}.
   */
  public static Result run(Settings settings, Path jobJar, Path dataDirectory, PrintStream out)
      throws Exception {
    ClusterSettings cluster =
        new ClusterSettings(
            dataDirectory,
            TASK_MANAGERS,
            1,
            FreePorts.one(),
            FreePorts.one(),
            FreePorts.pair(),
            settings.taskManagerMemory(),
            ClusterSettings.DEFAULT_JOB_MANAGER_MEMORY);
    out.printf(
        Locale.ROOT,
        "  starting the cluster: a JobManager, %d TaskManagers of one slot, a broker (files in %s)%n",
        TASK_MANAGERS,
        cluster.dataDirectory());
    try (LocalCluster local = LocalCluster.start(cluster)) {
      KafkaClientSettings kafka = KafkaClientSettings.of(cluster.bootstrapServers());
      TopicNames input = TopicNames.defaults();
      TopicNames clean = TopicNames.defaults().withOutputsOfRun("clean");
      TopicNames killed = TopicNames.defaults().withOutputsOfRun("killed");
      try (TopicAdmin admin = TopicAdmin.connect(kafka)) {
        admin.ensureTopics(input.all(), Duration.ofSeconds(60));
        admin.ensureTopics(clean.all(), Duration.ofSeconds(60));
        admin.ensureTopics(killed.all(), Duration.ofSeconds(60));
      }
      out.printf(
          Locale.ROOT,
          "  preloading %.0f simulated years of %d regions (seed %d) into the broker%n",
          settings.years(),
          settings.regions(),
          settings.seed());
      SimulatedReplay replay =
          SimulatedReplay.write(
              SimulatedReplay.simulation(settings.seed(), settings.regions(), settings.years()),
              kafka,
              input);
      Path model = Files.write(cluster.dataDirectory().resolve("model.onnx"), replay.model());
      out.printf(
          Locale.ROOT,
          "  %,d observations; the model: one stump on the 30-day coastal rate, built from them%n",
          replay.observations());

      Run runner = new Run(local, jobJar, model, input, settings, out);
      out.println("  failure-free run");
      RunTimes cleanRun = runner.replay("clean", clean);

      Random random = new Random(settings.seed());
      List<Double> points = new ArrayList<>();
      for (int i = 0; i < settings.kills(); i++) {
        points.add(
            FIRST_KILL_FRACTION + (LAST_KILL_FRACTION - FIRST_KILL_FRACTION) * random.nextDouble());
      }
      Collections.sort(points);
      out.printf(
          Locale.ROOT,
          "  run with %d kills, due when the replay has read %s %% of the observations%n",
          settings.kills(),
          String.join(
              ", ",
              points.stream().map(m -> String.format(Locale.ROOT, "%.0f", 100 * m)).toList()));
      RunTimes killedRun = runner.replay("killed", killed, points, random);

      CommittedOutputs expectedOut =
          CommittedOutputs.read(kafka, clean.alerts(), clean.forecasts());
      CommittedOutputs actual = CommittedOutputs.read(kafka, killed.alerts(), killed.forecasts());
      return new Result(
          replay.observations(),
          cleanRun.seconds(),
          killedRun.seconds(),
          cleanRun.restarts(),
          killedRun.restarts(),
          expectedOut.alertCount(),
          expectedOut.forecastCount(),
          expectedOut.alertsByRegion().equals(actual.alertsByRegion()),
          expectedOut.forecasts().equals(actual.forecasts()),
          settings.kills(),
          killedRun.kills());
    }
  }

  /** One run: seconds to the end, the kills done, the job's restarts of any cause. */
  private record RunTimes(double seconds, List<Kill> kills, long restarts) {}

  /** Submits, kills, waits: one run of the job. */
  private static final class Run {
    private final LocalCluster cluster;
    private final FlinkRest rest;
    private final Path jobJar;
    private final Path model;
    private final TopicNames input;
    private final Settings settings;
    private final PrintStream out;

    /** Restarts so far of each TaskManager this run killed. */
    private final Map<String, Integer> restartCounts = new HashMap<>();

    Run(
        LocalCluster cluster,
        Path jobJar,
        Path model,
        TopicNames input,
        Settings settings,
        PrintStream out) {
      this.cluster = cluster;
      this.rest = cluster.rest();
      this.jobJar = jobJar;
      this.model = model;
      this.input = input;
      this.settings = settings;
      this.out = out;
    }

    RunTimes replay(String name, TopicNames outputs) throws Exception {
      return replay(name, outputs, List.of(), new Random(0));
    }

    /**
     * Replays the input to its end; kills when the job's committed offsets reach each of {@code
     * killPoints} (fractions of the observations, ascending): the same points of the replay
     * whatever the machine's speed and the recoveries before cost.
     */
    RunTimes replay(String name, TopicNames outputs, List<Double> killPoints, Random random)
        throws Exception {
      long start = System.nanoTime();
      String job = JobSubmission.submit(rest, jobJar, arguments(name, outputs), Optional.empty());
      List<Kill> kills = new ArrayList<>();
      long lastReport = start;
      for (double point : killPoints) {
        ConsumerGroupProgress now = progress(name);
        while (!now.done() && now.fraction() < point) {
          requireAlive(job);
          lastReport = report(name, start, lastReport);
          // Offsets are committed once a checkpoint: finer polling sees nothing new.
          TimeUnit.MILLISECONDS.sleep(PROGRESS_POLL.toMillis());
          now = progress(name);
        }
        if (now.done()) {
          break;
        }
        Kill kill = kill(job, random, start);
        kills.add(kill);
        out.printf(
            Locale.ROOT,
            "    kill %d: SIGKILL to %s at %.1f s (%.0f %% read); running again with a new"
                + " checkpoint %.1f s later%n",
            kills.size(),
            kill.taskManager(),
            kill.atSeconds(),
            100 * now.fraction(),
            kill.recoverySeconds());
      }
      while (!progress(name).done()) {
        requireAlive(job);
        lastReport = report(name, start, lastReport);
        TimeUnit.MILLISECONDS.sleep(PROGRESS_POLL.toMillis());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "    %s: consumed to the end in %.1f s%n", name, seconds);
      // The transactions of the checkpoint that committed the last offsets commit on the same
      // notification: two more checkpoints and they are surely visible. Then the slot is freed.
      long restarts = rest.restarts(job).orElse(-1L);
      long after =
          rest.latestCompletedCheckpoint(job).map(FlinkRest.CompletedCheckpoint::id).orElse(0L);
      awaitCheckpointAfter(job, after + 2, Long.MIN_VALUE);
      rest.cancel(job);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (rest.jobState(job).map(s -> !s.equals("CANCELED")).orElse(false)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the job " + job + " was not cancelled within 60 s");
        }
        TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
      }
      return new RunTimes(seconds, kills, restarts);
    }

    private Kill kill(String job, Random random, long start) throws Exception {
      List<String> running = List.of();
      long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
      while (running.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the job runs on no TaskManager: " + job);
        }
        running = rest.taskManagersOf(job);
        if (running.isEmpty()) {
          TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
      }
      String target = running.get(random.nextInt(running.size()));
      long before =
          rest.latestCompletedCheckpoint(job).map(FlinkRest.CompletedCheckpoint::id).orElse(0L);
      int restarts = restartsOf(target);
      cluster.kill(target);
      long killedAt = System.currentTimeMillis();
      double at = (System.nanoTime() - start) / 1e9;
      long acknowledged = awaitCheckpointAfter(job, before + 1, killedAt);
      // The next kill finds both TaskManagers up, as this one did.
      cluster.awaitRestarts(target, restarts + 1, RECOVERY_TIMEOUT);
      restartCounts.merge(target, 1, Integer::sum);
      return new Kill(target, at, (acknowledged - killedAt) / 1000.0);
    }

    private int restartsOf(String taskManager) {
      return restartCounts.getOrDefault(taskManager, 0);
    }

    /**
     * Waits for a completed checkpoint with an id of at least {@code id}, acknowledged at or after
     * {@code notBeforeMillis}; returns its acknowledgement time (epoch ms).
     */
    private long awaitCheckpointAfter(String job, long id, long notBeforeMillis) throws Exception {
      long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
      while (true) {
        Optional<FlinkRest.CompletedCheckpoint> latest = rest.latestCompletedCheckpoint(job);
        if (latest.isPresent()
            && latest.get().id() >= id
            && latest.get().acknowledgedAtMillis() >= notBeforeMillis) {
          return latest.get().acknowledgedAtMillis();
        }
        requireAlive(job);
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the job completed no checkpoint within "
                  + RECOVERY_TIMEOUT.toSeconds()
                  + " s: see the logs in "
                  + cluster.settings().logDirectory());
        }
        TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
      }
    }

    private void requireAlive(String job) throws IOException {
      Optional<String> state = rest.jobState(job);
      if (state.isPresent() && (state.get().equals("FAILED") || state.get().equals("CANCELED"))) {
        throw new IllegalStateException(
            "the job "
                + state.get()
                + ": "
                + rest.rootException(job).orElse("no exception")
                + " (logs in "
                + cluster.settings().logDirectory()
                + ")");
      }
    }

    private ConsumerGroupProgress progress(String group) throws Exception {
      return ConsumerGroupProgress.of(cluster.bootstrapServers(), group, input.observations());
    }

    private long report(String name, long start, long last) throws Exception {
      long now = System.nanoTime();
      if (now - last < TimeUnit.SECONDS.toNanos(10)) {
        return last;
      }
      out.printf(
          Locale.ROOT,
          "    %4d s: %s run read %.0f %% (committed offsets)%n",
          (now - start) / 1_000_000_000L,
          name,
          100 * progress(name).fraction());
      return now;
    }

    private List<String> arguments(String name, TopicNames outputs) {
      return List.of(
          "--bootstrap-servers",
          cluster.bootstrapServers(),
          "--parallelism",
          "1",
          "--job-name",
          name,
          "--group-id",
          name,
          "--checkpoint-dir",
          cluster.settings().checkpointDirectory().resolve(name).toUri().toString(),
          "--checkpoint-interval",
          settings.checkpointInterval().toMillis() + "ms",
          "--metrics-port",
          "-1",
          "--starting-offsets",
          "earliest",
          // No partition declared idle by wall time: a replay's watermarks then depend on the
          // data alone, whatever the restarts cost.
          "--idle-timeout",
          "0s",
          "--watermark-interval",
          "10ms",
          "--model",
          model.toString(),
          "--observations-topic",
          input.observations(),
          "--catalog-topic",
          input.catalogEvents(),
          "--forecasts-topic",
          outputs.forecasts(),
          "--alerts-topic",
          outputs.alerts(),
          "--alerts-cap-topic",
          outputs.alertsCap(),
          "--alerts-json-topic",
          outputs.alertsJson(),
          "--dead-letter-topic",
          outputs.observationsDeadLetter(),
          "--models-topic",
          outputs.models());
    }
  }
}
