package org.asperity.job.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.StateMigrationException;
import org.asperity.features.FeatureConfig;
import org.asperity.features.RegionLayout;
import org.asperity.features.StationFeatureState;
import org.asperity.features.StationSnapshot;
import org.asperity.job.JobOptions;
import org.asperity.job.ingest.Observation;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestRegion;
import org.asperity.job.types.Micros;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StationFeaturesTest {
  private static final RegionLayout LAYOUT = TestRegion.layout(3, 3, 7);
  private static final FeatureConfig CONFIG = TestRegion.CONFIG;
  private static final FeatureSpec SPEC = new FeatureSpec(CONFIG, LAYOUT);
  private static final long DAY = SyntheticStream.DAY_MICROS;
  private static final long T0 = SyntheticStream.startMicros();
  private static final Duration RETIREMENT = Duration.ofDays(10);

  private static KeyedOneInputStreamOperatorTestHarness<String, Observation, SnapshotRecord>
      harness() throws Exception {
    return harness(JobOptions.DEFAULT_MAX_PENDING_SAMPLES);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Observation, SnapshotRecord>
      harness(int maxPendingSamples) throws Exception {
    return harness(maxPendingSamples, StationStateLayout.WHOLE, "hashmap");
  }

  /**
   * @param backend {@code hashmap} (the harness's heap backend) or {@code rocksdb}
   */
  private static KeyedOneInputStreamOperatorTestHarness<String, Observation, SnapshotRecord>
      harness(int maxPendingSamples, StationStateLayout layout, String backend) throws Exception {
    StationFeatures function =
        new StationFeatures(
            SPEC,
            Micros.of(RETIREMENT),
            maxPendingSamples,
            "gnss.observations",
            MetricsEndpoint.disabled(),
            layout);
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), Observation::stationKey, Types.STRING);
    if (backend.equals("rocksdb")) {
      harness.setStateBackend(new EmbeddedRocksDBStateBackend());
    }
    harness.setup(SnapshotRecord.TYPE_INFO.createSerializer(null));
    return harness;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, Observation, SnapshotRecord>
      harness(StationStateLayout layout, String backend) throws Exception {
    return harness(JobOptions.DEFAULT_MAX_PENDING_SAMPLES, layout, backend);
  }

  /** Keyed state entries of {@code stations} stations of fewer than 64 samples each. */
  private static int entries(int stations, StationStateLayout layout) {
    return layout == StationStateLayout.BLOCKS ? 2 * stations : stations;
  }

  private static Observation sample(String station, int day, long partitionWatermark) {
    double years = day / TimeUnits.DAYS_PER_YEAR;
    double wobble = ((day * 7919) % 13) / 13.0 - 0.5;
    return new Observation(
        "net-a",
        station,
        T0 + day * DAY,
        0.03 * years + 0.002 * wobble,
        0.004 * years,
        -0.001 * years + 0.004 * wobble,
        0.002,
        0.002,
        0.005,
        1_000L + day,
        partitionWatermark,
        0,
        day,
        null,
        new byte[] {1});
  }

  private static List<StationSnapshot> snapshots(
      KeyedOneInputStreamOperatorTestHarness<?, ?, SnapshotRecord> h) {
    List<StationSnapshot> out = new ArrayList<>();
    for (SnapshotRecord r : h.extractOutputValues()) {
      out.add(r.snapshot());
    }
    return out;
  }

  /** What the feature library gives for the same samples fed in epoch order. */
  private static List<StationSnapshot> direct(String station, int days) {
    StationFeatureState state = LAYOUT.newStationState(station, CONFIG);
    List<StationSnapshot> out = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      Observation o = sample(station, d, Long.MIN_VALUE);
      state.update(
          o.epochMicros(),
          o.eastMeters(),
          o.northMeters(),
          o.upMeters(),
          o.sigmaEastMeters(),
          o.sigmaNorthMeters(),
          o.sigmaUpMeters());
      out.add(state.snapshot(CONFIG.tickOf(o.epochMicros())));
    }
    return out;
  }

  @Test
  void refusesSamplesBeyondThePendingCapUntilTheWatermarkDrainsThem() throws Exception {
    try (var h = harness(3)) {
      h.open();
      for (int d = 0; d < 5; d++) {
        h.processElement(sample("C001", d, Long.MIN_VALUE), T0 + d * DAY);
      }
      h.processElement(sample("C002", 0, Long.MIN_VALUE), T0);
      var refused = h.getSideOutput(StationFeatures.REFUSED);
      assertEquals(2, refused.size());
      for (var r : refused) {
        assertEquals(DeadLetterReason.OTHER, r.getValue().reason());
        assertTrue(r.getValue().detail().contains("--max-pending-samples"), r.getValue().detail());
        assertEquals("net-a/C001", r.getValue().station());
      }
      assertEquals(
          List.of(3L, 4L), refused.stream().map(r -> r.getValue().sourceOffset()).toList());
      h.processWatermark(T0 + 2 * DAY);
      h.processElement(sample("C001", 5, Long.MIN_VALUE), T0 + 5 * DAY);
      assertEquals(2, h.getSideOutput(StationFeatures.REFUSED).size(), "room again");
    }
  }

  @Test
  void feedsOutOfOrderSamplesInEpochOrderAndEmitsTheLibrarysSnapshots() throws Exception {
    try (var h = harness()) {
      h.open();
      for (int d = 0; d < 40; d += 2) {
        h.processElement(sample("C001", d + 1, Long.MIN_VALUE), T0 + (d + 1) * DAY);
        h.processElement(sample("C001", d, Long.MIN_VALUE), T0 + d * DAY);
        h.processWatermark(T0 + (d + 1) * DAY);
      }
      List<StationSnapshot> expected = direct("C001", 40);
      assertEquals(expected, snapshots(h));
      for (SnapshotRecord r : h.extractOutputValues()) {
        assertEquals("net-a", r.region());
        assertEquals(
            1_000L + (r.snapshot().tickMicros() - T0) / DAY, r.newestKafkaTimestampMillis());
      }
    }
  }

  @Test
  void aWatermarkThatJumpsManyTicksEmitsEverySnapshotInTickOrder() throws Exception {
    try (var h = harness()) {
      h.open();
      for (int d = 0; d < 12; d++) {
        h.processElement(sample("C001", d, Long.MIN_VALUE), T0 + d * DAY);
      }
      assertEquals(
          1,
          h.numEventTimeTimers() - 1,
          "one tick timer (and the retirement timer) for twelve ticks");
      h.processWatermark(T0 + 8 * DAY);
      assertEquals(direct("C001", 9), snapshots(h));
      h.processWatermark(T0 + 30 * DAY);
      assertEquals(direct("C001", 12), snapshots(h));
    }
  }

  @Test
  void dropsDuplicatesOfPendingAndLastIngestedSamples() throws Exception {
    double before = JobMetrics.peek().count("asperity.observations.duplicate");
    try (var h = harness()) {
      h.open();
      h.processElement(sample("C001", 0, Long.MIN_VALUE), T0);
      h.processElement(sample("C001", 0, Long.MIN_VALUE), T0);
      h.processWatermark(T0);
      h.processElement(sample("C001", 0, Long.MIN_VALUE), T0);
      h.processElement(sample("C001", 1, Long.MIN_VALUE), T0 + DAY);
      h.processWatermark(T0 + DAY);
      assertEquals(direct("C001", 2), snapshots(h));
      assertTrue(
          h.getSideOutput(StationFeatures.LATE) == null
              || h.getSideOutput(StationFeatures.LATE).isEmpty());
    }
    assertEquals(2, JobMetrics.peek().count("asperity.observations.duplicate") - before);
  }

  @Test
  void recordsBehindTheirPartitionWatermarkOrAClosedTickAreLate() throws Exception {
    try (var h = harness()) {
      h.open();
      h.processElement(sample("C001", 0, Long.MIN_VALUE), T0);
      h.processElement(sample("C001", 5, Long.MIN_VALUE), T0 + 5 * DAY);
      // Its partition had already passed day 3: late whatever the operator's own watermark.
      h.processElement(sample("C001", 3, T0 + 4 * DAY), T0 + 3 * DAY);
      h.processWatermark(T0 + 2 * DAY);
      // Not late by its partition, but day 1 is closed here (the partition had been idle).
      h.processElement(sample("C001", 1, Long.MIN_VALUE), T0 + DAY);
      h.processWatermark(T0 + 5 * DAY);
      List<Long> late = new ArrayList<>();
      for (StreamRecord<Observation> r : h.getSideOutput(StationFeatures.LATE)) {
        late.add((r.getValue().epochMicros() - T0) / DAY);
      }
      assertEquals(List.of(3L, 1L), late);
      assertEquals(
          List.of(T0, T0 + 5 * DAY),
          snapshots(h).stream().map(StationSnapshot::tickMicros).toList());
    }
  }

  @ParameterizedTest
  @EnumSource(StationStateLayout.class)
  void aRetiredStationLeavesNoStateOrTimersAndComesBackFresh(StationStateLayout layout)
      throws Exception {
    double retiredBefore = JobMetrics.peek().count("asperity.stations.retired");
    double createdBefore = JobMetrics.peek().count("asperity.stations.started");
    try (var h = harness(layout, "hashmap")) {
      h.open();
      for (int d = 0; d < 3; d++) {
        h.processElement(sample("C001", d, Long.MIN_VALUE), T0 + d * DAY);
        h.processElement(sample("I001", d, Long.MIN_VALUE), T0 + d * DAY);
        h.processWatermark(T0 + d * DAY);
      }
      h.processElement(sample("I001", 20, Long.MIN_VALUE), T0 + 20 * DAY);
      assertEquals(entries(2, layout), h.numKeyedStateEntries());
      // C001 fell silent after day 2: retired once the watermark passes day 12, its samples too.
      h.processWatermark(T0 + 12 * DAY);
      assertEquals(entries(1, layout), h.numKeyedStateEntries());
      h.processWatermark(T0 + 20 * DAY);
      h.processWatermark(T0 + 31 * DAY);
      assertEquals(0, h.numKeyedStateEntries());
      assertEquals(0, h.numEventTimeTimers());
      assertEquals(2, JobMetrics.peek().count("asperity.stations.retired") - retiredBefore);

      h.processElement(sample("C001", 40, Long.MIN_VALUE), T0 + 40 * DAY);
      h.processWatermark(T0 + 40 * DAY);
      StationSnapshot fresh = snapshots(h).get(snapshots(h).size() - 1);
      assertEquals(1, fresh.sampleCount());
      assertEquals(3, JobMetrics.peek().count("asperity.stations.started") - createdBefore);
    }
  }

  /**
   * Restored from a checkpoint with a sample waiting, in each layout, the block layout also on
   * RocksDB (where every read deserializes the head and loads the blocks): the snapshots are those
   * of an uninterrupted run in the whole layout, over more samples than one block holds.
   */
  @ParameterizedTest
  @CsvSource({"WHOLE, hashmap", "BLOCKS, hashmap", "BLOCKS, rocksdb"})
  void aRestoredOperatorContinuesBitIdentically(StationStateLayout layout, String backend)
      throws Exception {
    List<StationSnapshot> uninterrupted;
    try (var h = harness()) {
      h.open();
      feed(h, 0, 150);
      uninterrupted = snapshots(h);
    }
    List<StationSnapshot> restored = new ArrayList<>();
    OperatorSubtaskState checkpoint;
    try (var h = harness(layout, backend)) {
      h.open();
      feed(h, 0, 97);
      // A sample of day 97 waits in state across the checkpoint.
      h.processElement(sample("C002", 97, Long.MIN_VALUE), T0 + 97 * DAY);
      checkpoint = h.snapshot(1L, 1L);
      restored.addAll(snapshots(h));
    }
    try (var h = harness(layout, backend)) {
      h.initializeState(checkpoint);
      h.open();
      feed(h, 97, 150);
      restored.addAll(snapshots(h));
    }
    // The order of two stations' snapshots of one tick is the timer service's (RocksDB's differs).
    assertEquals(byTickAndStation(uninterrupted), byTickAndStation(restored));
  }

  private static List<StationSnapshot> byTickAndStation(List<StationSnapshot> snapshots) {
    return snapshots.stream()
        .sorted(
            Comparator.comparingLong(StationSnapshot::tickMicros)
                .thenComparing(StationSnapshot::stationCode))
        .toList();
  }

  /** A checkpoint of one layout is not read as the other: the restore fails, it does not guess. */
  @ParameterizedTest
  @EnumSource(StationStateLayout.class)
  void aCheckpointOfTheOtherLayoutIsRefused(StationStateLayout written) throws Exception {
    OperatorSubtaskState checkpoint;
    try (var h = harness(written, "hashmap")) {
      h.open();
      feed(h, 0, 5);
      checkpoint = h.snapshot(1L, 1L);
    }
    StationStateLayout other =
        written == StationStateLayout.WHOLE ? StationStateLayout.BLOCKS : StationStateLayout.WHOLE;
    try (var h = harness(other, "hashmap")) {
      h.initializeState(checkpoint);
      Exception e = assertThrows(Exception.class, h::open);
      assertTrue(
          causes(e).anyMatch(c -> c instanceof StateMigrationException),
          () -> causes(e).toList().toString());
    }
  }

  private static java.util.stream.Stream<Throwable> causes(Throwable e) {
    return java.util.stream.Stream.iterate(e, java.util.Objects::nonNull, Throwable::getCause);
  }

  private static void feed(
      KeyedOneInputStreamOperatorTestHarness<String, Observation, SnapshotRecord> h,
      int from,
      int to)
      throws Exception {
    for (int d = from; d < to; d++) {
      h.processElement(sample("C002", d, Long.MIN_VALUE), T0 + d * DAY);
      h.processElement(sample("I002", d, Long.MIN_VALUE), T0 + d * DAY);
      h.processWatermark(T0 + d * DAY);
    }
  }
}
