package org.asperity.job.ingest;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.job.types.SerializerTypeInfo;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;

/**
 * What {@link ObservationDecoder} makes of one Kafka record of the observations topic: the decoded
 * observation, or why it could not be decoded; in both cases the raw bytes and where they came
 * from, so a rejected record reaches the dead-letter topic whole. Immutable but for the memoized
 * rule check ({@link #check}).
 */
public final class SourceRecord {
  /** With its own serializer: no Kryo. */
  public static final TypeInformation<SourceRecord> TYPE_INFO =
      SerializerTypeInfo.of(SourceRecord.class, SourceRecordSerializer::new);

  /** Kafka timestamp of a record that had none. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  private final String topic;
  private final int partition;
  private final long offset;
  private final long kafkaTimestampMillis;
  private final byte[] key;
  private final byte[] value;
  private final GnssObservation observation;
  private final DeadLetterReason failure;
  private final String failureDetail;

  /**
   * The rules last checked and their verdict: the timestamp assigner and validate ask the same
   * question.
   */
  private ObservationRules checkedBy;

  private ObservationRules.Violation violation;

  private SourceRecord(
      String topic,
      int partition,
      long offset,
      long kafkaTimestampMillis,
      byte[] key,
      byte[] value,
      GnssObservation observation,
      DeadLetterReason failure,
      String failureDetail) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.partition = partition;
    this.offset = offset;
    this.kafkaTimestampMillis = kafkaTimestampMillis;
    this.key = key;
    this.value = value;
    this.observation = observation;
    this.failure = failure;
    this.failureDetail = failureDetail;
  }

  public static SourceRecord decoded(
      String topic,
      int partition,
      long offset,
      long kafkaTimestampMillis,
      byte[] key,
      byte[] value,
      GnssObservation observation) {
    return new SourceRecord(
        topic,
        partition,
        offset,
        kafkaTimestampMillis,
        key,
        value,
        Objects.requireNonNull(observation, "observation"),
        null,
        null);
  }

  public static SourceRecord failed(
      String topic,
      int partition,
      long offset,
      long kafkaTimestampMillis,
      byte[] key,
      byte[] value,
      DeadLetterReason reason,
      String detail) {
    return new SourceRecord(
        topic,
        partition,
        offset,
        kafkaTimestampMillis,
        key,
        value,
        null,
        Objects.requireNonNull(reason, "reason"),
        Objects.requireNonNull(detail, "detail"));
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  /** Kafka (producer or log-append) timestamp, ms since 1970, or {@link #NO_TIMESTAMP}. */
  public long kafkaTimestampMillis() {
    return kafkaTimestampMillis;
  }

  /** Raw key bytes, or null. Not copied: never modify. */
  public byte[] key() {
    return key;
  }

  /** Raw value bytes, or null. Not copied: never modify. */
  public byte[] value() {
    return value;
  }

  public boolean isDecoded() {
    return observation != null;
  }

  /** The decoded observation; null when {@link #isDecoded()} is false. */
  public GnssObservation observation() {
    return observation;
  }

  /** Why decoding failed; null when decoded. */
  public DeadLetterReason failure() {
    return failure;
  }

  public String failureDetail() {
    return failureDetail;
  }

  /**
   * The first rule the decoded observation breaks, or null; computed once per record and rules (the
   * record stays within one thread: source, assigner and validate are chained).
   */
  public ObservationRules.Violation check(ObservationRules rules) {
    if (checkedBy != rules) {
      violation = rules.check(observation);
      if (violation == null) {
        violation = ObservationRules.checkKey(key, observation);
      }
      checkedBy = rules;
    }
    return violation;
  }
}
