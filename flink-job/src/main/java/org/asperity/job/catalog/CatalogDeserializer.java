package org.asperity.job.catalog;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.ingest.SourceRecord;
import org.asperity.job.types.Micros;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.EventSource;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;

/**
 * Decodes the catalog topic's real earthquakes (source {@code CATALOG}) to {@link CatalogRecord}s;
 * a value that does not decode, has no region or a magnitude that is not finite becomes a rejected
 * record carrying its dead letter, never an exception. Tombstones are skipped, and so are the
 * simulator's ground-truth events (source {@code SIMULATED}) on the same topic: a simulated run's
 * job knows only what its stations show, as the trainer's features do.
 */
public final class CatalogDeserializer implements KafkaRecordDeserializationSchema<CatalogRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CatalogRecord> out) {
    if (record.value() != null) {
      CatalogRecord decoded = decode(record);
      if (decoded != null) {
        out.collect(decoded);
      }
    }
  }

  /** The record, or null for a simulated event. */
  static CatalogRecord decode(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    try {
      EarthquakeEvent e = Codecs.EARTHQUAKE_EVENT.decode(record.value());
      if (e.getSource() != EventSource.CATALOG) {
        return null;
      }
      String region = e.getRegion().toString();
      if (region.isEmpty()) {
        return rejected(record, key, DeadLetterReason.IMPLAUSIBLE_VALUE, "event without region");
      }
      if (!Double.isFinite(e.getMomentMagnitude())) {
        return rejected(
            record,
            region,
            DeadLetterReason.NOT_FINITE,
            "momentMagnitude " + e.getMomentMagnitude());
      }
      return CatalogRecord.quake(
          region, Micros.of(e.getOnset()), e.getMomentMagnitude(), e.getEventId().toString());
    } catch (WireFormatException e) {
      return rejected(record, key, DeadLetterReason.valueOf(e.reason().name()), e.getMessage());
    } catch (RuntimeException e) {
      // Anything the codec did not foresee: one bad record must not restart the job forever.
      return rejected(record, key, DeadLetterReason.CORRUPT_BODY, "value does not decode: " + e);
    }
  }

  private static CatalogRecord rejected(
      ConsumerRecord<byte[], byte[]> record, String region, DeadLetterReason reason, String why) {
    return CatalogRecord.rejected(
        region,
        new DeadLetterRecord(
            reason,
            why,
            record.topic(),
            record.partition(),
            record.offset(),
            record.timestamp() < 0 ? SourceRecord.NO_TIMESTAMP : record.timestamp(),
            null,
            record.key(),
            record.value()));
  }

  @Override
  public TypeInformation<CatalogRecord> getProducedType() {
    return CatalogRecord.TYPE_INFO;
  }
}
