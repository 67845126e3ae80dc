package org.asperity.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge between a real Kafka broker and a real ActiveMQ broker, read by a Python STOMP
 * subscriber. Each test has its own topics and consumer group.
 */
class ActiveMqBridgeIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String REGION = "nankai";
  private static final AtomicInteger TEST_NUMBER = new AtomicInteger();

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @TempDir Path dir;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final ExecutorService runner = Executors.newCachedThreadPool();
  private String capTopic;
  private String deadLetterTopic;
  private String groupId;
  private String activeMqTopic;

  @BeforeEach
  void names(EmbeddedKafkaBroker kafka) {
    int n = TEST_NUMBER.incrementAndGet();
    capTopic = "ttf.alerts.cap." + n;
    deadLetterTopic = capTopic + ".dlq";
    groupId = "bridge-" + n;
    activeMqTopic = "asperity.ttf.alerts.cap." + n;
    kafka.createTopic(capTopic, 2);
  }

  @AfterEach
  void closeAll() throws Exception {
    runner.shutdownNow();
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void issueUpdateCancelArriveExactlyOnceInOrderWithTheirProperties(EmbeddedKafkaBroker kafka)
      throws Exception {
    ActiveMqTestBroker activeMq = closing(ActiveMqTestBroker.start());
    StompSubscriber subscriber = subscriber(activeMq);
    writeChain(kafka);
    InProcess bridge = startInProcess(config(kafka, ActiveMqSettings.of(activeMq.openWireUrl())));

    await().atMost(PATIENCE).until(() -> committed(kafka) == 3);
    List<JsonNode> messages = subscriber.messages();
    assertEquals(3, messages.size(), messages::toString);
    assertMessage(messages.get(0), "a-1", "Alert");
    assertMessage(messages.get(1), "a-2", "Update");
    assertMessage(messages.get(2), "a-3", "Cancel");
    assertEquals(CapDocuments.update("a-2", "a-1"), messages.get(1).get("body").asText());

    BridgeSummary summary = bridge.stop();
    assertEquals(new BridgeSummary(3, 0, 0), summary);
    assertEquals(3, activeMq.enqueued(activeMqTopic));
  }

  @Test
  void killedAndRestartedBetweenAndWithinMessagesPublishesEachOnce(EmbeddedKafkaBroker kafka)
      throws Exception {
    ActiveMqTestBroker activeMq = closing(ActiveMqTestBroker.start());
    StompSubscriber subscriber = subscriber(activeMq);
    try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
      write(producer, CapDocuments.issue("a-1"));
      Process first = startProcess(kafka, activeMq, "first");
      await().atMost(PATIENCE).until(() -> committed(kafka) == 1);
      first.destroyForcibly().waitFor();

      // Between messages: SIGKILL after a commit.
      write(producer, CapDocuments.update("a-2", "a-1"));
      // Within a message: dies after the broker accepted it and it was recorded, before the commit.
      Process second = startProcess(kafka, activeMq, "second", "--halt-after-recording");
      assertTrue(second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      assertEquals(137, second.exitValue());
      assertEquals(1, committed(kafka));
      await().atMost(PATIENCE).until(() -> subscriber.messages().size() == 2);

      write(producer, CapDocuments.cancel("a-3", "a-1", "a-2"));
      Process third = startProcess(kafka, activeMq, "third");
      await().atMost(PATIENCE).until(() -> committed(kafka) == 3);
      third.destroy();
      assertTrue(third.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      String thirdOutput = Files.readString(dir.resolve("third.out"));
      assertTrue(thirdOutput.contains("skipped Update a-2"), thirdOutput);
      assertTrue(
          thirdOutput.contains(new BridgeSummary(1, 1, 0).line()),
          "a clean stop prints the summary: " + thirdOutput);
    }
    List<JsonNode> messages = subscriber.messages();
    assertEquals(3, messages.size(), messages::toString);
    assertMessage(messages.get(0), "a-1", "Alert");
    assertMessage(messages.get(1), "a-2", "Update");
    assertMessage(messages.get(2), "a-3", "Cancel");
    assertEquals(3, activeMq.enqueued(activeMqTopic));
  }

  @Test
  void anInvalidCapMessageGoesToTheDeadLetterTopicAndNeverToSubscribers(EmbeddedKafkaBroker kafka)
      throws Exception {
    ActiveMqTestBroker activeMq = closing(ActiveMqTestBroker.start());
    StompSubscriber subscriber = subscriber(activeMq);
    String invalid = CapDocuments.issue("a-1").replace("<msgType>Alert", "<msgType>Warning");
    try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
      write(producer, CapDocuments.issue("a-0"));
      write(producer, invalid);
      write(producer, "not xml at all");
      write(producer, CapDocuments.update("a-2", "a-0"));
    }
    InProcess bridge = startInProcess(config(kafka, ActiveMqSettings.of(activeMq.openWireUrl())));

    await().atMost(PATIENCE).until(() -> committed(kafka) == 4);
    List<ConsumerRecord<String, String>> letters = readAll(kafka, deadLetterTopic, 2);
    assertEquals(invalid, letters.get(0).value());
    assertEquals(REGION, letters.get(0).key());
    assertTrue(reason(letters.get(0)).contains("Warning"), reason(letters.get(0)));
    assertEquals("not xml at all", letters.get(1).value());
    assertFalse(reason(letters.get(1)).isBlank());
    // The second record of the region's partition: offset 2, after the first transaction's marker.
    String source =
        new String(
            letters.get(0).headers().lastHeader(ActiveMqBridge.SOURCE_HEADER).value(),
            StandardCharsets.UTF_8);
    assertTrue(source.matches(Pattern.quote(capTopic) + "-[01]@2"), source);

    assertEquals(new BridgeSummary(2, 0, 2), bridge.stop());
    List<JsonNode> messages = subscriber.messages();
    assertEquals(2, messages.size(), messages::toString);
    assertMessage(messages.get(0), "a-0", "Alert");
    assertMessage(messages.get(1), "a-2", "Update");
  }

  @Test
  void aBrokerDownAtStartIsRetriedAndNothingIsCommittedMeanwhile(EmbeddedKafkaBroker kafka)
      throws Exception {
    int port = freePort();
    writeChain(kafka);
    InProcess bridge =
        startInProcess(config(kafka, ActiveMqSettings.of("tcp://127.0.0.1:" + port)));

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                bridge.lines.stream()
                        .filter(l -> l.contains("is not reachable") && l.contains("retrying"))
                        .count()
                    >= 2);
    String error = bridge.lines.stream().filter(l -> l.contains("retrying")).findFirst().get();
    assertTrue(error.startsWith("ActiveMQ at tcp://127.0.0.1:" + port), error);
    assertFalse(error.contains("\n"), error);
    assertEquals(0, committed(kafka));

    ActiveMqTestBroker activeMq = closing(ActiveMqTestBroker.start(port, null, null));
    await().atMost(PATIENCE).until(() -> committed(kafka) == 3);
    assertEquals(3, activeMq.enqueued(activeMqTopic));
    assertEquals(new BridgeSummary(3, 0, 0), bridge.stop());
  }

  @Test
  void aBrokerLostMidRunIsRetriedAndTheMessageArrivesOnceItIsBack(EmbeddedKafkaBroker kafka)
      throws Exception {
    ActiveMqTestBroker first = ActiveMqTestBroker.start();
    String url = first.openWireUrl();
    InProcess bridge = startInProcess(config(kafka, ActiveMqSettings.of(url)));
    try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
      write(producer, CapDocuments.issue("a-1"));
      await().atMost(PATIENCE).until(() -> committed(kafka) == 1);
      first.close();
      write(producer, CapDocuments.update("a-2", "a-1"));
      await()
          .atMost(PATIENCE)
          .until(() -> bridge.lines.stream().anyMatch(l -> l.contains("retrying")));
      assertEquals(1, committed(kafka));

      ActiveMqTestBroker second =
          closing(ActiveMqTestBroker.start(URI.create(url).getPort(), null, null));
      await().atMost(PATIENCE).until(() -> committed(kafka) == 2);
      assertEquals(1, second.enqueued(activeMqTopic));
    }
    assertEquals(new BridgeSummary(2, 0, 0), bridge.stop());
  }

  @Test
  void refusedCredentialsStopTheBridgeWithAClearError(EmbeddedKafkaBroker kafka) throws Exception {
    ActiveMqTestBroker activeMq = closing(ActiveMqTestBroker.start(0, "bridge", "right"));
    writeChain(kafka);
    Path credentials = dir.resolve("activemq.properties");
    Files.writeString(credentials, "user=bridge\npassword=wrong\n");
    ActiveMqBridge bridge =
        new ActiveMqBridge(
            config(kafka, ActiveMqSettings.fromCommandLine(activeMq.openWireUrl(), credentials)),
            line -> {});

    BridgeException e = assertThrows(BridgeException.class, bridge::run);
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
    assertTrue(e.getMessage().contains("--activemq-config"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong"), e.getMessage());
    assertEquals(0, committed(kafka));
    assertEquals(0, activeMq.enqueued(activeMqTopic));
  }

  @Test
  void aKafkaTopicThatDoesNotExistIsAClearError(EmbeddedKafkaBroker kafka) throws Exception {
    ActiveMqTestBroker activeMq = closing(ActiveMqTestBroker.start());
    BridgeConfig config = config(kafka, ActiveMqSettings.of(activeMq.openWireUrl()));
    BridgeConfig misspelled =
        new BridgeConfig(
            config.kafka(),
            "ttf.alerts.cpa",
            config.deadLetterTopic(),
            config.groupId(),
            config.activeMq(),
            config.activeMqTopic(),
            config.stateDirectory(),
            config.retryMin(),
            config.retryMax());

    BridgeException e =
        assertThrows(BridgeException.class, () -> new ActiveMqBridge(misspelled, l -> {}).run());
    assertTrue(e.getMessage().contains("ttf.alerts.cpa does not exist"), e.getMessage());
  }

  @Test
  void aSecondBridgeInTheSameGroupStopsTheFirstWithAClearError(EmbeddedKafkaBroker kafka)
      throws Exception {
    ActiveMqTestBroker activeMq = closing(ActiveMqTestBroker.start());
    writeChain(kafka);
    InProcess first = startInProcess(config(kafka, ActiveMqSettings.of(activeMq.openWireUrl())));
    await().atMost(PATIENCE).until(() -> committed(kafka) == 3);

    InProcess second = startInProcess(config(kafka, ActiveMqSettings.of(activeMq.openWireUrl())));
    await().atMost(PATIENCE).until(first.future::isDone);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> first.future.get(0, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof BridgeException, e.getCause()::toString);
    assertTrue(
        e.getCause().getMessage().contains("one bridge per group"), e.getCause()::getMessage);
    assertEquals(new BridgeSummary(0, 0, 0), second.stop());
    assertEquals(3, activeMq.enqueued(activeMqTopic));
  }

  // --- fixtures ---

  private BridgeConfig config(EmbeddedKafkaBroker kafka, ActiveMqSettings activeMq) {
    return new BridgeConfig(
        KafkaClientSettings.of(kafka.bootstrapServers()),
        capTopic,
        deadLetterTopic,
        groupId,
        activeMq,
        activeMqTopic,
        dir.resolve("state"),
        Duration.ofMillis(100),
        Duration.ofMillis(400));
  }

  private <T extends AutoCloseable> T closing(T resource) {
    toClose.add(resource);
    return resource;
  }

  private StompSubscriber subscriber(ActiveMqTestBroker activeMq) {
    return closing(
        StompSubscriber.subscribe(activeMq.stompPort(), activeMqTopic, dir.resolve("python.err")));
  }

  private static void assertMessage(JsonNode message, String identifier, String msgType) {
    JsonNode headers = message.get("headers");
    assertEquals(identifier, headers.path("identifier").asText(), message::toString);
    assertEquals(msgType, headers.path("msgType").asText(), message::toString);
    assertEquals("Actual", headers.path("status").asText(), message::toString);
    assertEquals(REGION, headers.path("region").asText(), message::toString);
    assertTrue(message.get("body").asText().contains("<identifier>" + identifier + "<"));
  }

  private void writeChain(EmbeddedKafkaBroker kafka) {
    try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
      write(producer, CapDocuments.issue("a-1"));
      write(producer, CapDocuments.update("a-2", "a-1"));
      write(producer, CapDocuments.cancel("a-3", "a-1", "a-2"));
    }
  }

  private KafkaProducer<String, String> transactionalProducer(EmbeddedKafkaBroker kafka) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + groupId);
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    producer.initTransactions();
    return producer;
  }

  /** One CAP message in its own transaction, keyed by the region as the job keys them. */
  private void write(KafkaProducer<String, String> producer, String xml) {
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(capTopic, REGION, xml));
    producer.commitTransaction();
  }

  /** The group's committed offset on the CAP topic, summed over partitions. */
  private long committed(EmbeddedKafkaBroker kafka) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      // A transaction's commit marker takes an offset too: count records, not offsets.
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(capTopic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .map(offset -> (offset + 1) / 2)
          .sum();
    }
  }

  private static List<ConsumerRecord<String, String>> readAll(
      EmbeddedKafkaBroker kafka, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
              });
    }
    return records;
  }

  private static String reason(ConsumerRecord<String, String> letter) {
    return new String(
        letter.headers().lastHeader(ActiveMqBridge.REASON_HEADER).value(), StandardCharsets.UTF_8);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private Process startProcess(
      EmbeddedKafkaBroker kafka, ActiveMqTestBroker activeMq, String name, String... extra)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BridgeProcess.class.getName());
    command.addAll(
        List.of(
            kafka.bootstrapServers(),
            capTopic,
            deadLetterTopic,
            groupId,
            activeMq.openWireUrl(),
            activeMqTopic,
            dir.resolve("state").toString()));
    command.addAll(List.of(extra));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile())
            .start();
    toClose.add(
        () -> {
          if (process.isAlive()) {
            process.destroyForcibly().waitFor();
          }
        });
    return process;
  }

  private InProcess startInProcess(BridgeConfig config) {
    InProcess bridge = new InProcess(config);
    bridge.future = runner.submit(bridge.bridge::run);
    toClose.add(() -> bridge.bridge.stop());
    return bridge;
  }

  /** A bridge on a thread of the test, and the lines it reported. */
  private static final class InProcess {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final ActiveMqBridge bridge;
    Future<BridgeSummary> future;

    InProcess(BridgeConfig config) {
      this.bridge = new ActiveMqBridge(config, lines::add);
    }

    BridgeSummary stop() throws Exception {
      bridge.stop();
      return future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
