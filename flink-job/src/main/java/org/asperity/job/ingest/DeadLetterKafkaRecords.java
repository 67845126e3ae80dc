package org.asperity.job.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.asperity.schemas.wire.Codecs;

/**
 * Dead letters as Kafka records of the dead-letter topic, keyed by the rejected record's own key. A
 * dead letter must never fail its sink: a record that was accepted by the broker on the way in can
 * be too large to go out again once wrapped (the producer's {@code max.request.size} and the
 * broker's {@code message.max.bytes} are both 1 MiB by default). So when key and value together
 * exceed {@link #MAX_STORED_BYTES}, both are cut to fit, and the record says so: its detail and the
 * {@value #TRUNCATED_HEADER} header, with each part's original size and SHA-256 in headers ({@value
 * #KEY_BYTES_HEADER}, {@value #KEY_SHA256_HEADER}, {@value #VALUE_BYTES_HEADER}, {@value
 * #VALUE_SHA256_HEADER}), enough to match it against the producer's copy.
 */
public final class DeadLetterKafkaRecords
    implements KafkaRecordSerializationSchema<DeadLetterRecord> {
  private static final long serialVersionUID = 1L;

  /** Key and value bytes kept at most: half the default 1 MiB limits, room for the envelope. */
  public static final int MAX_STORED_BYTES = 512 * 1024;

  /** Key bytes kept at most when the record is cut (a key is an identifier, not a payload). */
  public static final int MAX_STORED_KEY_BYTES = 1024;

  /** Characters of detail kept at most. */
  public static final int MAX_DETAIL_CHARS = 4096;

  /** Characters of the decoded station key kept at most (a valid one has at most 129). */
  public static final int MAX_STATION_CHARS = 256;

  public static final String TRUNCATED_HEADER = "asperity-truncated";
  public static final String KEY_BYTES_HEADER = "asperity-original-key-bytes";
  public static final String KEY_SHA256_HEADER = "asperity-original-key-sha256";
  public static final String VALUE_BYTES_HEADER = "asperity-original-value-bytes";
  public static final String VALUE_SHA256_HEADER = "asperity-original-value-sha256";

  private final String topic;

  public DeadLetterKafkaRecords(String topic) {
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetterRecord deadLetter, KafkaSinkContext context, Long timestamp) {
    return toProducerRecord(topic, deadLetter);
  }

  /** The Kafka record of {@code deadLetter}, cut to fit when too large; pure. */
  public static ProducerRecord<byte[], byte[]> toProducerRecord(
      String topic, DeadLetterRecord deadLetter) {
    byte[] key = deadLetter.key();
    byte[] value = deadLetter.value();
    int keyBytes = key == null ? 0 : key.length;
    int valueBytes = value == null ? 0 : value.length;
    String detail = shortened(deadLetter.detail(), MAX_DETAIL_CHARS);
    String station =
        deadLetter.station() == null ? null : shortened(deadLetter.station(), MAX_STATION_CHARS);
    if ((long) keyBytes + valueBytes <= MAX_STORED_BYTES) {
      DeadLetterRecord stored =
          detail == deadLetter.detail() && station == deadLetter.station()
              ? deadLetter
              : withPayload(deadLetter, detail, station, key, value);
      return new ProducerRecord<>(topic, key, Codecs.DEAD_LETTER.encode(stored.toAvro()));
    }
    byte[] storedKey =
        key == null ? null : Arrays.copyOf(key, Math.min(keyBytes, MAX_STORED_KEY_BYTES));
    int storedKeyBytes = storedKey == null ? 0 : storedKey.length;
    byte[] storedValue =
        value == null
            ? null
            : Arrays.copyOf(value, Math.min(valueBytes, MAX_STORED_BYTES - storedKeyBytes));
    String keyHash = sha256(key);
    String valueHash = sha256(value);
    String truncatedDetail =
        detail
            + " [truncated to fit the dead-letter topic: key "
            + keyBytes
            + " bytes"
            + (key == null ? "" : " sha256 " + keyHash)
            + ", value "
            + valueBytes
            + " bytes"
            + (value == null ? "" : " sha256 " + valueHash)
            + "]";
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic,
            storedKey,
            Codecs.DEAD_LETTER.encode(
                withPayload(deadLetter, truncatedDetail, station, storedKey, storedValue)
                    .toAvro()));
    record.headers().add(TRUNCATED_HEADER, ascii("true"));
    record.headers().add(KEY_BYTES_HEADER, ascii(Integer.toString(keyBytes)));
    record.headers().add(VALUE_BYTES_HEADER, ascii(Integer.toString(valueBytes)));
    if (key != null) {
      record.headers().add(KEY_SHA256_HEADER, ascii(keyHash));
    }
    if (value != null) {
      record.headers().add(VALUE_SHA256_HEADER, ascii(valueHash));
    }
    return record;
  }

  private static DeadLetterRecord withPayload(
      DeadLetterRecord d, String detail, String station, byte[] key, byte[] value) {
    return new DeadLetterRecord(
        d.reason(),
        detail,
        d.sourceTopic(),
        d.sourcePartition(),
        d.sourceOffset(),
        d.sourceTimestampMillis(),
        station,
        key,
        value);
  }

  private static String shortened(String text, int maxChars) {
    return text.length() <= maxChars
        ? text
        : text.substring(0, maxChars) + "… (" + text.length() + " characters)";
  }

  /** Hex SHA-256 of {@code bytes}, or null. */
  static String sha256(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
