package org.asperity.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer the replay and catalog sinks use, on a real broker: order, keys, a lost record. */
class TopicWriterIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static KafkaClientSettings topic(EmbeddedKafkaBroker broker, String name) {
    KafkaClientSettings settings = KafkaClientSettings.of(broker.bootstrapServers());
    try (TopicAdmin admin = TopicAdmin.connect(settings)) {
      admin.ensureTopics(List.of(new TopicSpec(name, 1)), WAIT);
    }
    return settings;
  }

  @Test
  void recordsArriveInOrderWithTheirKeys(EmbeddedKafkaBroker broker) throws IOException {
    KafkaClientSettings settings = topic(broker, "writer.ordered");
    try (TopicWriter writer = new TopicWriter(settings, "writer.ordered")) {
      for (int i = 0; i < 100; i++) {
        writer.send(bytes("key-" + i % 3), bytes("value-" + i));
      }
    }
    List<String> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            settings.consumer("writer-ordered", true),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of("writer.ordered"));
      await()
          .atMost(WAIT)
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(100))
                    .forEach(r -> read.add(r.key() + "=" + r.value()));
                return read.size() >= 100;
              });
    }
    assertEquals(100, read.size());
    for (int i = 0; i < 100; i++) {
      assertEquals("key-" + i % 3 + "=value-" + i, read.get(i));
    }
  }

  /**
   * A record the broker can never take (beyond the producer's 1 MiB request limit) is lost: the
   * next send refuses to go on, naming the topic and the cause, and so does the close.
   */
  @Test
  void aLostRecordStopsTheWriterWithTheCause(EmbeddedKafkaBroker broker) throws IOException {
    KafkaClientSettings settings = topic(broker, "writer.lost");
    TopicWriter writer = new TopicWriter(settings, "writer.lost");
    writer.send(bytes("k"), new byte[2 * 1024 * 1024]);
    IOException next = await().atMost(WAIT).until(() -> sendFails(writer), e -> e != null);
    assertTrue(next.getMessage().startsWith("writing to writer.lost failed: "), next.getMessage());
    IOException close = assertThrows(IOException.class, writer::close);
    assertEquals(next.getMessage(), close.getMessage());
  }

  private static IOException sendFails(TopicWriter writer) {
    try {
      writer.send(bytes("k"), bytes("small"));
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
