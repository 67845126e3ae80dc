package org.asperity.kafka.embedded;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  @Test
  void servesProduceAndConsumeOnTopicsCreatedAtStart() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().topic("stations", 3).start()) {
      TestClients.produce(broker.clientProperties(), "stations", "sim-00/C001", "landward 2 mm");

      List<ConsumerRecord<String, String>> records =
          TestClients.consume(
              broker.clientProperties(), "stations", "reader", 1, Duration.ofSeconds(20));

      assertEquals(1, records.size());
      assertEquals("sim-00/C001", records.get(0).key());
      assertEquals("landward 2 mm", records.get(0).value());
    }
  }

  @Test
  void createsTopicsIdempotentlyWithTheirPartitionCounts() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
        Admin admin = Admin.create(broker.clientProperties())) {
      broker.createTopics(Map.of("observations", 4, "alerts", 1));
      broker.createTopics(Map.of("observations", 4));

      Map<String, TopicDescription> topics =
          admin.describeTopics(List.of("observations", "alerts")).allTopicNames().get();
      assertEquals(4, topics.get("observations").partitions().size());
      assertEquals(1, topics.get("alerts").partitions().size());
      IllegalStateException mismatch =
          assertThrows(IllegalStateException.class, () -> broker.createTopic("alerts", 2));
      assertTrue(mismatch.getMessage().contains("exists with 1 partitions"), mismatch.getMessage());
    }
  }

  @Test
  void aBrokerStartedAgainOnItsDataDirectoryServesWhatItHeld(@TempDir Path dir) throws Exception {
    int port = FreePorts.take(1)[0];
    while (!FreePorts.isFree(port + 1)) { // the controller's
      port = FreePorts.take(1)[0];
    }
    try (EmbeddedKafkaBroker first =
        EmbeddedKafkaBroker.builder()
            .dataDirectory(dir)
            .clientPort(port)
            .topic("kept", 2)
            .start()) {
      TestClients.produce(first.clientProperties(), "kept", "sim-00/C001", "before the restart");
    }
    assertTrue(Files.exists(dir.resolve("data/meta.properties")), "the data outlives close");

    try (EmbeddedKafkaBroker again =
        EmbeddedKafkaBroker.builder().dataDirectory(dir).clientPort(port).start()) {
      assertEquals("127.0.0.1:" + port, again.bootstrapServers());
      List<ConsumerRecord<String, String>> records =
          TestClients.consume(
              again.clientProperties(), "kept", "reader", 1, Duration.ofSeconds(20));
      assertEquals("before the restart", records.get(0).value());
    }
  }

  @Test
  void closeStopsEveryThreadDeletesTheDataAndFreesThePorts() throws Exception {
    Set<Thread> before = liveNonDaemonThreads();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().topic("t", 1).start();
    // Exercise the group and transaction coordinators too, so their threads exist before close.
    TestClients.produce(broker.clientProperties(), "t", "k", "v");
    assertEquals(
        1,
        TestClients.consume(broker.clientProperties(), "t", "g", 1, Duration.ofSeconds(20)).size());
    // The checks below could not fail if the broker ran no non-daemon thread nor held its ports.
    assertTrue(Files.isDirectory(broker.dataDirectory()));
    assertFalse(newNonDaemonThreads(before).isEmpty());
    assertTrue(broker.ports().stream().noneMatch(FreePorts::isFree));

    broker.close();
    broker.close();

    assertFalse(
        Files.exists(broker.dataDirectory()),
        "data directory left behind: " + broker.dataDirectory());
    for (int port : broker.ports()) {
      assertTrue(FreePorts.isFree(port), "port " + port + " still bound");
    }
    // On this thread: a poller thread of Awaitility's own would count as left running.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInSameThread()
        .untilAsserted(
            () -> assertEquals(Set.of(), newNonDaemonThreads(before), "non-daemon threads left"));
  }

  @Test
  void aclsNeedTheSecuredBroker() {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startPlain()) {
      assertThrows(IllegalStateException.class, () -> broker.allowGroup("alice", "g"));
      assertThrows(IllegalStateException.class, () -> broker.clientProperties("alice", "secret"));
    }
  }

  /** Names of the live non-daemon threads that are not in {@code before}. */
  private static Set<String> newNonDaemonThreads(Set<Thread> before) {
    Set<Thread> extra = liveNonDaemonThreads();
    extra.removeAll(before);
    return extra.stream().map(Thread::getName).collect(Collectors.toSet());
  }

  private static Set<Thread> liveNonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .collect(Collectors.toSet());
  }
}
