package org.asperity.job.features;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.asperity.features.FeatureConfig;
import org.asperity.features.StationFeatureState;
import org.asperity.job.ingest.Observation;

/**
 * Keyed state of one station: its {@link StationFeatureState} (the rolling features, O(1) per
 * sample), the samples waiting for the watermark to pass their tick (sorted by epoch: out-of-order
 * arrivals are fed in order), and the bookkeeping that decides duplicates, lateness and retirement.
 * Mutable; one instance per station key, serialized by {@link StationStateSerializer}.
 */
public final class StationState {
  static final byte FORMAT_VERSION = 1;
  private static final int VALUES = 6;

  private final StationFeatureState features;

  /** The newest tick whose snapshot was emitted (or would have been: the tick is closed). */
  long lastEmittedTickMicros = Long.MIN_VALUE;

  long lastIngestedEpochMicros = Long.MIN_VALUE;

  /** The newest epoch accepted into the buffer: the start of the retirement silence. */
  long lastSeenEpochMicros = Long.MIN_VALUE;

  /** When the pending retirement check fires, or {@code Long.MIN_VALUE} if none is registered. */
  long retirementTimerMicros = Long.MIN_VALUE;

  /**
   * The earliest tick timer registered for the pending samples, or {@code Long.MIN_VALUE} if none.
   */
  long tickTimerMicros = Long.MIN_VALUE;

  private int pending;
  private long[] epochs = new long[2];
  private long[] ticks = new long[2];
  private double[] values = new double[2 * VALUES];
  private long[] kafkaTimestamps = new long[2];
  private int[] partitions = new int[2];
  private long[] offsets = new long[2];

  /** The state of a station whose features are {@code features}, with nothing pending. */
  public StationState(StationFeatureState features) {
    this.features = Objects.requireNonNull(features, "features");
  }

  public StationFeatureState features() {
    return features;
  }

  public int pendingCount() {
    return pending;
  }

  boolean hasPendingEpoch(long epochMicros) {
    return Arrays.binarySearch(epochs, 0, pending, epochMicros) >= 0;
  }

  /**
   * Buffers a sample of tick {@code tickMicros} in epoch order; the epoch must not be pending
   * already.
   */
  void addPending(Observation o, long tickMicros) {
    if (pending == epochs.length) {
      int capacity = 2 * pending;
      epochs = Arrays.copyOf(epochs, capacity);
      ticks = Arrays.copyOf(ticks, capacity);
      values = Arrays.copyOf(values, capacity * VALUES);
      kafkaTimestamps = Arrays.copyOf(kafkaTimestamps, capacity);
      partitions = Arrays.copyOf(partitions, capacity);
      offsets = Arrays.copyOf(offsets, capacity);
    }
    int at = pending;
    while (at > 0 && epochs[at - 1] > o.epochMicros()) {
      at--;
    }
    if (at < pending) {
      System.arraycopy(epochs, at, epochs, at + 1, pending - at);
      System.arraycopy(ticks, at, ticks, at + 1, pending - at);
      System.arraycopy(values, at * VALUES, values, (at + 1) * VALUES, (pending - at) * VALUES);
      System.arraycopy(kafkaTimestamps, at, kafkaTimestamps, at + 1, pending - at);
      System.arraycopy(partitions, at, partitions, at + 1, pending - at);
      System.arraycopy(offsets, at, offsets, at + 1, pending - at);
    }
    epochs[at] = o.epochMicros();
    ticks[at] = tickMicros;
    int v = at * VALUES;
    values[v] = o.eastMeters();
    values[v + 1] = o.northMeters();
    values[v + 2] = o.upMeters();
    values[v + 3] = o.sigmaEastMeters();
    values[v + 4] = o.sigmaNorthMeters();
    values[v + 5] = o.sigmaUpMeters();
    kafkaTimestamps[at] = o.kafkaTimestampMillis();
    partitions[at] = o.partition();
    offsets[at] = o.offset();
    pending++;
  }

  long pendingEpoch(int i) {
    return epochs[i];
  }

  long pendingTick(int i) {
    return ticks[i];
  }

  double pendingValue(int i, int component) {
    return values[i * VALUES + component];
  }

  long pendingKafkaTimestamp(int i) {
    return kafkaTimestamps[i];
  }

  int pendingPartition(int i) {
    return partitions[i];
  }

  long pendingOffset(int i) {
    return offsets[i];
  }

  /** Drops the first {@code n} pending samples (they were ingested). */
  void removeFirstPending(int n) {
    int rest = pending - n;
    System.arraycopy(epochs, n, epochs, 0, rest);
    System.arraycopy(ticks, n, ticks, 0, rest);
    System.arraycopy(values, n * VALUES, values, 0, rest * VALUES);
    System.arraycopy(kafkaTimestamps, n, kafkaTimestamps, 0, rest);
    System.arraycopy(partitions, n, partitions, 0, rest);
    System.arraycopy(offsets, n, offsets, 0, rest);
    pending = rest;
  }

  /**
   * @param layout {@link StationStateLayout#BLOCKS}: the features' head only (their samples are
   *     stored apart)
   */
  void writeTo(DataOutput out, StationStateLayout layout) throws IOException {
    out.writeByte(FORMAT_VERSION);
    if (layout == StationStateLayout.BLOCKS) {
      features.writeHeadTo(out);
    } else {
      features.writeTo(out);
    }
    out.writeLong(lastEmittedTickMicros);
    out.writeLong(lastIngestedEpochMicros);
    out.writeLong(lastSeenEpochMicros);
    out.writeLong(retirementTimerMicros);
    out.writeLong(tickTimerMicros);
    out.writeInt(pending);
    for (int i = 0; i < pending; i++) {
      out.writeLong(epochs[i]);
      out.writeLong(ticks[i]);
      for (int c = 0; c < VALUES; c++) {
        out.writeDouble(values[i * VALUES + c]);
      }
      out.writeLong(kafkaTimestamps[i]);
      out.writeInt(partitions[i]);
      out.writeLong(offsets[i]);
    }
  }

  /**
   * @param layout {@link StationStateLayout#BLOCKS}: the features' samples are then not loaded
   */
  static StationState readFrom(DataInput in, FeatureConfig config, StationStateLayout layout)
      throws IOException {
    byte version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IOException("unsupported station state format version " + version);
    }
    StationState s =
        new StationState(
            layout == StationStateLayout.BLOCKS
                ? StationFeatureState.readHeadFrom(in, config)
                : StationFeatureState.readFrom(in, config));
    s.lastEmittedTickMicros = in.readLong();
    s.lastIngestedEpochMicros = in.readLong();
    s.lastSeenEpochMicros = in.readLong();
    s.retirementTimerMicros = in.readLong();
    s.tickTimerMicros = in.readLong();
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt station state: " + n + " pending samples");
    }
    int capacity = Math.max(2, n);
    s.epochs = new long[capacity];
    s.ticks = new long[capacity];
    s.values = new double[capacity * VALUES];
    s.kafkaTimestamps = new long[capacity];
    s.partitions = new int[capacity];
    s.offsets = new long[capacity];
    for (int i = 0; i < n; i++) {
      s.epochs[i] = in.readLong();
      s.ticks[i] = in.readLong();
      for (int c = 0; c < VALUES; c++) {
        s.values[i * VALUES + c] = in.readDouble();
      }
      s.kafkaTimestamps[i] = in.readLong();
      s.partitions[i] = in.readInt();
      s.offsets[i] = in.readLong();
    }
    s.pending = n;
    return s;
  }
}
