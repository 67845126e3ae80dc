package org.asperity.job.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;

/** Plain Kafka clients for the job's tests: write records, read a whole topic back. */
public final class TestKafka {
  private final KafkaClientSettings settings;

  public TestKafka(EmbeddedKafkaBroker broker) {
    this(KafkaClientSettings.of(broker.bootstrapServers()));
  }

  /** Clients of a broker in another process. */
  public TestKafka(KafkaClientSettings settings) {
    this.settings = settings;
  }

  public KafkaClientSettings settings() {
    return settings;
  }

  /**
   * Creates the job's topics: observations with {@code partitions} partitions, the rest with one.
   */
  public static void createTopics(EmbeddedKafkaBroker broker, TopicNames topics, int partitions) {
    broker.createTopics(
        Map.of(
            topics.observations(),
            partitions,
            topics.forecasts(),
            1,
            topics.alerts(),
            1,
            topics.alertsCap(),
            1,
            topics.alertsJson(),
            1,
            topics.observationsDeadLetter(),
            1,
            topics.models(),
            1));
  }

  /** A record to write, with its headers (name to value, in order). */
  public record Outgoing(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {
    public Outgoing(String topic, byte[] key, byte[] value) {
      this(topic, key, value, Map.of());
    }
  }

  /** Writes records in order (idempotent producer) and returns where each landed. */
  public List<RecordMetadata> write(List<Outgoing> records)
      throws InterruptedException, ExecutionException {
    Properties p =
        settings.producer(
            Map.of(
                "acks",
                "all",
                "enable.idempotence",
                "true",
                "linger.ms",
                "5",
                // One batch in flight: a first batch retried (say, the new partition's leader was
                // not known yet) while later ones landed gets an out-of-order sequence error
                // forever.
                "max.in.flight.requests.per.connection",
                "1",
                "max.request.size",
                Integer.toString(16 * 1024 * 1024)));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
      for (Outgoing r : records) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(r.topic(), r.key(), r.value());
        r.headers().forEach((name, value) -> record.headers().add(name, value));
        sent.add(producer.send(record));
      }
      producer.flush();
      List<RecordMetadata> out = new ArrayList<>(sent.size());
      for (Future<RecordMetadata> f : sent) {
        out.add(f.get());
      }
      return out;
    }
  }

  /**
   * Every record of {@code topic} up to its current end, partition by partition in offset order.
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean readCommitted) {
    Properties p = settings.consumer("test-reader-" + System.nanoTime(), readCommitted);
    p.setProperty("enable.auto.commit", "false");
    p.setProperty("max.partition.fetch.bytes", Integer.toString(32 * 1024 * 1024));
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      // The consumer is single-threaded: poll it on this thread.
      await("reading " + topic + " to its end")
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
              });
      return out;
    }
  }

  /** Partition count of a topic. */
  public int partitions(String topic) {
    Properties p = settings.consumer("test-meta", false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      return infos.size();
    }
  }
}
