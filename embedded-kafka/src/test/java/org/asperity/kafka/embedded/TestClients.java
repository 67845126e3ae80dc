package org.asperity.kafka.embedded;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain string clients for the broker's own tests. */
final class TestClients {
  private TestClients() {}

  static void produce(Properties clientProperties, String topic, String key, String value)
      throws Exception {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
    p.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  /**
   * Reads the topic from the start until {@code expected} records arrived; fails after {@code
   * timeout}.
   */
  static List<ConsumerRecord<String, String>> consume(
      Properties clientProperties, String topic, String groupId, int expected, Duration timeout) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      // The consumer is not thread-safe: poll it on this thread.
      await()
          .atMost(timeout)
          .pollInSameThread()
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= expected;
              });
    }
    return records;
  }
}
