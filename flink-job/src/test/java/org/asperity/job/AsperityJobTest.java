package org.asperity.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.alerts.formats.CapArea;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.time.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AsperityJobTest {
  private static JobOptions parse(String... args) {
    CommandLine cli = AsperityJob.commandLine();
    cli.parseArgs(args);
    return ((AsperityJob) cli.getCommand()).options();
  }

  @Test
  void withoutFlagsTheOptionsAreTheBuildersDefaults() {
    JobOptions o = parse("--bootstrap-servers", "k:9092");
    assertEquals("k:9092", o.kafka().bootstrapServers());
    assertEquals(
        JobOptions.builder(o.kafka())
            .transactionalIdPrefix(
                JobOptions.deploymentTransactionalIdPrefix("asperity", null, o.topics().alerts()))
            .build(),
        o);
  }

  @Test
  void theTransactionalIdPrefixIsOnePerDeploymentAndTheSameAcrossItsRestarts() {
    String[] deployment = {"--bootstrap-servers", "k:9092", "--checkpoint-dir", "file:///c/a"};
    String prefix = parse(deployment).transactionalIdPrefix();
    assertEquals(prefix, parse(deployment).transactionalIdPrefix());
    assertTrue(
        prefix.startsWith(JobOptions.DEFAULT_TRANSACTIONAL_ID_PREFIX + "-asperity-"), prefix);
    assertNotEquals(
        prefix,
        parse("--bootstrap-servers", "k:9092", "--checkpoint-dir", "file:///c/b")
            .transactionalIdPrefix());
    assertNotEquals(
        prefix,
        parse("--bootstrap-servers", "k:9092", "--checkpoint-dir", "file:///c/a", "--job-name", "x")
            .transactionalIdPrefix());
    assertNotEquals(
        prefix,
        parse(
                "--bootstrap-servers",
                "k:9092",
                "--checkpoint-dir",
                "file:///c/a",
                "--alerts-topic",
                "other.alerts")
            .transactionalIdPrefix());
    assertEquals(
        "mine",
        parse("--bootstrap-servers", "k:9092", "--transactional-id-prefix", "mine")
            .transactionalIdPrefix());
  }

  @Test
  void everyFlagReachesTheOptions(@TempDir Path dir) throws IOException {
    Path kafkaConfig =
        Files.writeString(dir.resolve("kafka.properties"), "client.dns.lookup=from-file\n");
    JobOptions o =
        parse(
            "--bootstrap-servers",
            "a:1",
            "--kafka-property",
            "security.protocol=SASL_SSL",
            "--kafka-config",
            kafkaConfig.toString(),
            "--observations-topic",
            "obs",
            "--forecasts-topic",
            "fc",
            "--alerts-topic",
            "al",
            "--alerts-cap-topic",
            "cap",
            "--alerts-json-topic",
            "ce",
            "--cap-sender",
            "obs@example.org",
            "--cap-status",
            "actual",
            "--dead-letter-topic",
            "dl",
            "--models-topic",
            "md",
            "--group-id",
            "g",
            "--starting-offsets",
            "earliest",
            "--bounded",
            "--parallelism",
            "4",
            "--checkpoint-interval",
            "10s",
            "--checkpoint-dir",
            "file:///tmp/cp",
            "--restart-attempts",
            "3",
            "--state-backend",
            "RocksDB",
            "--max-out-of-orderness",
            "1.5d",
            "--idle-timeout",
            "PT1M",
            "--watermark-interval",
            "50ms",
            "--quiet-close",
            "150ms",
            "--watermark-quorum",
            "3",
            "--max-epoch-lead",
            "10d",
            "--station-retirement",
            "2y",
            "--reject-unknown-stations",
            "--max-displacement",
            "50",
            "--max-sigma",
            "1",
            "--max-batch",
            "32",
            "--watch-days",
            "1000",
            "--warning-days",
            "100",
            "--alert-min-magnitude",
            "8",
            "--alert-enter-count",
            "4",
            "--alert-leave-count",
            "6",
            "--alert-leave-margin",
            "0.1",
            "--transactional-id-prefix",
            "tx",
            "--model",
            "m.onnx",
            "--metrics-bind",
            "0.0.0.0",
            "--metrics-port",
            "0");
    assertEquals("SASL_SSL", o.kafka().properties().get("security.protocol"));
    assertEquals("from-file", o.kafka().properties().get("client.dns.lookup"));
    assertEquals("obs", o.topics().observations());
    assertEquals("fc", o.topics().forecasts());
    assertEquals("al", o.topics().alerts());
    assertEquals("cap", o.topics().alertsCap());
    assertEquals("ce", o.topics().alertsJson());
    assertEquals(
        new AlertPublication("obs@example.org", AlertPublication.CapStatus.Actual),
        o.alertPublication());
    assertEquals("dl", o.topics().observationsDeadLetter());
    assertEquals("md", o.topics().models());
    assertEquals("g", o.groupId());
    assertEquals(JobOptions.StartingOffsets.EARLIEST, o.startingOffsets());
    assertTrue(o.bounded());
    assertEquals(4, o.parallelism());
    assertEquals(Duration.ofSeconds(10), o.checkpointInterval());
    assertEquals("file:///tmp/cp", o.checkpointDirectory());
    assertEquals(3, o.restartAttempts());
    assertEquals(JobOptions.StateBackend.ROCKSDB, o.stateBackend());
    assertEquals(Duration.ofHours(36), o.maxOutOfOrderness());
    assertEquals(Duration.ofMinutes(1), o.idleTimeout());
    assertEquals(Duration.ofMillis(50), o.watermarkInterval());
    assertEquals(Duration.ofMillis(150), o.quietClose());
    assertEquals(3, o.watermarkQuorum());
    assertEquals(Duration.ofDays(10), o.maxEpochLead());
    assertEquals(Duration.ofDays(730).plusHours(12), o.stationRetirement());
    assertTrue(o.rejectUnknownStations());
    assertEquals(32, o.maxBatch());
    assertEquals(1000, o.alertPolicy().watchDays());
    assertEquals(100, o.alertPolicy().warningDays());
    assertEquals(8, o.alertPolicy().minMagnitude());
    assertEquals(4, o.alertPolicy().enterCount());
    assertEquals(6, o.alertPolicy().leaveCount());
    assertEquals(0.1, o.alertPolicy().leaveMargin());
    assertEquals("tx", o.transactionalIdPrefix());
    assertEquals(Path.of("m.onnx"), o.modelFile());
    assertEquals(new MetricsEndpoint("0.0.0.0", 0), o.metrics());
  }

  @Test
  void capAreasAreReadFromTheStationsFile(@TempDir Path dir) throws IOException {
    Path areas =
        Files.writeString(
            dir.resolve("areas.json"),
            "{\"tohoku\": [[38.0, 141.0], [38.0, 142.0], [39.0, 142.0], [39.0, 141.0]]}");
    JobOptions o = parse("--bootstrap-servers", "k:9092", "--cap-areas", areas.toString());
    CapArea tohoku = o.alertPublication().areas().get("tohoku");
    assertEquals(5, tohoku.polygon().size());
    assertEquals(38.5, tohoku.center().latitudeDegrees(), 1e-9);

    Path wrong = Files.writeString(dir.resolve("wrong.json"), "{\"tohoku\": [[95.0, 141.0]]}");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse("--bootstrap-servers", "k:9092", "--cap-areas", wrong.toString()));
    assertTrue(e.getMessage().contains("tohoku"), e.getMessage());
    assertTrue(e.getMessage().contains("wrong.json"), e.getMessage());
  }

  @Test
  void helpListsTheFlagsWithTheirDefaults() {
    StringWriter out = new StringWriter();
    CommandLine cli = AsperityJob.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--help"));
    String help = out.toString();
    assertTrue(help.contains("--max-out-of-orderness"), help);
    assertTrue(
        help.contains("Default: " + Durations.format(JobOptions.DEFAULT_MAX_OUT_OF_ORDERNESS)),
        help);
    assertTrue(help.contains("--bootstrap-servers"), help);
    assertTrue(help.contains("1.5d"), help);
  }

  @Test
  void anUnknownStateBackendIsRefusedInOneLineNamingTheChoices() {
    StringWriter err = new StringWriter();
    CommandLine cli = AsperityJob.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute("--bootstrap-servers", "k:1", "--state-backend", "memory"));
    String first = err.toString().lines().findFirst().orElseThrow();
    assertEquals(
        "Invalid value for option '--state-backend': unknown state backend 'memory':"
            + " hashmap or rocksdb",
        first);
  }

  @Test
  void theStateBackendReachesFlinkByItsConfiguredName() {
    for (JobOptions.StateBackend backend : JobOptions.StateBackend.values()) {
      JobOptions options = parse("--bootstrap-servers", "k:1", "--state-backend", backend.name());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      JobTopology.configure(env, options);
      ReadableConfig conf = env.getConfiguration();
      assertEquals(backend.toString(), conf.get(StateBackendOptions.STATE_BACKEND));
      // Incremental checkpoints with RocksDB; the heap backend has none.
      assertEquals(
          backend == JobOptions.StateBackend.ROCKSDB,
          conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS));
    }
  }

  @Test
  void badValuesAreRefused() {
    assertThrows(
        CommandLine.ParameterException.class,
        () -> parse("--bootstrap-servers", "k:1", "--idle-timeout", "soon"));
    assertThrows(
        IllegalArgumentException.class,
        () -> parse("--bootstrap-servers", "k:1", "--parallelism", "0"));
    assertThrows(IllegalArgumentException.class, () -> parse());
  }

  @Test
  void aBoundedJobReadsWithoutTheReadAheadBoundAnUnboundedOneWithIt() {
    JobOptions live = parse("--bootstrap-servers", "k:9092", "--max-read-ahead", "10d");
    assertEquals(Duration.ofDays(10), live.effectiveReadAhead());
    JobOptions replay =
        parse("--bootstrap-servers", "k:9092", "--max-read-ahead", "10d", "--bounded");
    assertEquals(Duration.ZERO, replay.effectiveReadAhead(), "FLINK-39728: off when bounded");
  }
}
