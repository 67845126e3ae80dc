package org.asperity.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.asperity.bench.cluster.RecoveryBenchmark;
import org.asperity.time.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./asperity bench recovery}: TaskManagers killed mid-replay; same alerts? how fast? */
@Command(
    name = "recovery",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Kill a TaskManager running the job N times mid-replay; compare the alerts; time the recoveries.",
      "",
      "Starts the local multi-process cluster of ./asperity cluster (a JobManager, 2 TaskManagers of",
      "one slot, a Kafka broker, each a JVM of its own, on free ports), preloads a simulated record",
      "(--years of --regions regions, seeded) into its broker and builds a model that alerts on it",
      "(one decision stump, not trained). The job (parallelism 1) replays the record twice, from the",
      "earliest offsets until its consumer group has committed the end of every partition: once",
      "without failures, then while a TaskManager running it is sent SIGKILL N times, when the",
      "replay has read seeded random fractions (uniform in 10..80 %%) of the observations, as its",
      "consumer group's committed offsets show (so each kill falls at the same point of the replay",
      "however fast the machine and the recoveries before it). The cluster starts each killed",
      "TaskManager again; meanwhile the job restarts from its last checkpoint in the other",
      "TaskManager's free slot. Each kill waits until the job has recovered from the previous one",
      "and the killed TaskManager is back.",
      "",
      "Recovery time: from the SIGKILL to the acknowledgement of the first checkpoint the job",
      "completes after it (the job runs again, restored, and has made progress it keeps).",
      "",
      "Then the read_committed alerts and the forecasts of both runs are compared, and the last line",
      "printed is:",
      "  alerts identical to the failure-free run: yes|no (A alerts, N kills, recovery p50 X s, max Y s)",
      "A run with the defaults takes several minutes. Needs the shaded job jar (./asperity builds it).",
      "",
      "Example:  ./asperity bench recovery --kills 3 --seed 7",
      ""
    })
final class BenchRecoveryCommand implements Callable<Integer> {

  @Option(
      names = "--kills",
      defaultValue = "3",
      paramLabel = "N",
      description =
          "SIGKILLs of a TaskManager running the job (0: two failure-free runs compared)"
              + " (default: ${DEFAULT-VALUE}).")
  int kills;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description =
          "Seed of the kill points and targets and of the simulated record (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--years",
      defaultValue = "40",
      paramLabel = "YEARS",
      description =
          "Simulated years per region, daily samples: the length of the replay (default: ${DEFAULT-VALUE}).")
  double years;

  @Option(
      names = "--regions",
      defaultValue = "2",
      paramLabel = "N",
      description = "Simulated regions, one network each (default: ${DEFAULT-VALUE}).")
  int regions;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "1s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Checkpoints of both runs: what a restart replays again (default: ${DEFAULT-VALUE}).")
  Duration checkpointInterval;

  @Mixin JobJarOption jobJar;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the cluster keeps its files (broker data, checkpoints, logs/NAME.log); must be"
              + " empty or absent, and is kept. Default: a new temporary directory, deleted after"
              + " a run that completed, kept (and named) after one that failed.")
  Path dataDirectory;

  @Override
  public Integer call() throws Exception {
    RecoveryBenchmark.Settings settings =
        new RecoveryBenchmark.Settings(
            kills,
            seed,
            years,
            regions,
            checkpointInterval,
            RecoveryBenchmark.Settings.defaults().taskManagerMemory());
    Path jar = jobJar.require();
    boolean temporary = dataDirectory == null;
    Path data =
        temporary ? RunDirectories.create("asperity-bench-recovery-") : requireEmpty(dataDirectory);
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "bench recovery: %d kills, seed %d, %.0f years of %d regions, checkpoints every %d ms%n",
        kills,
        seed,
        years,
        regions,
        checkpointInterval.toMillis());
    RecoveryBenchmark.Result result;
    try (BenchSession session = BenchSession.withoutKafka(out)) {
      result = RecoveryBenchmark.run(settings, jar, data, out);
      result.printDetails(out);
    } catch (Exception | Error e) {
      out.println("the cluster's files and logs are kept in " + data);
      throw e;
    }
    if (temporary) {
      RunDirectories.delete(data);
    }
    // Last, after the load average the session printed at its end.
    out.println(result.verdict());
    return 0;
  }

  private static Path requireEmpty(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(
              "--data-dir "
                  + dir
                  + " is not empty: name an empty or new directory (nothing was deleted)");
        }
      }
    } else if (Files.exists(dir)) {
      throw new IllegalArgumentException("--data-dir " + dir + " is a file, not a directory");
    }
    return dir;
  }
}
