package org.asperity.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.asperity.bench.job.FullStateCheckpointBenchmark;
import org.asperity.bench.job.StateSizeBenchmark;
import org.asperity.bench.job.ThroughputBenchmark;
import org.asperity.job.JobOptions;
import org.asperity.job.StateBackendConverter;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaOptions;
import org.asperity.time.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./asperity bench state}: keyed state per station, and checkpoints on each backend. */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Keyed state per station and checkpoints on each state backend, in three parts.",
      "",
      "1. Serialized sizes (no Kafka, no Flink; seconds): one station's state (features and",
      "   bookkeeping, as the state serializer writes it into a checkpoint, and its heap) after more",
      "   daily samples than the window holds, for long windows of 730, 1825, 3650 (the default",
      "   model's) and 7300 samples, the checkpoint for --stations stations, and what one daily",
      "   sample rewrites: the whole state on the heap, the head and one block with RocksDB.",
      "",
      "2. The real job on each --state-backend, side by side: --job-stations stations x --job-days",
      "   daily observations are preloaded into an embedded broker (or --bootstrap-servers), and",
      "   the job reads them to their end on a Flink MiniCluster once per backend, checkpointing",
      "   every --checkpoint-interval. Prints per backend: obs/s, the full state a checkpoint stands",
      "   for, what one wrote (RocksDB's are incremental), the slowest checkpoint, the peak heap.",
      "   Small by default (a minute or two). Filling the 3650-day window this way takes hours:",
      "   part 3 measures full windows.",
      "",
      "3. Full windows at scale: --full-stations stations (default 26,000: ten times GEONET and",
      "   NOTA) each with every window full, checkpointed every --full-checkpoint-interval; after",
      "   each completed checkpoint every station gets one more day (--full-ticks times: the daily",
      "   tick, in every checkpoint, the worst case for an incremental checkpoint). Streaming 95 M",
      "   observations through the job would take hours, so the station operator's own state",
      "   (its states, serializers and the backend's layout: whole on the heap, a head and blocks",
      "   of samples with RocksDB) is filled in memory by a stand-in for its intake; the",
      "   checkpoints are the job's (same settings). The first checkpoint waits for the filling;",
      "   the ones after it are the daily ticks. The heap backend is skipped when the state",
      "   cannot fit this JVM's heap (set it with ASPERITY_JAVA_OPTS=-Xmx2g to check the goal of a",
      "   2 GiB TaskManager). Minutes; 0 skips it. With --full-on-cluster it runs on the local",
      "   multi-process cluster instead (./asperity cluster's): --parallelism TaskManager JVMs of",
      "   --taskmanager-memory each, their heap and the checkpoints read from Flink's REST API.",
      "",
      "Example:  ./asperity bench state",
      "          ASPERITY_JAVA_OPTS=-Xmx2g ./asperity bench state --full-stations 26000",
      "          ./asperity bench state --job-stations 0 --full-stations 0   # part 1 only",
      "          ./asperity bench state --job-stations 0 --state-backend rocksdb --full-on-cluster",
      ""
    })
final class BenchStateCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(
      names = "--stations",
      defaultValue = "2600",
      paramLabel = "N",
      description = "Part 1: stations to total the state for (default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--state-backend",
      split = ",",
      converter = StateBackendConverter.class,
      paramLabel = "BACKEND[,BACKEND]",
      description = "Parts 2 and 3: hashmap, rocksdb, one run each (default: hashmap,rocksdb).")
  List<JobOptions.StateBackend> stateBackends =
      new ArrayList<>(ThroughputBenchmark.Settings.BOTH_STATE_BACKENDS);

  @Option(
      names = "--job-stations",
      defaultValue = "20",
      paramLabel = "N",
      description =
          "Part 2: stations of the preloaded stream; 0 skips part 2 (default: ${DEFAULT-VALUE}).")
  int jobStations;

  @Option(
      names = "--job-days",
      defaultValue = "500",
      paramLabel = "N",
      description = "Part 2: daily observations per station (default: ${DEFAULT-VALUE}).")
  int jobDays;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "2s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Part 2: checkpoint interval (default: ${DEFAULT-VALUE}).")
  Duration checkpointInterval;

  @Option(
      names = "--full-stations",
      defaultValue = "26000",
      paramLabel = "N",
      description =
          "Part 3: stations with full windows; 0 skips part 3 (default: ${DEFAULT-VALUE}).")
  int fullStations;

  @Option(
      names = "--full-ticks",
      defaultValue = "3",
      paramLabel = "N",
      description =
          "Part 3: days added to every station after the filling (default: ${DEFAULT-VALUE}).")
  int fullTicks;

  @Option(
      names = "--full-checkpoint-interval",
      defaultValue = "10s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Part 3: checkpoint interval (default: ${DEFAULT-VALUE}).")
  Duration fullCheckpointInterval;

  @Option(
      names = "--full-on-cluster",
      description =
          "Part 3 on the local multi-process cluster, one TaskManager of one slot per parallel"
              + " task, instead of a MiniCluster in this JVM.")
  boolean fullOnCluster;

  @Option(
      names = "--taskmanager-memory",
      defaultValue = "2560m",
      paramLabel = "SIZE",
      description =
          "Part 3 on the cluster: each TaskManager's total process memory, as Flink's"
              + " taskmanager.memory.process.size (default: ${DEFAULT-VALUE}: ~1.4 GiB of heap"
              + " with RocksDB).")
  String taskManagerMemory;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      paramLabel = "N",
      description = "Parts 2 and 3: parallelism of the keyed state (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    BenchThroughputCommand.requirePositive("--stations", stations);
    BenchThroughputCommand.requirePositive("--job-days", jobDays);
    BenchThroughputCommand.requirePositive("--full-ticks", fullTicks);
    BenchThroughputCommand.requirePositive("--parallelism", parallelism);
    if (jobStations < 0 || fullStations < 0) {
      throw new IllegalArgumentException("--job-stations and --full-stations must not be negative");
    }
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "bench state: state backends %s, parallelism %d, heap of this JVM %s%n",
        stateBackends,
        parallelism,
        String.format(Locale.ROOT, "%.1f GiB", Runtime.getRuntime().maxMemory() / 1073741824.0));
    JobModel model = JobModel.load(null);
    try (BenchSession session = BenchSession.withoutKafka(out)) {
      StateSizeBenchmark.run(stations, out);
    }
    if (jobStations > 0) {
      try (BenchSession session = BenchSession.withKafka(kafka, out)) {
        ThroughputBenchmark.Settings settings =
            new ThroughputBenchmark.Settings(
                (long) jobStations * jobDays,
                jobStations,
                parallelism,
                4,
                checkpointInterval,
                1L,
                false,
                0,
                null,
                stateBackends);
        out.printf(
            Locale.ROOT,
            "the job on each state backend: %,d stations x %,d days = %,d observations, checkpoints"
                + " every %s s%n",
            jobStations,
            jobDays,
            settings.observations(),
            checkpointInterval.toMillis() / 1000.0);
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
        ThroughputBenchmark.printBackends(result.backends(), Double.NaN, jobStations, out);
      }
    }
    if (fullStations > 0) {
      int days = model.featureSpec().config().longWindowSamples() + 150;
      Path work = fullOnCluster ? RunDirectories.create("asperity-bench-state-") : null;
      FullStateCheckpointBenchmark.Settings settings =
          new FullStateCheckpointBenchmark.Settings(
              fullStations,
              days,
              fullTicks,
              parallelism,
              fullCheckpointInterval,
              stateBackends,
              fullOnCluster
                  ? new FullStateCheckpointBenchmark.OnCluster(work, taskManagerMemory)
                  : null);
      try (BenchSession session = BenchSession.withoutKafka(out)) {
        List<FullStateCheckpointBenchmark.Run> runs;
        try {
          runs = FullStateCheckpointBenchmark.run(model.featureSpec(), settings, out);
        } catch (Exception | Error e) {
          if (work != null) {
            out.println("the clusters' files and logs are kept in " + work);
          }
          throw e;
        }
        if (work != null) {
          RunDirectories.delete(work);
        }
        FullStateCheckpointBenchmark.print(settings, runs, fullStations, out);
      }
    }
    return 0;
  }
}
