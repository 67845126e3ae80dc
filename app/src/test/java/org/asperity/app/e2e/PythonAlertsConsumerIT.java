package org.asperity.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureVector;
import org.asperity.job.JobOptions;
import org.asperity.job.LocalJob;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.alerts.formats.CloudEventFormatter;
import org.asperity.job.io.KafkaRecordSerializer;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.published.PublishedSchema;
import org.asperity.schemas.published.PublishedSchemas;
import org.asperity.schemas.wire.Codecs;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SimulationConfig;
import org.asperity.web.WebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python example consumer ({@code examples/python/alerts_consumer.py}, Debian's python3-avro
 * and python3-confluent-kafka) run as a process against the embedded broker: it prints the alerts a
 * bounded run of the job wrote to both alert topics, the same ones in the same order with the same
 * fields as a Java read_committed consumer sees, never one of an aborted transaction, and skips
 * records it cannot read.
 */
class PythonAlertsConsumerIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  /** Debian's interpreter: the Debian modules are installed for it, not for another python3. */
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final CloudEventFormatter CLOUD_EVENTS =
      new CloudEventFormatter(AlertPublication.defaults());

  @TempDir Path work;

  /** One printed alert, as compared: where it was read, and its fields. */
  record Alert(
      String topic,
      int partition,
      long offset,
      String region,
      String alertId,
      String level,
      String action,
      String references,
      Instant issuedAt,
      double ttfP10Days,
      double ttfP50Days,
      double ttfP90Days,
      double momentMagnitude,
      String modelVersion,
      String reason) {

    static Alert of(String topic, int partition, long offset, JsonNode fields) {
      return new Alert(
          topic,
          partition,
          offset,
          fields.get("region").asText(),
          fields.get("alertId").asText(),
          fields.get("level").asText(),
          fields.get("action").asText(),
          fields.get("references").isNull() ? null : fields.get("references").asText(),
          Instant.parse(fields.get("issuedAt").asText()),
          fields.get("ttfP10Days").asDouble(),
          fields.get("ttfP50Days").asDouble(),
          fields.get("ttfP90Days").asDouble(),
          fields.get("momentMagnitude").asDouble(),
          fields.get("modelVersion").asText(),
          fields.get("reason").asText());
    }

    static Alert of(ConsumerRecord<byte[], byte[]> r, TtfAlert a) {
      return new Alert(
          r.topic(),
          r.partition(),
          r.offset(),
          a.getRegion(),
          a.getAlertId(),
          a.getLevel().name(),
          a.getAction().name(),
          a.getReferences(),
          a.getIssuedAt(),
          a.getTtfP10Days(),
          a.getTtfP50Days(),
          a.getTtfP90Days(),
          a.getMomentMagnitude(),
          a.getModelVersion(),
          a.getReason());
    }
  }

  @BeforeAll
  static void debianPythonWithItsKafkaAndAvroModules() throws Exception {
    String missing =
        "the example consumer needs Debian's python3 with python3-avro and python3-confluent-kafka"
            + " (apt-get install -y python3-avro python3-confluent-kafka; .ci/run installs them)";
    if (!Files.isExecutable(PYTHON)) {
      fail("no " + PYTHON + ": " + missing);
    }
    Process check =
        new ProcessBuilder(PYTHON.toString(), "-c", "import avro.io, confluent_kafka")
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!check.waitFor(1, TimeUnit.MINUTES) || check.exitValue() != 0) {
      fail(missing + ": " + output.strip());
    }
  }

  @Test
  void printsTheAlertsABoundedJobWroteToBothTopics(EmbeddedKafkaBroker broker) throws Exception {
    TestKafka kafka = new TestKafka(broker);
    try (TopicAdmin admin = TopicAdmin.connect(kafka.settings())) {
      admin.ensureTopics(TOPICS.all(), Duration.ofSeconds(30));
    }
    SimulationConfig simulation =
        CrashRestoreIT.withEarlyEarthquakes(
            SimulationConfig.builder()
                .preset(Preset.NATURE)
                .seed(23)
                .regions(2)
                .durationYears(2.0)
                .spinUpYears(500)
                .build());
    FeatureConfig features = FeatureConfig.defaults().toBuilder().windows(10, 30, 90).build();
    Map<String, List<FeatureVector>> offline =
        SimulatedNetworks.writeToKafka(simulation, kafka.settings(), TOPICS, features);
    byte[] model =
        CrashRestoreIT.alertingModel(SimulatedNetworks.layout(simulation), features, offline);
    JobOptions options =
        JobRuns.boundedReplay(kafka)
            .topics(TOPICS)
            .groupId("job-python-consumer")
            .transactionalIdPrefix("tx-python-consumer")
            .build();
    try (LocalJob job = LocalJob.start(options, TestModels.jobModel(model))) {
      job.awaitCompletion(Duration.ofMinutes(5));
    }

    Map<String, List<Alert>> written = written(kafka, TOPICS.alerts(), TOPICS.alertsJson());
    int count = written.values().stream().mapToInt(List::size).sum();
    assertTrue(count >= 2 * 6, "the job raises and cancels alerts: " + written);
    Result result;
    try (WebServer web =
        new WebServer(
                kafka.settings(),
                TOPICS,
                WebServer.DEFAULT_BIND_ADDRESS,
                0,
                Optional.empty(),
                Optional.empty())
            .start()) {
      result =
          runConsumer(
              broker,
              "--schemas-url",
              web.url().resolve("/schemas/").toString(),
              "--alerts-topic",
              TOPICS.alerts(),
              "--json-topic",
              TOPICS.alertsJson(),
              "--max-messages",
              Integer.toString(count));
    }
    assertPrinted(written, result);
  }

  @Test
  void printsNoAlertOfAnAbortedTransaction(EmbeddedKafkaBroker broker) throws Exception {
    TestKafka kafka = new TestKafka(broker);
    String avroTopic = "tx.alerts";
    String jsonTopic = "tx.alerts.json";
    broker.createTopics(Map.of(avroTopic, 2, jsonTopic, 2));
    List<org.asperity.job.alerts.Alert> committed = nankaiIssueUpdateCancelAndCascadiaIssue();
    org.asperity.job.alerts.Alert aborted =
        alert("cascadia", AlertLevel.WARNING, AlertLevel.WATCH, AlertAction.UPDATE, 9, "never");
    try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(kafka)) {
      producer.initTransactions();
      writeInTransaction(producer, avroTopic, jsonTopic, committed.subList(0, 2), true);
      writeInTransaction(producer, avroTopic, jsonTopic, List.of(aborted), false);
      writeInTransaction(
          producer, avroTopic, jsonTopic, committed.subList(2, committed.size()), true);
    }
    Map<String, List<Alert>> written = written(kafka, avroTopic, jsonTopic);
    assertEquals(
        2 * committed.size(), written.values().stream().mapToInt(List::size).sum(), "written");

    Result result =
        runConsumer(
            broker,
            "--schemas-dir",
            avroSchemaFolder().toString(),
            "--alerts-topic",
            avroTopic,
            "--json-topic",
            jsonTopic,
            "--max-messages",
            Integer.toString(2 * committed.size()));

    assertPrinted(written, result);
    assertTrue(
        result.stdout().stream().noneMatch(l -> l.contains("never")),
        "an aborted alert was printed: " + result);
  }

  /** The committed alerts of both topics as a Java consumer reads them, by topic and partition. */
  private static Map<String, List<Alert>> written(
      TestKafka kafka, String avroTopic, String jsonTopic) throws Exception {
    Map<String, List<Alert>> out = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(avroTopic, true)) {
      add(out, Alert.of(r, Codecs.TTF_ALERT.decode(r.value())));
    }
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(jsonTopic, true)) {
      add(
          out,
          Alert.of(r.topic(), r.partition(), r.offset(), JSON.readTree(r.value()).get("data")));
    }
    return out;
  }

  /** What the consumer printed equals {@code written}: per partition, the same alerts in order. */
  private static void assertPrinted(Map<String, List<Alert>> written, Result result)
      throws IOException {
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(!result.stderr().contains("skipped"), "nothing skipped: " + result.stderr());
    Map<String, List<Alert>> printed = new TreeMap<>();
    for (String line : result.stdout()) {
      JsonNode node = JSON.readTree(line);
      add(
          printed,
          Alert.of(
              node.get("topic").asText(),
              node.get("partition").asInt(),
              node.get("offset").asLong(),
              node));
    }
    assertEquals(written, printed);
  }

  @Test
  void reportsAndSkipsRecordsItCannotRead(EmbeddedKafkaBroker broker) throws Exception {
    TestKafka kafka = new TestKafka(broker);
    String avroTopic = "bad.alerts";
    String jsonTopic = "bad.alerts.json";
    broker.createTopics(Map.of(avroTopic, 1, jsonTopic, 1));
    org.asperity.job.alerts.Alert good =
        alert("nankai", AlertLevel.WATCH, AlertLevel.CLEAR, AlertAction.ISSUE, 0);
    byte[] encoded = Codecs.TTF_ALERT.encode(good.toAvro());
    byte[] unknownFingerprint = encoded.clone();
    unknownFingerprint[5] ^= 0x5A;
    byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 3);
    // A known schema of another record: the header of a forecast.
    byte[] notAlert = encoded.clone();
    java.nio.ByteBuffer.wrap(notAlert, 2, 8)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putLong(Codecs.TTF_FORECAST.currentFingerprint());
    List<TestKafka.Outgoing> records =
        List.of(
            new TestKafka.Outgoing(avroTopic, null, encoded),
            new TestKafka.Outgoing(avroTopic, null, "{\"region\":\"nankai\"}".getBytes()),
            new TestKafka.Outgoing(avroTopic, null, unknownFingerprint),
            new TestKafka.Outgoing(avroTopic, null, new byte[] {(byte) 0xC3, 0x01, 0}),
            new TestKafka.Outgoing(avroTopic, null, truncated),
            new TestKafka.Outgoing(avroTopic, null, notAlert),
            new TestKafka.Outgoing(avroTopic, null, encoded),
            new TestKafka.Outgoing(jsonTopic, null, "not json".getBytes()),
            new TestKafka.Outgoing(jsonTopic, null, CLOUD_EVENTS.format(good)));
    kafka.write(records);

    Result result =
        runConsumer(
            broker,
            "--schemas-dir",
            avroSchemaFolder().toString(),
            "--alerts-topic",
            avroTopic,
            "--json-topic",
            jsonTopic,
            "--max-messages",
            Integer.toString(records.size()));

    assertEquals(0, result.exitCode(), result.toString());
    List<String> printed = new ArrayList<>();
    for (String line : result.stdout()) {
      JsonNode node = JSON.readTree(line);
      printed.add(node.get("topic").asText() + "@" + node.get("offset").asLong());
      assertEquals(good.alertId(), node.get("alertId").asText(), line);
    }
    assertEquals(
        Stream.of(avroTopic + "@0", avroTopic + "@6", jsonTopic + "@1").sorted().toList(),
        printed.stream().sorted().toList(),
        result.toString());
    String stderr = result.stderr();
    for (String expected :
        List.of(
            "skipped bad.alerts partition 0 offset 1: first bytes 7B 22",
            "skipped bad.alerts partition 0 offset 2: schema fingerprint",
            "skipped bad.alerts partition 0 offset 3: 3 bytes",
            "skipped bad.alerts partition 0 offset 4: body does not decode",
            "skipped bad.alerts partition 0 offset 5: record is a TtfForecast",
            "skipped bad.alerts.json partition 0 offset 0: not JSON")) {
      assertTrue(stderr.contains(expected), "stderr lacks '" + expected + "':\n" + stderr);
    }
    assertEquals(6, stderr.lines().count(), stderr);
  }

  @Test
  void saysWhereTheSchemasWereLookedForWhenNoServerAnswers(EmbeddedKafkaBroker broker)
      throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/schemas/";

    Result result = runConsumer(broker, "--schemas-url", url);

    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(
        result.stderr().contains("cannot read the schema index at " + url)
            && result.stderr().contains("--schemas-dir"),
        result.stderr());
    assertEquals(List.of(), result.stdout());
  }

  /** The published Avro schemas as files in a folder, for {@code --schemas-dir}. */
  private Path avroSchemaFolder() throws IOException {
    Path folder = Files.createDirectories(work.resolve("schemas"));
    for (PublishedSchema s : PublishedSchemas.all()) {
      if (s.kind() == PublishedSchema.Kind.AVRO) {
        Files.write(folder.resolve(s.path().substring("avro/".length())), s.body());
      }
    }
    return folder;
  }

  private record Result(int exitCode, List<String> stdout, String stderr) {}

  private Result runConsumer(EmbeddedKafkaBroker broker, String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(PYTHON.toString());
    command.add(script().toString());
    command.addAll(
        List.of(
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--from-beginning",
            "--timeout",
            Long.toString(PROCESS_TIMEOUT.toSeconds() / 2)));
    command.addAll(List.of(arguments));
    Path out = Files.createTempFile(work, "stdout", ".txt");
    Path err = Files.createTempFile(work, "stderr", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("the consumer did not finish within " + PROCESS_TIMEOUT + ": " + Files.readString(err));
    }
    return new Result(
        process.exitValue(),
        Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList(),
        Files.readString(err));
  }

  /** The script in the repository, from the module's folder (where the tests run). */
  private static Path script() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("examples/python/alerts_consumer.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IOException(
        "no examples/python/alerts_consumer.py above " + Path.of("").toAbsolutePath());
  }

  private static KafkaProducer<byte[], byte[]> transactionalProducer(TestKafka kafka) {
    Properties p =
        kafka.settings().producer(Map.of("transactional.id", "python-consumer-it", "acks", "all"));
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** As the job's alert sinks write: keyed by region, Avro and CloudEvents in one transaction. */
  private static void writeInTransaction(
      KafkaProducer<byte[], byte[]> producer,
      String avroTopic,
      String jsonTopic,
      List<org.asperity.job.alerts.Alert> alerts,
      boolean commit) {
    KafkaRecordSerializer<org.asperity.job.alerts.Alert> avro =
        KafkaRecordSerializer.of(
            avroTopic,
            a -> KafkaRecordSerializer.utf8(a.region()),
            a -> Codecs.TTF_ALERT.encode(a.toAvro()));
    KafkaRecordSerializer<org.asperity.job.alerts.Alert> cloudEvents =
        KafkaRecordSerializer.<org.asperity.job.alerts.Alert>of(
                jsonTopic, a -> KafkaRecordSerializer.utf8(a.region()), CLOUD_EVENTS::format)
            .withContentType(CloudEventFormatter.CONTENT_TYPE);
    producer.beginTransaction();
    for (org.asperity.job.alerts.Alert a : alerts) {
      producer.send(avro.serialize(a, null, null));
      producer.send(cloudEvents.serialize(a, null, null));
    }
    producer.flush();
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.abortTransaction();
    }
  }

  private static List<org.asperity.job.alerts.Alert> nankaiIssueUpdateCancelAndCascadiaIssue() {
    org.asperity.job.alerts.Alert issue =
        alert("nankai", AlertLevel.WATCH, AlertLevel.CLEAR, AlertAction.ISSUE, 0);
    org.asperity.job.alerts.Alert update =
        alert(
            "nankai", AlertLevel.WARNING, AlertLevel.WATCH, AlertAction.UPDATE, 7, issue.alertId());
    org.asperity.job.alerts.Alert cascadia =
        alert("cascadia", AlertLevel.WATCH, AlertLevel.CLEAR, AlertAction.ISSUE, 8);
    org.asperity.job.alerts.Alert cancel =
        alert(
            "nankai",
            AlertLevel.CLEAR,
            AlertLevel.WARNING,
            AlertAction.CANCEL,
            30,
            issue.alertId(),
            update.alertId());
    return List.of(issue, update, cascadia, cancel);
  }

  /** An alert as the job's alert policy emits it; {@code chain} holds every id since the ISSUE. */
  private static org.asperity.job.alerts.Alert alert(
      String region,
      AlertLevel level,
      AlertLevel previousLevel,
      AlertAction action,
      int day,
      String... chain) {
    // Microseconds in the issue time: both formats must carry them.
    Instant issued = Instant.parse("2031-05-04T00:00:00.000123Z").plus(Duration.ofDays(day));
    return new org.asperity.job.alerts.Alert(
        region + "/" + level + "/" + issued,
        region,
        level,
        previousLevel,
        action,
        List.of(chain),
        org.asperity.job.types.Micros.of(issued),
        40.5 + day,
        180.25 + day,
        720.125 + day,
        8.4,
        "alerting-1",
        "p50 TTF " + (180 + day) + " d below watch horizon 365 d; \"quoted\" ünïcode");
  }

  private static void add(Map<String, List<Alert>> byPartition, Alert alert) {
    byPartition
        .computeIfAbsent(alert.topic() + "/" + alert.partition(), k -> new ArrayList<>())
        .add(alert);
  }
}
