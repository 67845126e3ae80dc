package org.asperity.job.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.asperity.features.interval.IntervalAccumulator;
import org.asperity.features.interval.IntervalPosition;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.ingest.Observation;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestRegion;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;

class IntervalAggregationTest {
  private static final FeatureSpec SPEC =
      new FeatureSpec(TestRegion.CONFIG, TestRegion.layout(3, 3, 7));
  private static final long DAY = SyntheticStream.DAY_MICROS;
  private static final long T0 = SyntheticStream.startMicros();
  private static final long MINUTE = 60_000_000L;

  private static KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> harness(
      int maxOpenIntervals) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new IntervalAggregation(
                    SPEC, maxOpenIntervals, "gnss.observations", MetricsEndpoint.disabled())),
            Observation::stationKey,
            Types.STRING);
    harness.setup(Observation.TYPE_INFO.createSerializer(null));
    return harness;
  }

  private static Observation sample(String station, long epoch, double east, long watermark) {
    return new Observation(
        "net-a",
        station,
        epoch,
        east,
        -east,
        2 * east,
        0.002,
        0.002,
        0.005,
        epoch / 1000,
        watermark,
        0,
        epoch,
        null,
        new byte[] {(byte) epoch});
  }

  private static void add(
      KeyedOneInputStreamOperatorTestHarness<String, Observation, Observation> h, Observation o)
      throws Exception {
    h.processElement(new StreamRecord<>(o, o.epochMicros()));
  }

  @Test
  void aDailySamplePassesAsTheSameObservationWhenTheWatermarkClosesItsDay() throws Exception {
    try (var h = harness(100)) {
      h.open();
      Observation daily = sample("C001", T0 + DAY, 0.1, Long.MIN_VALUE);
      add(h, daily);
      h.processWatermark(T0 + DAY - 1);
      assertTrue(h.extractOutputValues().isEmpty(), "its day is still open");
      h.processWatermark(T0 + DAY);
      List<Observation> out = h.extractOutputValues();
      assertEquals(1, out.size());
      assertSame(daily, out.get(0));
      assertEquals(0, h.numKeyedStateEntries(), "nothing kept once the day is closed");
    }
  }

  @Test
  void fiveMinuteSamplesBecomeOnePositionPerDayAtTheDaysTick() throws Exception {
    try (var h = harness(100)) {
      h.open();
      IntervalAccumulator expected = new IntervalAccumulator();
      for (int k = 1; k <= 288; k++) {
        long epoch = T0 + k * 5 * MINUTE;
        double east = k == 7 ? 3.0 : 0.01 * ((k * 37) % 11);
        add(h, sample("C001", epoch, east, Long.MIN_VALUE));
        expected.add(epoch, east, -east, 2 * east, 0.002, 0.002, 0.005);
      }
      // The next day's first sample stays open.
      add(h, sample("C001", T0 + DAY + 5 * MINUTE, 0, Long.MIN_VALUE));
      h.processWatermark(T0 + DAY);
      List<Observation> out = h.extractOutputValues();
      assertEquals(1, out.size());
      IntervalPosition p =
          expected.position(
              DAY,
              IntervalAccumulator.DEFAULT_DECORRELATION_MICROS,
              IntervalAccumulator.DEFAULT_MIN_COVERAGE);
      Observation o = out.get(0);
      assertEquals("net-a/C001", o.stationKey());
      assertEquals(p.epochMicros(), o.epochMicros());
      assertEquals(T0 + DAY / 2 + 5 * MINUTE / 2, o.epochMicros(), "the middle of the samples");
      assertEquals(p.eastMeters(), o.eastMeters());
      assertEquals(0.05, o.eastMeters(), "the median; the 3 m outlier left out");
      assertEquals(p.sigmaUpMeters(), o.sigmaUpMeters());
      assertEquals(TestRegion.CONFIG.tickOf(o.epochMicros()), T0 + DAY);
      assertEquals(Long.MIN_VALUE, o.partitionWatermarkMicros());
      assertEquals((T0 + DAY) / 1000, o.kafkaTimestampMillis(), "the newest sample's");
      GnssObservation raw = Codecs.GNSS_OBSERVATION.decode(o.rawValue());
      assertEquals(o.eastMeters(), raw.getEastMeters());
      assertEquals("C001", raw.getStation());
      assertEquals(2, h.numKeyedStateEntries(), "the next day's interval and the open ticks");
    }
  }

  @Test
  void lateDuplicateAndOverflowingSamplesEachEndSomewhere() throws Exception {
    double dupBefore =
        JobMetrics.peek().registry().get("asperity.observations.duplicate").counter().count();
    try (var h = harness(2)) {
      h.open();
      add(h, sample("C001", T0 + DAY, 0.1, Long.MIN_VALUE));
      add(h, sample("C001", T0 + DAY, 0.2, Long.MIN_VALUE));
      add(h, sample("C001", T0 + 2 * DAY, 0.1, Long.MIN_VALUE));
      add(h, sample("C001", T0 + 3 * DAY, 0.1, Long.MIN_VALUE));
      add(h, sample("C001", T0 + 3 * DAY + 1, 0.1, T0 + 3 * DAY + 1));
      h.processWatermark(T0 + DAY);
      add(h, sample("C001", T0 + DAY - 5, 0.1, Long.MIN_VALUE));

      List<DeadLetterRecord> refused =
          h.getSideOutput(IntervalAggregation.REFUSED).stream()
              .map(StreamRecord::getValue)
              .toList();
      assertEquals(1, refused.size(), "a third open interval");
      assertEquals(DeadLetterReason.OTHER, refused.get(0).reason());
      assertEquals(2, h.getSideOutput(IntervalAggregation.LATE).size(), "behind either watermark");
      assertEquals(
          1.0,
          JobMetrics.peek().registry().get("asperity.observations.duplicate").counter().count()
              - dupBefore);
      List<Observation> out = h.extractOutputValues();
      assertEquals(1, out.size());
      assertEquals(0.1, out.get(0).eastMeters(), "the first of the duplicates");
    }
  }

  @Test
  void aWatermarkJumpClosesEveryPassedIntervalInTickOrder() throws Exception {
    try (var h = harness(100)) {
      h.open();
      for (int day : new int[] {3, 1, 2, 5}) {
        add(h, sample("C002", T0 + day * DAY, day, Long.MIN_VALUE));
      }
      assertEquals(2, h.numEventTimeTimers(), "day 3's, and day 1's when it came first: not 4");
      h.processWatermark(T0 + 4 * DAY);
      assertEquals(
          List.of(1.0, 2.0, 3.0),
          h.extractOutputValues().stream().map(Observation::eastMeters).toList());
      assertEquals(1, h.numEventTimeTimers(), "then one at day 5");
      h.processWatermark(T0 + 5 * DAY);
      assertEquals(4, h.extractOutputValues().size());
      assertEquals(0, h.numKeyedStateEntries());
    }
  }

  @Test
  void openIntervalsSurviveASnapshotAndRestore() throws Exception {
    OperatorSubtaskState snapshot;
    Observation last;
    try (var h = harness(100)) {
      h.open();
      for (int k = 1; k <= 150; k++) {
        add(h, sample("I001", T0 + k * MINUTE, 0.001 * k, Long.MIN_VALUE));
      }
      snapshot = h.snapshot(1, 1);
      for (int k = 151; k <= 300; k++) {
        add(h, sample("I001", T0 + k * MINUTE, 0.001 * k, Long.MIN_VALUE));
      }
      h.processWatermark(T0 + DAY);
      last = h.extractOutputValues().get(0);
    }
    try (var h = harness(100)) {
      h.initializeState(snapshot);
      h.open();
      for (int k = 151; k <= 300; k++) {
        add(h, sample("I001", T0 + k * MINUTE, 0.001 * k, Long.MIN_VALUE));
      }
      h.processWatermark(T0 + DAY);
      Observation restored = h.extractOutputValues().get(0);
      assertEquals(last.epochMicros(), restored.epochMicros());
      assertEquals(last.eastMeters(), restored.eastMeters());
      assertEquals(last.sigmaEastMeters(), restored.sigmaEastMeters());
      assertArrayEquals(last.rawValue(), restored.rawValue());
    }
  }
}
