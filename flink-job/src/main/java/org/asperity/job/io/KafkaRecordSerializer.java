package org.asperity.job.io;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Kafka records of one topic: key and value each encoded by a function of the element, optionally a
 * {@code content-type} header for consumers that read no Avro. Record timestamps are left to the
 * producer (wall time), so nothing in a record's key or value depends on wall time.
 */
public final class KafkaRecordSerializer<T>
    implements KafkaRecordSerializationSchema<T>, KafkaDatasetFacetProvider {
  private static final long serialVersionUID = 1L;

  /** Bytes of an element; serializable, as the sink ships it to the task managers. */
  @FunctionalInterface
  public interface Encoder<T> extends Serializable {
    byte[] encode(T element);
  }

  private final String topic;
  private final Encoder<T> key;
  private final Encoder<T> value;
  private final String contentType;

  private KafkaRecordSerializer(
      String topic, Encoder<T> key, Encoder<T> value, String contentType) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.key = key;
    this.value = Objects.requireNonNull(value, "value");
    this.contentType = contentType;
  }

  /** Records of {@code topic}; {@code key} null for records without a key. */
  public static <T> KafkaRecordSerializer<T> of(String topic, Encoder<T> key, Encoder<T> value) {
    return new KafkaRecordSerializer<>(topic, key, value, null);
  }

  /** The same records with a {@code content-type} header. */
  public KafkaRecordSerializer<T> withContentType(String contentType) {
    return new KafkaRecordSerializer<>(
        topic, key, value, Objects.requireNonNull(contentType, "contentType"));
  }

  /** The key of a record keyed by a string (a region): its UTF-8 bytes. */
  public static byte[] utf8(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic, key == null ? null : key.encode(element), value.encode(element));
    if (contentType != null) {
      record.headers().add("content-type", utf8(contentType));
    }
    return record;
  }

  /**
   * The one topic written: the sink's pooled transaction naming lists the open transactions of the
   * topics a sink writes to abort them on recovery.
   */
  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(
        new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
  }
}
