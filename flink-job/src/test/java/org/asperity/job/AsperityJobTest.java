package org.asperity.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.metrics.MetricsEndpoint;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AsperityJobTest {
  private static JobOptions parse(String... args) {
    CommandLine cli = AsperityJob.commandLine();
    cli.parseArgs(args);
    return ((AsperityJob) cli.getCommand()).options();
  }

  @Test
  void defaults() {
    JobOptions o = parse("--bootstrap-servers", "k:9092");
    assertEquals("k:9092", o.kafka().bootstrapServers());
    assertEquals("gnss.observations", o.topics().observations());
    assertEquals("gnss.observations.dlq", o.topics().observationsDeadLetter());
    assertEquals(2, o.parallelism());
    assertEquals(Duration.ofSeconds(5), o.checkpointInterval());
    assertEquals(Duration.ofHours(1), o.maxOutOfOrderness());
    assertEquals(Duration.ofSeconds(30), o.idleTimeout());
    assertEquals(Duration.ofDays(365), o.stationRetirement());
    assertEquals(Duration.ZERO, o.quietClose());
    assertEquals(JobOptions.StartingOffsets.COMMITTED, o.startingOffsets());
    assertEquals(MetricsEndpoint.defaults(), o.metrics());
    assertEquals(AlertPublication.defaults(), o.alertPublication());
    assertEquals("ttf.alerts.cap", o.topics().alertsCap());
    assertEquals(365.25, o.alertPolicy().warningDays());
    assertFalse(o.rejectUnknownStations());
    assertFalse(o.bounded());
    assertNull(o.modelFile());
    assertNull(o.restartAttempts());
  }

  @Test
  void everyFlagReachesTheOptions() {
    JobOptions o =
        parse(
            "--bootstrap-servers",
            "a:1",
            "--kafka-property",
            "security.protocol=SASL_SSL",
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
            "--max-out-of-orderness",
            "2d",
            "--idle-timeout",
            "PT1M",
            "--watermark-interval",
            "50ms",
            "--quiet-close",
            "150ms",
            "--station-retirement",
            "30d",
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
    assertEquals(Duration.ofDays(2), o.maxOutOfOrderness());
    assertEquals(Duration.ofMinutes(1), o.idleTimeout());
    assertEquals(Duration.ofMillis(50), o.watermarkInterval());
    assertEquals(Duration.ofMillis(150), o.quietClose());
    assertEquals(Duration.ofDays(30), o.stationRetirement());
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
  void helpListsTheFlagsWithTheirDefaults() {
    StringWriter out = new StringWriter();
    CommandLine cli = AsperityJob.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--help"));
    assertTrue(out.toString().contains("--max-out-of-orderness"));
    assertTrue(out.toString().contains("Default: 1h"));
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
}
