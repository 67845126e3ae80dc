package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asperity.bench.cluster.RecoveryBenchmark;
import org.asperity.bench.job.LatencyBenchmark;
import org.asperity.bench.job.ThroughputBenchmark;
import org.asperity.job.JobOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./asperity bench}: flags parse as documented, defaults are the benchmarks' own, help is
 * complete.
 */
class BenchCommandTest {

  private static <T> T parse(Class<T> type, String... args) {
    CommandLine.ParseResult result = Asperity.commandLine().parseArgs(args);
    return type.cast(result.subcommand().subcommand().commandSpec().userObject());
  }

  @Test
  void throughputDefaultsAreTheBenchmarksDefaults() {
    BenchThroughputCommand c = parse(BenchThroughputCommand.class, "bench", "throughput");
    ThroughputBenchmark.Settings d = ThroughputBenchmark.Settings.defaults();
    assertEquals(d.observations(), c.observations);
    assertEquals(d.stations(), c.stations);
    assertEquals(d.parallelism(), c.parallelism);
    assertEquals(d.partitions(), c.partitions);
    assertEquals(d.checkpointInterval(), c.checkpointInterval);
    assertEquals(d.seed(), c.seed);
    assertEquals(d.baseline(), c.baseline);
    assertEquals(d.stateBackends(), c.stateBackends);
    assertNull(c.modelFile);
    assertNull(c.kafka.bootstrapServers);
  }

  @Test
  void stateBackendsAreAListAndAnUnknownOneIsRefused() {
    List<JobOptions.StateBackend> both =
        List.of(JobOptions.StateBackend.HASHMAP, JobOptions.StateBackend.ROCKSDB);
    assertEquals(
        both,
        parse(
                BenchThroughputCommand.class,
                "bench",
                "throughput",
                "--state-backend",
                "hashmap,rocksdb")
            .stateBackends);
    assertEquals(both, parse(BenchStateCommand.class, "bench", "state").stateBackends);
    assertEquals(
        List.of(JobOptions.StateBackend.ROCKSDB),
        parse(BenchStateCommand.class, "bench", "state", "--state-backend", "rocksdb")
            .stateBackends);
    CommandLine cli = Asperity.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute("bench", "state", "--state-backend", "hashmap,memory"));
    assertTrue(
        err.toString()
            .startsWith(
                "Invalid value for option '--state-backend' (BACKEND[,BACKEND]): unknown state"
                    + " backend 'memory': hashmap or rocksdb"),
        err.toString());
  }

  @Test
  void throughputFlagsParse() {
    BenchThroughputCommand c =
        parse(
            BenchThroughputCommand.class,
            "bench",
            "throughput",
            "--observations",
            "2.5M",
            "--stations",
            "1300",
            "--parallelism",
            "1",
            "--partitions",
            "2",
            "--checkpoint-interval",
            "10s",
            "--no-baseline",
            "--seed",
            "7",
            "--model",
            "m.onnx",
            "--bootstrap-servers",
            "kafka:9092");
    assertEquals(2_500_000L, c.observations);
    assertEquals(1300, c.stations);
    assertEquals(1, c.parallelism);
    assertEquals(2, c.partitions);
    assertEquals(Duration.ofSeconds(10), c.checkpointInterval);
    assertFalse(c.baseline);
    assertEquals(7L, c.seed);
    assertEquals(Path.of("m.onnx"), c.modelFile);
    assertEquals("kafka:9092", c.kafka.bootstrapServers);
    assertTrue(parse(BenchThroughputCommand.class, "bench", "throughput", "--baseline").baseline);
  }

  @Test
  void throughputOnTheClusterIsAFlagThatRefusesAnotherBroker() {
    assertFalse(parse(BenchThroughputCommand.class, "bench", "throughput").cluster);
    assertTrue(parse(BenchThroughputCommand.class, "bench", "throughput", "--cluster").cluster);
    assertEquals(
        "asperity throughput: --cluster reads from the embedded broker: leave out"
            + " --bootstrap-servers",
        error("bench", "throughput", "--cluster", "--bootstrap-servers", "kafka:9092"));
  }

  @Test
  void countsReadPlainAndSuffixedForms() {
    CountConverter c = new CountConverter();
    assertEquals(5_000_000L, c.convert("5000000"));
    assertEquals(5_000_000L, c.convert("5_000_000"));
    assertEquals(5_000_000L, c.convert("5M"));
    assertEquals(500_000L, c.convert("500k"));
    assertEquals(20_000_000L, c.convert("20m"));
  }

  @Test
  void badCountSaysWhatIsExpected() {
    StringWriter err = new StringWriter();
    CommandLine cli = Asperity.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute("bench", "throughput", "--observations", "lots"));
    assertTrue(err.toString().contains("use e.g. 5000000, 5M or 500k"), err.toString());
  }

  @Test
  void latencyDefaultsAreTheBenchmarksDefaults() {
    BenchLatencyCommand c = parse(BenchLatencyCommand.class, "bench", "latency");
    LatencyBenchmark.Settings d = LatencyBenchmark.Settings.defaults();
    assertEquals(d.stations(), c.stations);
    assertEquals(d.parallelism(), c.parallelism);
    assertEquals(d.duration(), c.duration);
    assertEquals(d.warmUp(), c.warmUp);
    assertEquals(d.checkpointInterval(), c.checkpointInterval);
    assertEquals(d.quietClose(), c.quietClose);
    assertEquals(d.earthquakeAt(), c.earthquakeAt);
  }

  @Test
  void latencyFlagsParse() {
    BenchLatencyCommand c =
        parse(
            BenchLatencyCommand.class,
            "bench",
            "latency",
            "--duration",
            "30s",
            "--warm-up",
            "2m",
            "--quiet-close",
            "0s",
            "--earthquake-at",
            "20s",
            "--stations",
            "260");
    assertEquals(Duration.ofSeconds(30), c.duration);
    assertEquals(Duration.ofMinutes(2), c.warmUp);
    assertTrue(c.quietClose.isZero());
    assertEquals(Duration.ofSeconds(20), c.earthquakeAt);
    assertEquals(260, c.stations);
  }

  @Test
  void stateTakesStations() {
    assertEquals(
        500, parse(BenchStateCommand.class, "bench", "state", "--stations", "500").stations);
  }

  @Test
  void stateRunsFullWindowsOnAMiniClusterUnlessAskedForTheCluster() {
    BenchStateCommand d = parse(BenchStateCommand.class, "bench", "state");
    assertEquals(false, d.fullOnCluster);
    assertEquals("2560m", d.taskManagerMemory);
    BenchStateCommand c =
        parse(
            BenchStateCommand.class,
            "bench",
            "state",
            "--full-on-cluster",
            "--taskmanager-memory",
            "3g");
    assertEquals(true, c.fullOnCluster);
    assertEquals("3g", c.taskManagerMemory);
  }

  @Test
  void generationTakesYearsAndADirectory() {
    BenchGenerationCommand c =
        parse(BenchGenerationCommand.class, "bench", "generation", "--years", "50", "--dir", "x");
    assertEquals(50.0, c.years);
    assertEquals(java.nio.file.Path.of("x"), c.directory);
    assertEquals(200.0, parse(BenchGenerationCommand.class, "bench", "generation").years);
  }

  @Test
  void featuresTakesStationsAndDays() {
    BenchFeaturesCommand c =
        parse(
            BenchFeaturesCommand.class, "bench", "features", "--stations", "10", "--days", "4000");
    assertEquals(10, c.stations);
    assertEquals(4000, c.days);
  }

  @Test
  void recoveryDefaultsAreTheBenchmarksDefaults() {
    BenchRecoveryCommand c = parse(BenchRecoveryCommand.class, "bench", "recovery");
    RecoveryBenchmark.Settings d = RecoveryBenchmark.Settings.defaults();
    assertEquals(d.kills(), c.kills);
    assertEquals(d.seed(), c.seed);
    assertEquals(d.years(), c.years);
    assertEquals(d.regions(), c.regions);
    assertEquals(d.checkpointInterval(), c.checkpointInterval);
    assertNull(c.dataDirectory);
    assertNull(c.jobJar.given);
  }

  @Test
  void recoveryFlagsParse() {
    BenchRecoveryCommand c =
        parse(
            BenchRecoveryCommand.class,
            "bench",
            "recovery",
            "--kills",
            "5",
            "--seed",
            "7",
            "--years",
            "12.5",
            "--regions",
            "3",
            "--checkpoint-interval",
            "500ms",
            "--job-jar",
            "job.jar",
            "--data-dir",
            "d");
    assertEquals(5, c.kills);
    assertEquals(7L, c.seed);
    assertEquals(12.5, c.years);
    assertEquals(3, c.regions);
    assertEquals(Duration.ofMillis(500), c.checkpointInterval);
    assertEquals(Path.of("job.jar"), c.jobJar.given);
    assertEquals(Path.of("d"), c.dataDirectory);
  }

  @Test
  void recoveryRefusesBadSettingsInOneLine(@TempDir Path dir) throws Exception {
    Path jar = Files.writeString(dir.resolve("job.jar"), "not run");
    assertEquals(
        "asperity recovery: --kills must be at least 0, not -1",
        error("bench", "recovery", "--kills", "-1", "--job-jar", jar.toString()));
    assertTrue(
        error("bench", "recovery", "--job-jar", dir.resolve("none.jar").toString())
            .contains("no job jar at"));
    // A directory with something in it is refused, and nothing in it is touched.
    Path data = Files.createDirectories(dir.resolve("data"));
    Path kept = Files.writeString(data.resolve("keep.txt"), "mine");
    assertEquals(
        "asperity recovery: --data-dir "
            + data
            + " is not empty: name an empty or new directory (nothing was deleted)",
        error("bench", "recovery", "--job-jar", jar.toString(), "--data-dir", data.toString()));
    assertEquals("mine", Files.readString(kept));
  }

  /** The one line a failed command prints on standard error. */
  private static String error(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Asperity.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(1, cli.execute(args), err.toString());
    return err.toString().strip();
  }

  @Test
  void everyBenchmarkHasHelpWithADescription() {
    for (String name :
        Asperity.commandLine().getSubcommands().get("bench").getSubcommands().keySet()) {
      StringWriter out = new StringWriter();
      CommandLine cli = Asperity.commandLine();
      cli.setOut(new PrintWriter(out));
      assertEquals(0, cli.execute("bench", name, "--help"), name);
      assertTrue(out.toString().contains("Usage: asperity bench " + name), out.toString());
      CommandLine sub = cli.getSubcommands().get("bench").getSubcommands().get(name);
      for (var option : sub.getCommandSpec().options()) {
        assertTrue(
            option.description().length > 0,
            name + " " + option.longestName() + " has no description");
      }
    }
  }

  @Test
  void benchWithoutABenchmarkNamesThem() {
    StringWriter err = new StringWriter();
    CommandLine cli = Asperity.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute("bench"));
    assertTrue(
        err.toString().contains("throughput, latency, state, generation, features or recovery"),
        err.toString());
  }
}
