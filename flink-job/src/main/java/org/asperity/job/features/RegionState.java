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
 * Keyed state of one region (network): its {@link RegionFeatureState} (slip-deficit inversion,
 * events, releases) and, per tick being assembled, the newest Kafka timestamp among its samples.
 * Mutable; serialized by {@link RegionStateSerializer}. Snapshots of ticks the watermark has not
 * passed wait outside it (see {@link RegionAssembly}), so it is read and written once per tick.
 */
public final class RegionState {
  /** 2: the timer moved out of the region state (version 1 states are not readable). */
  static final byte FORMAT_VERSION = 2;

  private final RegionFeatureState features;
  private final TreeMap<Long, Long> newestKafkaTimestampByTick = new TreeMap<>();

  RegionState(RegionFeatureState features) {
    this.features = Objects.requireNonNull(features, "features");
  }

  public RegionFeatureState features() {
    return features;
  }

  /** Records a snapshot's tick and its newest Kafka timestamp. */
  void notePending(long tickMicros, long kafkaTimestampMillis) {
    newestKafkaTimestampByTick.merge(tickMicros, kafkaTimestampMillis, Math::max);
  }

  /** The earliest pending tick, or {@code Long.MIN_VALUE} if none. */
  long firstPendingTick() {
    return newestKafkaTimestampByTick.isEmpty()
        ? Long.MIN_VALUE
        : newestKafkaTimestampByTick.firstKey();
  }

  /** Removes the earliest pending tick; its newest Kafka timestamp. */
  long takeFirstPending() {
    return newestKafkaTimestampByTick.pollFirstEntry().getValue();
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

  static RegionState readFrom(DataInput in, RegionLayout layout, FeatureConfig config)
      throws IOException {
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
