package org.asperity.bridge.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Every record of one topic, from the start, gathered as they come. */
final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

  TopicReader(String bootstrapServers, String topic) {
    Properties p = new Properties();
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls once; returns how many records there are so far. */
  int poll() {
    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
    return records.size();
  }

  /** The records gathered so far. */
  List<ConsumerRecord<byte[], byte[]>> records() {
    return List.copyOf(records);
  }

  /**
   * Reads up to the current end of every partition: afterwards nothing written before is missing.
   */
  List<ConsumerRecord<byte[], byte[]>> readToEnd() {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      poll();
    }
    return List.copyOf(records);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
