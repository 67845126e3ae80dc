package org.asperity.job.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.asperity.features.FeatureConfig;
import org.asperity.features.RegionFeatureState;
import org.asperity.features.RegionLayout;

/**
 * Keyed state of one region (network): its {@link RegionFeatureState} (buffered snapshots per tick,
 * slip-deficit inversion, events, releases) and, per tick waiting for the watermark, the newest
 * Kafka timestamp among its samples. Mutable; serialized by {@link RegionStateSerializer}.
 */
public final class RegionState {
  static final byte FORMAT_VERSION = 1;

  private final RegionFeatureState features;
  private final TreeMap<Long, Long> newestKafkaTimestampByTick = new TreeMap<>();

  RegionState(RegionFeatureState features) {
    this.features = Objects.requireNonNull(features, "features");
  }

  public RegionFeatureState features() {
    return features;
  }

  /** Records a snapshot's tick; true when the tick was not pending yet (a timer is needed). */
  boolean notePending(long tickMicros, long kafkaTimestampMillis) {
    Long previous = newestKafkaTimestampByTick.get(tickMicros);
    newestKafkaTimestampByTick.put(tickMicros, previous == null ? kafkaTimestampMillis
        : Math.max(previous, kafkaTimestampMillis));
    return previous == null;
  }

  /** Removes a pending tick; its newest Kafka timestamp, or null if it was not pending. */
  Long takePending(long tickMicros) {
    return newestKafkaTimestampByTick.remove(tickMicros);
  }

  public int pendingTicks() {
    return newestKafkaTimestampByTick.size();
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT_VERSION);
    features.writeTo(out);
    out.writeInt(newestKafkaTimestampByTick.size());
    for (Map.Entry<Long, Long> e : newestKafkaTimestampByTick.entrySet()) {
      out.writeLong(e.getKey());
      out.writeLong(e.getValue());
    }
  }

  static RegionState readFrom(DataInput in, RegionLayout layout, FeatureConfig config) throws IOException {
    byte version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IOException("unsupported region state format version " + version);
    }
    RegionState s = new RegionState(RegionFeatureState.readFrom(in, layout, config));
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      s.newestKafkaTimestampByTick.put(in.readLong(), in.readLong());
    }
    return s;
  }
}
