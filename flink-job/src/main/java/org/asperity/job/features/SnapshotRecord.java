package org.asperity.job.features;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.features.StationSnapshot;
import org.asperity.job.types.SerializerTypeInfo;

/**
 * One station's contribution to its region (network) at one tick, on its way to the region
 * assembly: the snapshot and the newest Kafka timestamp among the samples of that tick (for the
 * end-to-end latency metric). Immutable.
 */
public final class SnapshotRecord {
  /** With its own serializer: no Kryo. */
  public static final TypeInformation<SnapshotRecord> TYPE_INFO =
      SerializerTypeInfo.of(SnapshotRecord.class, SnapshotSerializer::new);

  private final String region;
  private final StationSnapshot snapshot;
  private final long newestKafkaTimestampMillis;

  public SnapshotRecord(String region, StationSnapshot snapshot, long newestKafkaTimestampMillis) {
    this.region = Objects.requireNonNull(region, "region");
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.newestKafkaTimestampMillis = newestKafkaTimestampMillis;
  }

  public String region() {
    return region;
  }

  public StationSnapshot snapshot() {
    return snapshot;
  }

  /**
   * Largest Kafka timestamp of the tick's samples, ms since 1970, or {@code Long.MIN_VALUE} if none
   * had one.
   */
  public long newestKafkaTimestampMillis() {
    return newestKafkaTimestampMillis;
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
