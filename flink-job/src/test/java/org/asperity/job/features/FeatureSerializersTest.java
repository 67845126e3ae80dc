package org.asperity.job.features;

import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.asperity.features.FeatureConfig;
import org.asperity.features.RegionFeatureState;
import org.asperity.features.RegionLayout;
import org.asperity.features.StationFeatureState;
import org.asperity.features.StationSnapshot;
import org.asperity.job.ingest.Observation;
import org.asperity.job.testing.JobSerializerTestBase;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestRegion;
import org.junit.jupiter.api.Nested;

/**
 * The feature records' and states' serializers keep every field, and their snapshots restore them.
 */
class FeatureSerializersTest {
  private static final RegionLayout LAYOUT = TestRegion.layout(3, 3, 7);
  private static final FeatureConfig CONFIG = TestRegion.CONFIG;
  private static final FeatureSpec SPEC = new FeatureSpec(CONFIG, LAYOUT);
  private static final long DAY = SyntheticStream.DAY_MICROS;
  private static final long T0 = SyntheticStream.startMicros();

  private static String station(int i) {
    return LAYOUT.stations().get(i).code();
  }

  /** A station's features after {@code days} daily samples. */
  private static StationFeatureState stationFeatures(int days) {
    StationFeatureState s = LAYOUT.newStationState(station(0), CONFIG);
    for (int d = 0; d < days; d++) {
      s.update(T0 + d * DAY, 0.001 * d, -0.0005 * d, 0.0001 * d, 0.002, 0.002, 0.005);
    }
    return s;
  }

  private static Observation sample(int day) {
    return new Observation(
        "net-a",
        station(0),
        T0 + day * DAY,
        0.001,
        0.002,
        0.003,
        0.002,
        0.002,
        0.005,
        1_700_000_000_000L + day,
        T0,
        1,
        day,
        null,
        new byte[] {(byte) day});
  }

  @Nested
  class Snapshots extends JobSerializerTestBase<SnapshotRecord> {
    @Override
    protected TypeSerializer<SnapshotRecord> createSerializer() {
      return new SnapshotSerializer();
    }

    @Override
    protected Class<SnapshotRecord> getTypeClass() {
      return SnapshotRecord.class;
    }

    @Override
    protected SnapshotRecord[] getTestData() {
      StationSnapshot snapshot = stationFeatures(30).snapshot(T0 + 29 * DAY);
      return new SnapshotRecord[] {
        new SnapshotRecord("net-a", snapshot, 1_700_000_000_000L),
        new SnapshotRecord("", stationFeatures(1).snapshot(T0), Long.MIN_VALUE)
      };
    }

    /** A station snapshot has no equals: compared by its binary form. */
    @Override
    protected boolean hasOwnEquality(Object value) {
      return value instanceof StationSnapshot;
    }

    @Override
    protected boolean sameValue(Object a, Object b) {
      return b instanceof StationSnapshot other
          && Arrays.equals(bytesOf((StationSnapshot) a), bytesOf(other));
    }
  }

  @Nested
  class Features extends JobSerializerTestBase<RegionFeatures> {
    @Override
    protected TypeSerializer<RegionFeatures> createSerializer() {
      return new RegionFeaturesSerializer();
    }

    @Override
    protected Class<RegionFeatures> getTypeClass() {
      return RegionFeatures.class;
    }

    @Override
    protected RegionFeatures[] getTestData() {
      return new RegionFeatures[] {
        new RegionFeatures(
            "net-a",
            T0,
            new double[] {1.5, -0.0, Double.NaN, 1e300},
            5,
            6,
            List.of("st03"),
            1_700_000_000_000L),
        new RegionFeatures("net-b", -1, new double[0], 0, 0, List.of(), Long.MIN_VALUE)
      };
    }
  }

  /** Station states in one layout: the serializer contract for each. */
  abstract class StationStatesIn extends JobSerializerTestBase<StationState> {
    private final StationStateLayout layout;

    StationStatesIn(StationStateLayout layout) {
      this.layout = layout;
    }

    @Override
    protected TypeSerializer<StationState> createSerializer() {
      return new StationStateSerializer(SPEC.configCanonical(), layout);
    }

    @Override
    protected Class<StationState> getTypeClass() {
      return StationState.class;
    }

    @Override
    protected StationState[] getTestData() {
      return stationStates();
    }
  }

  @Nested
  class StationStates extends StationStatesIn {
    StationStates() {
      super(StationStateLayout.WHOLE);
    }
  }

  /** The head of the block layout: the same contract, without the samples. */
  @Nested
  class StationStateHeads extends StationStatesIn {
    StationStateHeads() {
      super(StationStateLayout.BLOCKS);
    }
  }

  private static StationState[] stationStates() {
    StationState fresh = new StationState(LAYOUT.newStationState(station(1), CONFIG));
    StationState busy = new StationState(stationFeatures(40));
    busy.addPending(sample(41), T0 + 41 * DAY);
    busy.addPending(sample(42), T0 + 42 * DAY);
    busy.addPending(sample(43), T0 + 43 * DAY);
    busy.lastEmittedTickMicros = T0 + 40 * DAY;
    busy.lastSeenEpochMicros = T0 + 43 * DAY;
    busy.retirementTimerMicros = T0 + 400 * DAY;
    busy.tickTimerMicros = T0 + 41 * DAY;
    return new StationState[] {fresh, busy};
  }

  @Nested
  class RegionStates extends JobSerializerTestBase<RegionState> {
    @Override
    protected TypeSerializer<RegionState> createSerializer() {
      return new RegionStateSerializer(SPEC);
    }

    @Override
    protected Class<RegionState> getTypeClass() {
      return RegionState.class;
    }

    @Override
    protected RegionState[] getTestData() {
      RegionState fresh = new RegionState(new RegionFeatureState(LAYOUT, CONFIG));
      RegionFeatureState features = new RegionFeatureState(LAYOUT, CONFIG);
      features.offer(stationFeatures(30).snapshot(T0 + 29 * DAY));
      RegionState busy = new RegionState(features);
      busy.notePending(T0 + 29 * DAY, 1_700_000_000_000L);
      busy.notePending(T0 + 30 * DAY, Long.MIN_VALUE);
      return new RegionState[] {fresh, busy};
    }
  }

  private static byte[] bytesOf(StationSnapshot snapshot) {
    try {
      var out = new org.apache.flink.core.memory.DataOutputSerializer(256);
      snapshot.writeTo(out);
      return out.getCopyOfBuffer();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
