package org.asperity.job.ingest;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.job.types.SerializerTypeInfo;
import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.DeadLetterReason;

/**
 * A rejected input record on its way to the dead-letter topic: the reason code, a human-readable
 * detail, and the record whole (raw key and value, topic, partition, offset, Kafka timestamp).
 * {@link #toAvro()} gives the {@link DeadLetter} written to Kafka.
 *
 * @param sourceTimestampMillis Kafka timestamp, or {@link SourceRecord#NO_TIMESTAMP}
 * @param station station key ({@code network/station}) when the record could be decoded, else null
 * @param key raw key bytes, or null; never modify
 * @param value raw value bytes, or null; never modify
 */
public record DeadLetterRecord(
    DeadLetterReason reason,
    String detail,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    long sourceTimestampMillis,
    String station,
    byte[] key,
    byte[] value) {

  /** With its own serializer: no Kryo. */
  public static final TypeInformation<DeadLetterRecord> TYPE_INFO =
      SerializerTypeInfo.of(DeadLetterRecord.class, DeadLetterSerializer::new);

  public DeadLetterRecord {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(sourceTopic, "sourceTopic");
  }

  /** A record rejected before or while decoding. */
  public static DeadLetterRecord of(SourceRecord record, DeadLetterReason reason, String detail) {
    String station =
        record.isDecoded()
            ? record.observation().getNetwork() + "/" + record.observation().getStation()
            : null;
    return new DeadLetterRecord(
        reason,
        detail,
        record.topic(),
        record.partition(),
        record.offset(),
        record.kafkaTimestampMillis(),
        station,
        record.key(),
        record.value());
  }

  /** A validated observation rejected later (late, or refused by the feature state). */
  public static DeadLetterRecord of(
      Observation observation, String topic, DeadLetterReason reason, String detail) {
    return new DeadLetterRecord(
        reason,
        detail,
        topic,
        observation.partition(),
        observation.offset(),
        observation.kafkaTimestampMillis(),
        observation.stationKey(),
        observation.rawKey(),
        observation.rawValue());
  }

  public DeadLetter toAvro() {
    return DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail(detail)
        .setSourceTopic(sourceTopic)
        .setSourcePartition(sourcePartition)
        .setSourceOffset(sourceOffset)
        .setSourceTimestamp(
            sourceTimestampMillis == SourceRecord.NO_TIMESTAMP
                    // Written in µs: a Kafka timestamp beyond ±292,000 years would overflow.
                    || Math.abs(sourceTimestampMillis) > Long.MAX_VALUE / 1000
                ? null
                : java.time.Instant.ofEpochMilli(sourceTimestampMillis))
        .setStation(station)
        .setKey(key == null ? null : java.nio.ByteBuffer.wrap(key))
        .setValue(value == null ? null : java.nio.ByteBuffer.wrap(value))
        .build();
  }

  @Override
  public String toString() {
    return "DeadLetter["
        + reason
        + " "
        + sourceTopic
        + "/"
        + sourcePartition
        + "@"
        + sourceOffset
        + ": "
        + detail
        + "]";
  }
}
