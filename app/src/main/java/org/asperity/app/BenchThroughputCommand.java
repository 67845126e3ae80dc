package org.asperity.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.asperity.bench.job.ThroughputBenchmark;
import org.asperity.job.JobOptions;
import org.asperity.job.StateBackendConverter;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaOptions;
import org.asperity.time.DurationConverter;
import org.asperity.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./asperity bench throughput}: the job's observations per second against a pass-through
 * job.
 */
@Command(
    name = "throughput",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Observations per second of the whole job, against a pass-through job measured in the same run.",
      "",
      "N synthetic observations (the model's stations repeated over networks bench-00, bench-01, ...,",
      "one sample per station and tick, steady motion plus noise, seeded) are preloaded into a topic;",
      "then a pass-through job (Kafka source, decode, re-encode, Kafka sink) and the Asperity job",
      "(with the default model unless --model) each read it to its end as bounded jobs on a Flink",
      "MiniCluster with the same parallelism. Prints both rates and their ratio, the largest",
      "checkpoint per station and the peak heap. Every window is full only after the long window",
      "(3650 daily samples for the default model): use at least 2 x stations x 3650 observations",
      "(20 M for 2,600 stations) for a steady-state number; fewer measure the filling phase.",
      "",
      "With --sampling 1s every station sends one sample a second instead of one per tick, as a",
      "real-time network does: the job aggregates them into one position per station and tick",
      "(a day for the default model) before the features, and the pass-through reads the same",
      "records. 20 M observations of 2,600 stations at 1 Hz are about two hours of one day.",
      "",
      "With --malformed-percent P the job then reads, from topics of its own, the same observations",
      "with P %% malformed records mixed in: a clean and a malformed run to warm the JIT, then two",
      "more pairs; the fastest of each kind are compared, valid obs/s and their ratio (goal: at",
      "least 0.9 for 1 %%), with the dead letters by reason.",
      "",
      "With --cluster the job runs instead on the multi-process local cluster of ./asperity cluster",
      "(a JobManager and TaskManagers, each a JVM of its own) at parallelism 1, 2 and 4, each on a",
      "cluster of as many TaskManagers of one slot, and, at each parallelism, on a MiniCluster and",
      "as the pass-through job, all reading the same preloaded topic: prints obs/s of the three and",
      "the cluster's ratios to the other two. Needs the shaded job jar (./asperity builds it).",
      "The job runs once per --state-backend on the same observations, printed side by side:",
      "obs/s, the ratio to the pass-through, checkpoint sizes (full, and written: RocksDB's are",
      "incremental) and durations. The default is hashmap alone: on RocksDB every record reads",
      "and writes its station's head as bytes, and each tick reads its samples (58 KiB with full",
      "windows) and writes one block of them, ~13,000 obs/s at parallelism 2 on a 2-core machine,",
      "a fifth of the heap's (benchmarks/BENCHMARKS.md): give it fewer observations (300k of 100",
      "stations takes a minute).",
      "",
      "Example:  ./asperity bench throughput --observations 5M --parallelism 2",
      "          ./asperity bench throughput --observations 3M --no-baseline --malformed-percent 1",
      "          ./asperity bench throughput --observations 20M --sampling 1s",
      "          ./asperity bench throughput --observations 3M --cluster",
      "          ./asperity bench throughput --observations 300k --stations 100 --state-backend hashmap,rocksdb",
      ""
    })
final class BenchThroughputCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(
      names = "--observations",
      defaultValue = "20M",
      converter = CountConverter.class,
      paramLabel = "N",
      description =
          "Observations to preload and read: 5000000, 5M, 500k (default: ${DEFAULT-VALUE}).")
  long observations;

  @Option(
      names = "--stations",
      defaultValue = "2600",
      paramLabel = "N",
      description =
          "Stations per epoch, over as many networks of the model's layout as needed (default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      paramLabel = "N",
      description = "Parallelism of both jobs (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--partitions",
      defaultValue = "4",
      paramLabel = "N",
      description = "Partitions of the preloaded observations topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "5s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Checkpoints of both jobs (exactly-once alerts in the Asperity job) (default: ${DEFAULT-VALUE}).")
  Duration checkpointInterval;

  @Option(
      names = "--baseline",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Measure the pass-through baseline first (default: on; --no-baseline skips it and prints no ratio).")
  boolean baseline;

  @Option(
      names = "--malformed-percent",
      defaultValue = "0",
      paramLabel = "P",
      description =
          "Also run the job on the same observations with P %% malformed records mixed in (random"
              + " bytes, truncated, wrong schema fingerprint) and print its valid obs/s and the ratio"
              + " to the clean run; 0 skips it (default: ${DEFAULT-VALUE}).")
  double malformedPercent;

  @Option(
      names = "--sampling",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Time between a station's samples, e.g. 1s, 30s, 5m (default: the model's tick interval,"
              + " one sample per station and tick).")
  Duration sampling;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "N",
      description = "Seed of the synthetic observations (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--state-backend",
      split = ",",
      converter = StateBackendConverter.class,
      paramLabel = "BACKEND[,BACKEND]",
      description =
          "State backends to run the job on, one run each, side by side: hashmap, rocksdb"
              + " (default: hashmap).")
  List<JobOptions.StateBackend> stateBackends =
      new ArrayList<>(ThroughputBenchmark.Settings.DEFAULT_STATE_BACKENDS);

  @Option(
      names = "--model",
      paramLabel = "FILE.onnx",
      description = "A model file instead of the default models/ttf-gbrt/ttf-gbrt.onnx.")
  Path modelFile;

  @Option(
      names = "--cluster",
      description =
          "Measure the job on the multi-process local cluster at parallelism 1, 2 and 4 against"
              + " a MiniCluster and the pass-through at each (--parallelism, --no-baseline and"
              + " --malformed-percent do not apply).")
  boolean cluster;

  @Override
  public Integer call() throws Exception {
    requirePositive("--observations", observations);
    requirePositive("--stations", stations);
    requirePositive("--parallelism", parallelism);
    requirePositive("--partitions", partitions);
    if (sampling != null && (sampling.isNegative() || sampling.toNanos() < 1000)) {
      throw new IllegalArgumentException("--sampling must be at least 1 microsecond");
    }
    if (!(malformedPercent >= 0 && malformedPercent <= 100)) {
      throw new IllegalArgumentException(
          "--malformed-percent must be in 0..100, not " + malformedPercent);
    }
    if (cluster) {
      ClusterThroughputCommand.validate(kafka);
    }
    PrintStream out = System.out;
    // Loaded as the demo's job loads it: the file, else the default model on the job's class path.
    JobModel model = JobModel.load(modelFile);
    out.printf(
        Locale.ROOT,
        "bench throughput: %,d observations of %,d stations, parallelism %d, %d partitions,"
            + " checkpoints every %d s, baseline %s, malformed run %s, sampling %s, state %s%n",
        observations,
        stations,
        parallelism,
        partitions,
        checkpointInterval.toSeconds(),
        baseline ? "on" : "off",
        malformedPercent > 0 ? malformedPercent + " %" : "off",
        sampling == null ? "one per tick" : Durations.format(sampling),
        stateBackends);
    out.printf(Locale.ROOT, "model:   %s%n", describe(model));
    try (BenchSession session = BenchSession.withKafka(kafka, out)) {
      ThroughputBenchmark.Settings settings =
          new ThroughputBenchmark.Settings(
              observations,
              stations,
              parallelism,
              partitions,
              checkpointInterval,
              seed,
              baseline,
              malformedPercent,
              sampling,
              stateBackends);
      if (cluster) {
        ClusterThroughputCommand.run(session, model, modelFile, settings, out);
        return 0;
      }
      double readBefore = JobMetrics.peek().count("asperity.observations.in");
      ThroughputBenchmark.Result result;
      try (AutoCloseable progress =
          BenchSession.ticker(
              out,
              Duration.ofSeconds(10),
              () -> (long) (JobMetrics.peek().count("asperity.observations.in") - readBefore),
              "observations read by the asperity job")) {
        result = ThroughputBenchmark.run(session.kafka(), model, settings, out);
      }
      result.print(out);
    }
    return 0;
  }

  private String describe(JobModel model) {
    return model.describe()
        + (modelFile == null ? ", the default model (models/ttf-gbrt)" : ", from " + modelFile)
        + "; "
        + BenchSession.describeFeatures(model);
  }

  static void requirePositive(String flag, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(flag + " must be at least 1, not " + value);
    }
  }
}
