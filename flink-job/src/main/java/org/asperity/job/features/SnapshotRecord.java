package org.asperity.job.features;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.features.StationSnapshot;
import org.asperity.job.types.SerializerTypeInfo;

/**
 * One station's contribution to its region (network) at one tick, on its way to the region
 * assembly: the snapshot and the newest Kafka timestamp among the samples of that tick (for the
 * end-to-end latency metric).
 *
 * @param newestKafkaTimestampMillis largest Kafka timestamp of the tick's samples, ms since 1970,
 *     or {@code Long.MIN_VALUE} if none had one
 */
public record SnapshotRecord(
    String region, StationSnapshot snapshot, long newestKafkaTimestampMillis) {

  /** With its own serializer: no Kryo. */
  public static final TypeInformation<SnapshotRecord> TYPE_INFO =
      SerializerTypeInfo.of(SnapshotRecord.class, SnapshotSerializer::new);

  public SnapshotRecord {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(snapshot, "snapshot");
  }

  @Override
  public String toString() {
    return "SnapshotRecord["
        + region
        + "/"
        + snapshot.stationCode()
        + " @"
        + snapshot.tickMicros()
        + "]";
  }
}
