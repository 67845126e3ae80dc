package org.asperity.bridge.amqp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest between a real RabbitMQ node (Debian's {@code rabbitmq-server}, started here on free
 * ports) and a real Kafka broker, fed by a Python publisher (Debian's {@code python3-pika}). Each
 * test has its own exchange, queue and topics.
 */
class AmqpIngestIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int HOUR = 3600;
  private static final AtomicInteger TEST_NUMBER = new AtomicInteger();

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @TempDir static Path rabbitDir;
  private static RabbitMqTestNode rabbit;

  @TempDir Path dir;

  private final ExecutorService runner = Executors.newCachedThreadPool();
  private final List<Process> processes = new ArrayList<>();
  private String exchange;
  private String queue;
  private String observations;
  private String deadLetters;

  @BeforeAll
  static void startRabbitMq() throws IOException {
    assertTrue(
        RabbitMqTestNode.installed() && GfastPublisher.installed(),
        "needs Debian's rabbitmq-server and python3-pika (.ci/run installs them)");
    rabbit = RabbitMqTestNode.start(rabbitDir);
  }

  @AfterAll
  static void stopRabbitMq() {
    if (rabbit != null) {
      rabbit.close();
    }
  }

  @BeforeEach
  void names(EmbeddedKafkaBroker kafka) {
    int n = TEST_NUMBER.incrementAndGet();
    exchange = "gnss.positions." + n;
    queue = "asperity.gnss.positions." + n;
    observations = "gnss.observations." + n;
    deadLetters = observations + ".dlq";
    kafka.createTopic(observations, 4);
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly().waitFor();
    }
    runner.shutdownNow();
  }

  @Test
  void anHourOfOneStationArrivesAsExactlyThatManyObservations(EmbeddedKafkaBroker kafka)
      throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    AmqpIngest ingest = new AmqpIngest(config(kafka), lines::add);
    Future<AmqpIngestSummary> run = runner.submit(ingest::run);
    await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(l -> l.startsWith("consuming")));

    GfastPublisher.publish(dir, rabbit.port(), exchange, queue, 0, HOUR, "--form", "mixed");

    try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), observations)) {
      await().atMost(PATIENCE).until(() -> reader.poll() >= HOUR);
      ingest.stop();
      AmqpIngestSummary summary = run.get(30, TimeUnit.SECONDS);
      assertEquals(new AmqpIngestSummary(HOUR, HOUR, 0, Map.of(), 0), summary, lines::toString);

      List<ConsumerRecord<byte[], byte[]>> records = reader.readToEnd();
      assertEquals(HOUR, records.size());
      Map<Long, GnssObservation> byEpoch = new TreeMap<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        assertEquals("PW/P373", new String(record.key(), StandardCharsets.UTF_8));
        GnssObservation o = Codecs.GNSS_OBSERVATION.decode(record.value());
        assertEquals(ObservationSource.REALTIME, o.getSource());
        byEpoch.put(o.getEpoch().toEpochMilli(), o);
      }
      assertEquals(HOUR, byEpoch.size(), "one observation per epoch");
      // Epoch 1 came as GeoJSON (north first), epoch 2 as compact (east first): both read alike.
      for (int index : new int[] {0, 1, 2, 1799, HOUR - 1}) {
        GnssObservation o = byEpoch.get(GfastPublisher.START_MILLIS + index * 1000L);
        assertEquals(0.0001 * index, o.getEastMeters(), 1e-12, "east of epoch " + index);
        assertEquals(-0.00005 * index, o.getNorthMeters(), 1e-12, "north of epoch " + index);
        assertEquals(0.017, o.getSigmaEastMeters(), 1e-12);
        assertEquals(0.016, o.getSigmaNorthMeters(), 1e-12);
        assertEquals(0.034, o.getSigmaUpMeters(), 1e-12);
      }
    }
    assertEquals(0, rabbit.ready(queue), "every message acknowledged, none left in the queue");
  }

  @Test
  void killedMidStreamAndRestartedLosesNothingAndDedupesToOneObservationPerEpoch(
      EmbeddedKafkaBroker kafka) throws Exception {
    int half = HOUR / 2;
    GfastPublisher.publish(dir, rabbit.port(), exchange, queue, 0, half, "--form", "mixed");
    try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), observations)) {
      Process first = startProcess(kafka, "first");
      await().atMost(PATIENCE).until(() -> reader.poll() >= half / 3 || !first.isAlive());
      first.destroyForcibly().waitFor();

      // The second half of the hour arrives while no ingest runs: the durable queue keeps it.
      GfastPublisher.publish(dir, rabbit.port(), exchange, queue, half, half, "--form", "mixed");
      Process second = startProcess(kafka, "second");
      await()
          .atMost(PATIENCE)
          .until(() -> distinctStationEpochs(reader).size() >= HOUR || !second.isAlive());
      second.destroy();
      assertTrue(second.waitFor(30, TimeUnit.SECONDS), "a SIGTERM stops the ingest cleanly");
      String output = Files.readString(dir.resolve("second.out"));
      assertTrue(output.contains("received "), "a clean stop prints the summary: " + output);

      List<ConsumerRecord<byte[], byte[]>> records = reader.readToEnd();
      Set<String> distinct = distinctStationEpochs(reader);
      assertEquals(HOUR, distinct.size(), "no epoch lost, none twice after station+epoch dedupe");
      for (int index = 0; index < HOUR; index++) {
        String key = "PW/P373@" + Instant.ofEpochMilli(GfastPublisher.START_MILLIS + index * 1000L);
        assertTrue(distinct.contains(key), () -> "lost " + key);
      }
      assertTrue(records.size() >= HOUR);
    }
    assertEquals(0, rabbit.ready(queue), "every message acknowledged, none left in the queue");
  }

  @Test
  void aBrokerRestartMidStreamLosesNothing(EmbeddedKafkaBroker kafka) throws Exception {
    int tenMinutes = 600;
    int half = tenMinutes / 2;
    List<String> lines = new CopyOnWriteArrayList<>();
    AmqpIngest ingest = new AmqpIngest(config(kafka), lines::add);
    Future<AmqpIngestSummary> run = runner.submit(ingest::run);
    await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(l -> l.startsWith("consuming")));
    try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), observations)) {
      GfastPublisher.publish(dir, rabbit.port(), exchange, queue, 0, half, "--form", "compact");
      await().atMost(PATIENCE).until(() -> reader.poll() >= half / 3);
      rabbit.stopNode();
      rabbit.boot();
      GfastPublisher.publish(dir, rabbit.port(), exchange, queue, half, half, "--form", "compact");
      await().atMost(PATIENCE).until(() -> distinctStationEpochs(reader).size() >= tenMinutes);
      ingest.stop();
      AmqpIngestSummary summary = run.get(30, TimeUnit.SECONDS);
      assertEquals(tenMinutes, distinctStationEpochs(reader).size(), summary::line);
      assertEquals(0, summary.deadLettered());
    }
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("connection to ")), lines::toString);
    assertTrue(
        lines.stream().filter(l -> l.startsWith("consuming")).count() >= 2, "consumes again");
    assertEquals(0, rabbit.ready(queue), "every message acknowledged, none left in the queue");
  }

  @Test
  void malformedMessagesGoToTheDeadLetterTopicWithTheirReasonAndAreAcknowledged(
      EmbeddedKafkaBroker kafka) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    AmqpIngest ingest = new AmqpIngest(config(kafka), lines::add);
    Future<AmqpIngestSummary> run = runner.submit(ingest::run);
    await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(l -> l.startsWith("consuming")));

    GfastPublisher.publish(dir, rabbit.port(), exchange, queue, 0, 10, "--form", "compact");
    GfastPublisher.publish(
        dir, rabbit.port(), exchange, queue, 10, 10, "--form", "geojson", "--malformed");

    Map<Rejection, Long> expected = new EnumMap<>(Rejection.class);
    expected.put(Rejection.NOT_JSON, 2L); // truncated JSON, bytes that are not UTF-8
    expected.put(Rejection.MISSING_FIELD, 1L);
    expected.put(Rejection.NOT_FINITE, 1L);
    expected.put(Rejection.TOO_LARGE, 1L);
    expected.put(Rejection.WRONG_TYPE, 1L);
    expected.put(Rejection.NON_POSITIVE_SIGMA, 1L);
    expected.put(Rejection.NOT_A_POSITION, 2L); // a JSON array, geodetic coordinates only
    expected.put(Rejection.BAD_SNCL, 1L);
    try (TopicReader good = new TopicReader(kafka.bootstrapServers(), observations)) {
      await()
          .atMost(PATIENCE)
          .until(() -> ingest.summary().written() + ingest.summary().deadLettered() >= 30);
      ingest.stop();
      AmqpIngestSummary summary = run.get(30, TimeUnit.SECONDS);
      assertEquals(new AmqpIngestSummary(30, 20, 10, expected, 0), summary, lines::toString);
      assertEquals(20, good.readToEnd().size());
    }
    try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), deadLetters)) {
      Map<String, DeadLetter> byRoutingKey = new TreeMap<>();
      for (ConsumerRecord<byte[], byte[]> record : reader.readToEnd()) {
        DeadLetter letter = Codecs.DEAD_LETTER.decode(record.value());
        byRoutingKey.put(new String(record.key(), StandardCharsets.UTF_8), letter);
        assertEquals("amqp:" + exchange, letter.getSourceTopic().toString());
      }
      assertEquals(10, byRoutingKey.size(), byRoutingKey::toString);
      assertLetter(byRoutingKey, "bad-json", DeadLetterReason.CORRUPT_BODY, "NOT_JSON: ");
      assertLetter(byRoutingKey, "not-utf8", DeadLetterReason.CORRUPT_BODY, "NOT_JSON: ");
      assertLetter(
          byRoutingKey, "missing-field", DeadLetterReason.CORRUPT_BODY, "MISSING_FIELD: no err");
      assertLetter(byRoutingKey, "nan", DeadLetterReason.NOT_FINITE, "NOT_FINITE: coor[0] is NaN");
      assertLetter(byRoutingKey, "huge", DeadLetterReason.OTHER, "TOO_LARGE: message of 1");
      assertLetter(
          byRoutingKey,
          "wrong-type",
          DeadLetterReason.CORRUPT_BODY,
          "WRONG_TYPE: time is a string");
      assertLetter(
          byRoutingKey,
          "zero-sigma",
          DeadLetterReason.NON_POSITIVE_SIGMA,
          "NON_POSITIVE_SIGMA: err[0] is 0.0");
      assertLetter(
          byRoutingKey,
          "not-an-object",
          DeadLetterReason.WRONG_RECORD_TYPE,
          "NOT_A_POSITION: the message is an array");
      assertLetter(
          byRoutingKey, "bad-sncl", DeadLetterReason.UNKNOWN_STATION, "BAD_SNCL: SNCL 'P373'");
      assertLetter(
          byRoutingKey,
          "no-displacement",
          DeadLetterReason.WRONG_RECORD_TYPE,
          "NOT_A_POSITION: no feature");
      DeadLetter nan = byRoutingKey.get("gnss.bad.nan");
      assertEquals(
          "PW/P373", nan.getStation().toString(), "the station is named once the SNCL was read");
      assertTrue(
          new String(nan.getValue().array(), StandardCharsets.UTF_8).contains("NaN"),
          "the message is kept whole");
    }
    assertEquals(
        0, rabbit.ready(queue), "dead-lettered messages are acknowledged, not redelivered");
  }

  private static void assertLetter(
      Map<String, DeadLetter> byRoutingKey, String name, DeadLetterReason reason, String detail) {
    DeadLetter letter = byRoutingKey.get("gnss.bad." + name);
    assertEquals(reason, letter.getReason(), name);
    assertTrue(
        letter.getDetail().toString().startsWith(detail),
        () -> name + ": '" + letter.getDetail() + "' should start with '" + detail + "'");
  }

  private static Set<String> distinctStationEpochs(TopicReader reader) throws Exception {
    reader.poll();
    Set<String> keys = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : reader.records()) {
      GnssObservation o = Codecs.GNSS_OBSERVATION.decode(record.value());
      keys.add(o.getNetwork() + "/" + o.getStation() + "@" + o.getEpoch());
    }
    return keys;
  }

  private AmqpIngestConfig config(EmbeddedKafkaBroker kafka) {
    return new AmqpIngestConfig(
        KafkaClientSettings.of(kafka.bootstrapServers()),
        observations,
        deadLetters,
        AmqpSettings.fromCommandLine(
            null, "127.0.0.1", rabbit.port(), "/", "guest", null, Map.of()),
        exchange,
        "topic",
        "#",
        queue,
        AmqpIngestConfig.DEFAULT_PREFETCH,
        AmqpIngestConfig.DEFAULT_MAX_MESSAGE_BYTES,
        null,
        Duration.ofMillis(100),
        Duration.ofSeconds(1));
  }

  private Process startProcess(EmbeddedKafkaBroker kafka, String name) throws IOException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // A short-lived child: start fast rather than peak fast.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            AmqpIngestProcess.class.getName(),
            kafka.bootstrapServers(),
            observations,
            deadLetters,
            Integer.toString(rabbit.port()),
            exchange,
            queue);
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .start();
    processes.add(p);
    return p;
  }
}
