package org.asperity.bench.job;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.asperity.cluster.ClusterSettings;
import org.asperity.cluster.FlinkRest;
import org.asperity.cluster.FreePorts;
import org.asperity.cluster.LocalCluster;
import org.asperity.job.JobOptions;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.TopicSpec;

/**
 * Throughput on the multi-process local cluster ({@code ./asperity cluster}: a JobManager and
 * TaskManagers, each a JVM of its own) at parallelism 1, 2 and 4, each against the same job on a
 * MiniCluster in this process and the pass-through job, at the same parallelism, in the same run.
 * One topic of synthetic observations is preloaded once, into the broker of the session (embedded
 * in this process, or the user's), and every run reads all of it: the only difference between the
 * MiniCluster and the cluster run is where the job's tasks run. Each parallelism gets a cluster of
 * its own with as many TaskManagers of one slot, started before and stopped after its run.
 */
public final class ClusterThroughputBenchmark {
  /** The parallelisms measured: one TaskManager of one slot per parallel task. */
  public static final List<Integer> PARALLELISMS = List.of(1, 2, 4);

  private static final Duration RUN_TIMEOUT = Duration.ofHours(2);

  /** One parallelism's three runs, in seconds to read every observation. */
  public record Step(
      int parallelism,
      double passThroughSeconds,
      double miniClusterSeconds,
      double clusterSeconds) {}

  /** What was measured. */
  public record Result(long observations, int stations, double preloadSeconds, List<Step> steps) {
    public void print(PrintStream out) {
      out.printf(
          Locale.ROOT,
          "throughput on the local cluster: %s observations of %,d stations (preloaded in %.1f s)%n",
          BenchmarkSupport.count(observations),
          stations,
          preloadSeconds);
      out.printf(
          Locale.ROOT,
          "  %-11s  %-13s  %-13s  %-13s  %-18s  %-20s%n",
          "parallelism",
          "pass-through",
          "MiniCluster",
          "cluster",
          "cluster/MiniCluster",
          "cluster/pass-through");
      for (Step s : steps) {
        double pass = observations / s.passThroughSeconds();
        double mini = observations / s.miniClusterSeconds();
        double cluster = observations / s.clusterSeconds();
        out.printf(
            Locale.ROOT,
            "  %-11d  %13s  %13s  %13s  %18.2f  %20.2f%n",
            s.parallelism(),
            BenchmarkSupport.count(pass) + " obs/s",
            BenchmarkSupport.count(mini) + " obs/s",
            BenchmarkSupport.count(cluster) + " obs/s",
            cluster / mini,
            cluster / pass);
      }
      out.printf(
          Locale.ROOT,
          "  (obs/s: observations over the wall time from submission to the job's end, start-up"
              + " included; pass-through and MiniCluster run in this process, the cluster's"
              + " TaskManagers in JVMs of their own; %d cores on this machine)%n",
          Runtime.getRuntime().availableProcessors());
    }
  }

  private ClusterThroughputBenchmark() {}

  /**
   * Runs the benchmark; {@code settings.parallelism()} is not used (every one of {@link
   * #PARALLELISMS} is measured), nor the baseline and malformed flags (the pass-through always
   * runs, the malformed run never).
   *
   * @param modelFile the model the cluster's job loads, or empty for the default model (on the
   *     cluster's class path, as on this process's)
   * @param workDirectory where each cluster keeps its files (a directory per parallelism)
   */
  public static Result run(
      KafkaClientSettings kafka,
      JobModel model,
      Optional<Path> modelFile,
      Path jobJar,
      Path workDirectory,
      ThroughputBenchmark.Settings settings,
      PrintStream progress)
      throws Exception {
    String run = "bench-" + System.currentTimeMillis();
    TopicNames topics = TopicNames.ofRun(run);
    String passThroughTopic = run + ".pass-through";
    ThroughputBenchmark.createTopics(
        kafka, topics, settings, List.of(new TopicSpec(passThroughTopic, settings.partitions())));
    long t0 = System.nanoTime();
    long[] written = ThroughputBenchmark.preload(kafka, topics, model, settings, 0, progress);
    double preloadSeconds = ThroughputBenchmark.seconds(System.nanoTime() - t0);

    List<Step> steps = new ArrayList<>();
    for (int p : PARALLELISMS) {
      JobOptions options =
          ThroughputBenchmark.options(kafka, topics, run + "-p" + p, settings).toBuilder()
              .parallelism(p)
              .build();
      progress.printf(Locale.ROOT, "  parallelism %d: the pass-through job on a MiniCluster%n", p);
      double passThrough = ThroughputBenchmark.passThrough(options, passThroughTopic);
      progress.printf(Locale.ROOT, "  parallelism %d: the asperity job on a MiniCluster%n", p);
      double mini = ThroughputBenchmark.runAsperity(options, model).seconds();
      progress.printf(
          Locale.ROOT,
          "  parallelism %d: starting a cluster of %d TaskManagers of one slot%n",
          p,
          p);
      double cluster =
          onCluster(
              kafka,
              topics,
              run + "-cluster-p" + p,
              p,
              settings,
              modelFile,
              jobJar,
              workDirectory.resolve("p" + p),
              progress);
      progress.printf(
          Locale.ROOT,
          "  parallelism %d: pass-through %.1f s, MiniCluster %.1f s, cluster %.1f s%n",
          p,
          passThrough,
          mini,
          cluster);
      steps.add(new Step(p, passThrough, mini, cluster));
    }
    return new Result(written[0], settings.stations(), preloadSeconds, steps);
  }

  /** The job on a fresh cluster of {@code parallelism} TaskManagers: seconds to read it all. */
  private static double onCluster(
      KafkaClientSettings kafka,
      TopicNames topics,
      String run,
      int parallelism,
      ThroughputBenchmark.Settings settings,
      Optional<Path> modelFile,
      Path jobJar,
      Path dataDirectory,
      PrintStream progress)
      throws Exception {
    ClusterSettings cluster =
        new ClusterSettings(
            dataDirectory,
            parallelism,
            1,
            FreePorts.one(),
            FreePorts.one(),
            FreePorts.pair(),
            ClusterSettings.DEFAULT_TASK_MANAGER_MEMORY,
            ClusterSettings.DEFAULT_JOB_MANAGER_MEMORY);
    try (LocalCluster local = LocalCluster.start(cluster)) {
      FlinkRest rest = local.rest();
      String jar = rest.uploadJar(jobJar);
      List<String> arguments =
          new ArrayList<>(
              List.of(
                  "--bootstrap-servers",
                  kafka.bootstrapServers(),
                  "--bounded",
                  "--starting-offsets",
                  "earliest",
                  "--parallelism",
                  Integer.toString(parallelism),
                  "--job-name",
                  run,
                  "--group-id",
                  run,
                  "--transactional-id-prefix",
                  run,
                  "--checkpoint-interval",
                  settings.checkpointInterval().toMillis() + "ms",
                  "--checkpoint-dir",
                  cluster.checkpointDirectory().toUri().toString(),
                  "--metrics-port",
                  "-1",
                  "--observations-topic",
                  topics.observations(),
                  "--catalog-topic",
                  topics.catalogEvents(),
                  "--forecasts-topic",
                  topics.forecasts(),
                  "--alerts-topic",
                  topics.alerts(),
                  "--alerts-cap-topic",
                  topics.alertsCap(),
                  "--alerts-json-topic",
                  topics.alertsJson(),
                  "--dead-letter-topic",
                  topics.observationsDeadLetter(),
                  "--models-topic",
                  topics.models()));
      modelFile.ifPresent(m -> arguments.addAll(List.of("--model", m.toString())));
      progress.printf(
          Locale.ROOT, "  parallelism %d: the asperity job on the cluster%n", parallelism);
      long a = System.nanoTime();
      String job = rest.runJar(jar, arguments, null);
      long deadline = a + RUN_TIMEOUT.toNanos();
      long lastReport = a;
      while (true) {
        String state = rest.jobState(job).orElse("UNKNOWN");
        if (state.equals("FINISHED")) {
          return ThroughputBenchmark.seconds(System.nanoTime() - a);
        }
        if (state.equals("FAILED") || state.equals("CANCELED") || System.nanoTime() > deadline) {
          throw new IOException(
              "the job on the cluster ended "
                  + state
                  + ": "
                  + rest.rootException(job).orElse("no exception")
                  + " (logs in "
                  + cluster.logDirectory()
                  + ")");
        }
        if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
          lastReport = System.nanoTime();
          progress.printf(
              Locale.ROOT,
              "    %4d s: %s%n",
              TimeUnit.NANOSECONDS.toSeconds(lastReport - a),
              state.toLowerCase(Locale.ROOT));
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }
}
