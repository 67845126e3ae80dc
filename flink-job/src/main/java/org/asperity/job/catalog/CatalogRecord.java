package org.asperity.job.catalog;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.types.SerializerTypeInfo;

/**
 * One record of the catalog topic as the job sees it: an earthquake of a region (origin time and
 * Mw), or, when the record could not be used, its dead letter.
 *
 * @param region the region (the job's network key); for a rejected record its Kafka key as text, or
 *     empty
 * @param onsetMicros origin time, µs since 1970 (0 when rejected)
 * @param momentMagnitude Mw (NaN when rejected)
 * @param eventId the catalog's event id (empty when rejected)
 * @param rejection null for a usable record
 */
public record CatalogRecord(
    String region,
    long onsetMicros,
    double momentMagnitude,
    String eventId,
    DeadLetterRecord rejection) {

  /** With its own serializer: no Kryo. */
  public static final TypeInformation<CatalogRecord> TYPE_INFO =
      SerializerTypeInfo.of(CatalogRecord.class, CatalogRecordSerializer::new);

  public CatalogRecord {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(eventId, "eventId");
  }

  public static CatalogRecord quake(
      String region, long onsetMicros, double momentMagnitude, String eventId) {
    return new CatalogRecord(region, onsetMicros, momentMagnitude, eventId, null);
  }

  public static CatalogRecord rejected(String region, DeadLetterRecord rejection) {
    return new CatalogRecord(
        region, 0, Double.NaN, "", Objects.requireNonNull(rejection, "rejection"));
  }

  public boolean isRejected() {
    return rejection != null;
  }
}
