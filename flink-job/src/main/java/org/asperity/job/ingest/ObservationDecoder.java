package org.asperity.job.ingest;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;

/**
 * The job's <b>decode</b> step, run inside the Kafka source: single-object Avro bytes to a {@link
 * GnssObservation}, or the reason they are not one (the wire-format reasons map one to one to
 * {@link DeadLetterReason} symbols). It never throws on bad input: every record comes out, decoded
 * or not, with its raw bytes and coordinates. Decoding here, rather than in an operator after the
 * source, is what gives the source the event time it needs for per-partition watermarks.
 */
public final class ObservationDecoder implements KafkaRecordDeserializationSchema<SourceRecord> {

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out) {
    out.collect(
        decode(
            record.topic(),
            record.partition(),
            record.offset(),
            record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
                ? SourceRecord.NO_TIMESTAMP
                : record.timestamp(),
            record.key(),
            record.value()));
  }

  /** Decodes one record's value; pure, and total: whatever the bytes, a record comes out. */
  public static SourceRecord decode(
      String topic,
      int partition,
      long offset,
      long kafkaTimestampMillis,
      byte[] key,
      byte[] value) {
    try {
      GnssObservation fast = FastObservationDecoder.decode(value);
      if (fast != null) {
        return SourceRecord.decoded(
            topic, partition, offset, kafkaTimestampMillis, key, value, fast);
      }
      GnssObservation observation = Codecs.GNSS_OBSERVATION.decode(value);
      return SourceRecord.decoded(
          topic, partition, offset, kafkaTimestampMillis, key, value, observation);
    } catch (WireFormatException e) {
      return SourceRecord.failed(
          topic,
          partition,
          offset,
          kafkaTimestampMillis,
          key,
          value,
          DeadLetterReason.valueOf(e.reason().name()),
          e.getMessage());
    } catch (RuntimeException e) {
      // Anything the codec did not foresee: one bad record must not restart the job forever.
      return SourceRecord.failed(
          topic,
          partition,
          offset,
          kafkaTimestampMillis,
          key,
          value,
          DeadLetterReason.CORRUPT_BODY,
          "value does not decode: " + e);
    }
  }

  @Override
  public TypeInformation<SourceRecord> getProducedType() {
    return SourceRecord.TYPE_INFO;
  }
}
