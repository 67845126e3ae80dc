package org.asperity.features;

import static org.asperity.time.TimeUnits.DAYS_PER_YEAR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegionFeatureStateTest {
  private static final long DAY = TimeUnits.MICROS_PER_DAY;
  private static final long START = SyntheticRegion.START;
  private static final FeatureConfig CONFIG = FeatureConfig.builder().windows(10, 60, 400).build();
  private static final double[] RATES = {0.05, 0.04, 0.06, 0.01};

  /** Event 1: asperity A1 alone (partial rupture). Event 2: A2 and A3 together. */
  private static final List<SyntheticRegion.Event> EVENTS =
      List.of(
          new SyntheticRegion.Event(START + 500 * DAY + DAY / 4, new double[] {3.0, 0, 0}),
          new SyntheticRegion.Event(START + 1100 * DAY + DAY / 5, new double[] {0, 2.5, 3.0}));

  private static SyntheticRegion region;
  private static SyntheticRegion.Record complete;
  private static SyntheticRegion.Record gappy;
  private static List<FeatureVector> completeVectors;
  private static List<FeatureVector> gappyVectors;

  @BeforeAll
  static void simulate() {
    region = SyntheticRegion.create(12, 16, 3, 7);
    complete = region.simulate(1500, RATES, EVENTS, 1, 0.0);
    gappy = region.simulate(1500, RATES, EVENTS, 2, 0.15);
    completeVectors = run(complete);
    gappyVectors = run(gappy);
  }

  private static List<FeatureVector> run(SyntheticRegion.Record r) {
    return RegionFeaturePipeline.run(
        region.layout,
        CONFIG,
        r.epochs(),
        r.east(),
        r.north(),
        r.up(),
        r.sigmaEast(),
        r.sigmaNorth(),
        r.sigmaUp(),
        r.present());
  }

  private static double feature(FeatureVector v, String name) {
    int i = new FeatureSchema(CONFIG, region.layout.asperityIds()).indexOf(name);
    assertTrue(i >= 0, "no feature " + name);
    return v.value(i);
  }

  private static FeatureVector at(List<FeatureVector> vectors, long tick) {
    for (FeatureVector v : vectors) {
      if (v.tickMicros() == tick) {
        return v;
      }
    }
    throw new AssertionError("no vector at tick " + tick);
  }

  /** Tick of the sample of day {@code d} (samples at noon). */
  private static long tickOfDay(int d) {
    return START + (d + 1) * DAY;
  }

  @Test
  void detectsEventsAndTracksReleasesPerAsperity() {
    // Before the first event nothing is known about releases.
    FeatureVector before = at(completeVectors, tickOfDay(499));
    assertTrue(Double.isNaN(feature(before, "network.timeSinceLastEvent.days")));
    assertTrue(Double.isNaN(feature(before, "asperity.A1.deficitSinceRelease.m")));
    // Offsets start with the day-500 sample and are confirmed by the day-501 sample.
    FeatureVector onset = at(completeVectors, tickOfDay(500));
    assertTrue(Double.isNaN(feature(onset, "network.timeSinceLastEvent.days")));
    FeatureVector confirmed = at(completeVectors, tickOfDay(501));
    assertEquals(1.5, feature(confirmed, "network.timeSinceLastEvent.days"), 1e-12);
    assertEquals(1.5, feature(confirmed, "asperity.A1.timeSinceRelease.days"), 1e-12);
    assertEquals(0.0, feature(confirmed, "asperity.A1.deficitSinceRelease.m"), 1e-12);
    assertTrue(
        Double.isNaN(feature(confirmed, "asperity.A2.timeSinceRelease.days")), "A2 did not slip");
    assertEquals(3.0, feature(confirmed, "asperity.A1.lastReleaseSlip.m"), 0.15);
    assertEquals(1.0, feature(confirmed, "network.lastEventAsperities.count"));
    assertTrue(feature(confirmed, "network.lastEventStations.count") >= 10);
    assertTrue(Double.isNaN(feature(confirmed, "network.lastEventInterval.days")));

    FeatureVector second = at(completeVectors, tickOfDay(1101));
    assertEquals(1.5, feature(second, "network.timeSinceLastEvent.days"), 1e-12);
    assertEquals(600.0, feature(second, "network.lastEventInterval.days"), 1e-12);
    assertEquals(2.0, feature(second, "network.lastEventAsperities.count"));
    assertEquals(2.5, feature(second, "asperity.A2.lastReleaseSlip.m"), 0.15);
    assertEquals(3.0, feature(second, "asperity.A3.lastReleaseSlip.m"), 0.15);
    // Mw proxy: 2/3 (log10(3e10 Pa * (3000 km2 * 2.5 m + 4000 km2 * 3.0 m) * 1e6) - 9.1) = 7.78.
    assertEquals(
        2.0 / 3.0 * (Math.log10(3e10 * (3000 * 2.5 + 4000 * 3.0) * 1e6) - 9.1),
        feature(second, "network.lastEventMwProxy"),
        0.03);
    // A1 saw A2 and A3 slip after its own release; A2 and A3 start afresh.
    assertEquals(2.5, feature(second, "asperity.A1.slipOn.A2.sinceRelease.m"), 0.15);
    assertEquals(3.0, feature(second, "asperity.A1.slipOn.A3.sinceRelease.m"), 0.15);
    assertEquals(0.0, feature(second, "asperity.A2.slipOn.A1.sinceRelease.m"));
    assertEquals(0.0, feature(second, "asperity.A3.slipOn.A2.sinceRelease.m"));
    assertEquals(1.5, feature(second, "asperity.A1.timeSinceRelease.days") - 600, 1e-12);

    // At the end: deficit since release recovers the true accumulated deficit (14, 4 and 7 cm).
    // Tolerance 1.5 cm: each event leaves a permanent error from the two-sample step estimates of
    // the ~16 detecting stations (~0.8 sigma per component), about 1 cm of deficit here; small
    // against the metres a real cycle accumulates.
    FeatureVector last = completeVectors.get(completeVectors.size() - 1);
    assertEquals(tickOfDay(1499), last.tickMicros());
    double[][] truth = complete.trueDeficit();
    assertEquals(
        truth[1499][0] - truth[501][0], feature(last, "asperity.A1.deficitSinceRelease.m"), 0.015);
    assertEquals(
        truth[1499][1] - truth[1101][1], feature(last, "asperity.A2.deficitSinceRelease.m"), 0.015);
    assertEquals(
        truth[1499][2] - truth[1101][2], feature(last, "asperity.A3.deficitSinceRelease.m"), 0.015);
    assertEquals(0.05, feature(last, "asperity.A1.deficitRate.t400.mPerYr"), 0.005);
    assertEquals(0.06, feature(last, "asperity.A3.deficitRate.t400.mPerYr"), 0.005);
    assertEquals(0.01, feature(last, "matrix.deficitRate.t400.mPerYr"), 0.005);
    // Steady loading: the coastal stations' trench-normal rates agree between windows.
    assertEquals(
        0.0, feature(last, "coast.rateChangeTrenchNormal.w10MinusW400.median.mmPerYr"), 5.0);
    assertTrue(
        feature(last, "coast.w400.rateTrenchNormal.median.mmPerYr") > 1.0, "coast moves landward");
    assertEquals(28.0, feature(last, "quality.stationsUsed.count"));
    assertEquals(0.0, feature(last, "quality.imputed.fraction"));
    assertEquals(1.0, feature(last, "quality.w400.windowFill.mean.fraction"));
  }

  /**
   * 150 years of daily samples (5 % of station-days missing) with four events, one a fortnight
   * after the first origin move: every station's windows and the region's deficit series move their
   * origin after 2^31 s (about day 24,855) without an exception, the features still recover the
   * truth at the end, and the streaming emulation, checkpointed and restored after every day around
   * the move (and at random days), equals the offline pipeline bit for bit.
   */
  @Test
  void aCenturiesLongRecordMovesItsOriginAndStreamsBitIdentically() {
    int days = (int) (150 * DAYS_PER_YEAR);
    int[] eventDays = {40 * 365, 24_870, 110 * 365, 140 * 365};
    List<SyntheticRegion.Event> events =
        List.of(
            new SyntheticRegion.Event(
                START + eventDays[0] * DAY + DAY / 4, new double[] {2.0, 0, 0}),
            new SyntheticRegion.Event(
                START + eventDays[1] * DAY + DAY / 4, new double[] {0, 2.5, 4.0}),
            new SyntheticRegion.Event(
                START + eventDays[2] * DAY + DAY / 4, new double[] {3.5, 0, 0}),
            new SyntheticRegion.Event(
                START + eventDays[3] * DAY + DAY / 4, new double[] {0, 3.0, 4.5}));
    SyntheticRegion.Record record = region.simulate(days, RATES, events, 5, 0.05);
    List<FeatureVector> offline = run(record);

    FeatureVector last = offline.get(offline.size() - 1);
    double[][] truth = record.trueDeficit();
    int end = days - 1;
    assertEquals(tickOfDay(end), last.tickMicros());
    assertEquals(
        (eventDays[3] - eventDays[2]), feature(last, "network.lastEventInterval.days"), 1.0);
    assertEquals(2.0, feature(last, "network.lastEventAsperities.count"));
    assertEquals(4.5, feature(last, "asperity.A3.lastReleaseSlip.m"), 0.15);
    // Same tolerances as for the short record (the error comes from the step estimates of the last
    // event).
    assertEquals(
        truth[end][0] - truth[eventDays[2] + 1][0],
        feature(last, "asperity.A1.deficitSinceRelease.m"),
        0.015);
    assertEquals(
        truth[end][1] - truth[eventDays[3] + 1][1],
        feature(last, "asperity.A2.deficitSinceRelease.m"),
        0.015);
    assertEquals(0.05, feature(last, "asperity.A1.deficitRate.t400.mPerYr"), 0.005);
    assertEquals(0.01, feature(last, "matrix.deficitRate.t400.mPerYr"), 0.005);
    // The event right after the move is found and sized like any other.
    FeatureVector afterMove = at(offline, tickOfDay(eventDays[1] + 1));
    assertEquals(
        eventDays[1] - eventDays[0], feature(afterMove, "network.lastEventInterval.days"), 1.0);
    assertEquals(4.0, feature(afterMove, "asperity.A3.lastReleaseSlip.m"), 0.15);

    StreamingEmulation streaming =
        new StreamingEmulation(record, new Random(11), d -> d >= 24_845 && d <= 24_875);
    int[] emitted = {0};
    streaming.run(
        v -> {
          assertEquals(offline.get(emitted[0]), v, "vector " + emitted[0]);
          emitted[0]++;
        });
    assertEquals(offline.size(), emitted[0]);
    assertTrue(streaming.regionState.deficitShiftSeconds() > 0, "the region's origin moved");
    for (StationFeatureState station : streaming.stations) {
      assertTrue(station.originShiftSeconds() > 0, station.stationCode() + "'s origin moved");
    }
  }

  @Test
  void missingStationsAreListedCountedAndImputed() {
    int checked = 0;
    for (int d = 0; d < gappy.epochCount(); d++) {
      List<String> missing = new ArrayList<>();
      boolean any = false;
      for (int s = 0; s < region.layout.stationCount(); s++) {
        if (gappy.present()[d][s]) {
          any = true;
        } else {
          missing.add(region.layout.stations().get(s).code());
        }
      }
      if (!any) {
        continue;
      }
      FeatureVector v = at(gappyVectors, tickOfDay(d));
      assertEquals(missing, v.missingStations());
      assertEquals(missing.size(), v.imputedStations());
      assertEquals(28 - missing.size(), v.stationsUsed());
      assertEquals(28, v.stationsExpected());
      assertEquals(v.stationsUsed(), feature(v, "quality.stationsUsed.count"));
      assertEquals(missing.size() / 28.0, feature(v, "quality.imputed.fraction"), 1e-15);
      assertEquals(
          v.stationsUsed(),
          feature(v, "coast.stationsUsed.count") + feature(v, "inland.stationsUsed.count"));
      checked++;
    }
    assertTrue(checked > 1400);
    // With 15 % of station-days missing the events are still found and the deficit still tracked.
    FeatureVector last = gappyVectors.get(gappyVectors.size() - 1);
    assertEquals(600.0, feature(last, "network.lastEventInterval.days"), 2.0);
    double a1 = gappy.trueDeficit()[1499][0] - gappy.trueDeficit()[501][0];
    assertEquals(a1, feature(last, "asperity.A1.deficitSinceRelease.m"), 0.015);
  }

  @Test
  void resultDoesNotDependOnArrivalOrderAndRestoreContinuesBitIdentically() {
    // Streaming emulation: per-tick snapshot emission, offers in a shuffled order, snapshots of the
    // next tick offered before this tick is assembled, and every state checkpointed and restored
    // at random ticks. Must equal the offline pipeline bit for bit.
    for (long seed = 1; seed <= 3; seed++) {
      List<FeatureVector> streamed = new StreamingEmulation(gappy, new Random(seed)).run();
      assertEquals(gappyVectors, streamed, "seed " + seed);
    }
  }

  @Test
  void arrivalOrderOfSnapshotsDoesNotMatter() {
    // Snapshots of the first 700 days (through the first event), offered per tick in layout order,
    // reversed and shuffled: identical vectors and identical final states.
    List<List<StationSnapshot>> ticks = new ArrayList<>();
    StationFeatureState[] stations = new StationFeatureState[region.layout.stationCount()];
    for (int i = 0; i < stations.length; i++) {
      stations[i] = region.layout.newStationState(region.layout.stations().get(i).code(), CONFIG);
    }
    for (int d = 0; d < 700; d++) {
      List<StationSnapshot> tick = new ArrayList<>();
      for (int s = 0; s < stations.length; s++) {
        if (gappy.present()[d][s]) {
          stations[s].update(
              gappy.epochs()[d],
              gappy.east()[d][s],
              gappy.north()[d][s],
              gappy.up()[d][s],
              gappy.sigmaEast()[d][s],
              gappy.sigmaNorth()[d][s],
              gappy.sigmaUp()[d][s]);
          tick.add(stations[s].snapshot(tickOfDay(d)));
        }
      }
      ticks.add(tick);
    }
    List<FeatureVector> reference = null;
    byte[] referenceState = null;
    for (int order = 0; order < 3; order++) {
      RegionFeatureState state = new RegionFeatureState(region.layout, CONFIG);
      Random random = new Random(order);
      List<FeatureVector> vectors = new ArrayList<>();
      for (int d = 0; d < ticks.size(); d++) {
        List<StationSnapshot> tick = new ArrayList<>(ticks.get(d));
        if (order == 1) {
          Collections.reverse(tick);
        } else if (order == 2) {
          Collections.shuffle(tick, random);
        }
        tick.forEach(state::offer);
        if (!tick.isEmpty()) {
          vectors.add(state.assemble(tickOfDay(d)));
        }
      }
      if (reference == null) {
        reference = vectors;
        referenceState = state.toBytes();
      } else {
        assertEquals(reference, vectors, "order " + order);
        assertArrayEquals(referenceState, state.toBytes(), "order " + order);
      }
    }
    assertEquals(
        1.0, feature(reference.get(reference.size() - 1), "network.lastEventAsperities.count"));
  }

  @Test
  void anEmptyTickIsAPureQuery() {
    RegionFeatureState state = new RegionFeatureState(region.layout, CONFIG);
    StationFeatureState station = region.layout.newStationState("C001", CONFIG);
    station.update(START + DAY / 2, 0, 0, 0, 0.002, 0.002, 0.005);
    state.offer(station.snapshot(START + DAY));
    FeatureVector first = state.assemble(START + DAY);
    assertEquals(1, first.stationsUsed());
    byte[] before = state.toBytes();
    FeatureVector empty = state.assemble(START + 3 * DAY);
    assertArrayEquals(before, state.toBytes(), "state unchanged");
    assertEquals(0, empty.stationsUsed());
    assertEquals(28, empty.missingStations().size());
    assertEquals(1.0, empty.value(state.schema().indexOf("quality.imputed.fraction")));
    assertTrue(
        Double.isNaN(
            empty.value(state.schema().indexOf("coast.w10.rateTrenchNormal.median.mmPerYr"))));
    assertEquals(START + DAY, state.lastAssembledTickMicros());
    // Calling it again, or an earlier empty tick, is allowed: nothing was assembled.
    state.assemble(START + 2 * DAY);
  }

  @Test
  void rejectsLateDuplicateUnknownAndOutOfOrderInput() {
    RegionFeatureState state = new RegionFeatureState(region.layout, CONFIG);
    StationFeatureState c1 = region.layout.newStationState("C001", CONFIG);
    c1.update(START + DAY / 2, 0, 0, 0, 0.002, 0.002, 0.005);
    StationSnapshot s1 = c1.snapshot(START + DAY);
    state.offer(s1);
    assertThrows(IllegalArgumentException.class, () -> state.offer(s1), "duplicate");
    StationFeatureState stranger = new StationFeatureState("XXXX", CONFIG, 90.0);
    stranger.update(START + DAY / 2, 0, 0, 0, 0.002, 0.002, 0.005);
    assertThrows(
        IllegalArgumentException.class,
        () -> state.offer(stranger.snapshot(START + DAY)),
        "unknown");
    c1.update(START + DAY + DAY / 2, 0, 0, 0, 0.002, 0.002, 0.005);
    state.offer(c1.snapshot(START + 2 * DAY));
    assertThrows(
        IllegalStateException.class,
        () -> state.assemble(START + 2 * DAY),
        "tick 1 still buffered");
    assertThrows(
        IllegalArgumentException.class, () -> state.assemble(START + DAY + 1), "not a tick");
    state.assemble(START + DAY);
    assertThrows(
        IllegalArgumentException.class, () -> state.assemble(START + DAY), "already assembled");
    StationFeatureState c2 = region.layout.newStationState("C002", CONFIG);
    c2.update(START + DAY / 2, 0, 0, 0, 0.002, 0.002, 0.005);
    assertThrows(
        IllegalArgumentException.class, () -> state.offer(c2.snapshot(START + DAY)), "late");
    assertEquals(1, state.assemble(START + 2 * DAY).stationsUsed());
  }

  @Test
  void restoreRejectsAnotherLayoutOrConfiguration() {
    RegionFeatureState state = new RegionFeatureState(region.layout, CONFIG);
    byte[] bytes = state.toBytes();
    RegionLayout other = SyntheticRegion.create(12, 16, 3, 8).layout;
    assertThrows(IOException.class, () -> RegionFeatureState.readFrom(input(bytes), other, CONFIG));
    assertThrows(
        IOException.class,
        () -> RegionFeatureState.readFrom(input(bytes), region.layout, FeatureConfig.defaults()));
    byte[] formerVersion = bytes.clone();
    formerVersion[0] = 1;
    assertThrows(
        IOException.class,
        () -> RegionFeatureState.readFrom(input(formerVersion), region.layout, CONFIG));
  }

  private static DataInputStream input(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }

  /** What the streaming job does with keyed operators, emulated in one thread. */
  private static final class StreamingEmulation {
    private final SyntheticRegion.Record record;
    private final Random random;
    private final IntPredicate checkpointAfterDay;
    private final StationFeatureState[] stations;
    private RegionFeatureState regionState;

    /** Checkpoints and restores every state after random days. */
    StreamingEmulation(SyntheticRegion.Record record, Random random) {
      this(record, random, d -> false);
    }

    /** Also after every day {@code checkpointAfterDay} accepts. */
    StreamingEmulation(
        SyntheticRegion.Record record, Random random, IntPredicate checkpointAfterDay) {
      this.record = record;
      this.random = random;
      this.checkpointAfterDay = checkpointAfterDay;
      this.stations = new StationFeatureState[region.layout.stationCount()];
      for (int i = 0; i < stations.length; i++) {
        stations[i] = region.layout.newStationState(region.layout.stations().get(i).code(), CONFIG);
      }
      this.regionState = new RegionFeatureState(region.layout, CONFIG);
    }

    List<FeatureVector> run() {
      List<FeatureVector> out = new ArrayList<>();
      run(out::add);
      return out;
    }

    void run(Consumer<FeatureVector> out) {
      List<StationSnapshot> pending = new ArrayList<>();
      long pendingTick = Long.MIN_VALUE;
      for (int d = 0; d < record.epochCount(); d++) {
        long epoch = record.epochs()[d];
        long tick = CONFIG.tickOf(epoch);
        List<StationSnapshot> current = new ArrayList<>();
        for (int s = 0; s < stations.length; s++) {
          if (record.present()[d][s]) {
            stations[s].update(
                epoch,
                record.east()[d][s],
                record.north()[d][s],
                record.up()[d][s],
                record.sigmaEast()[d][s],
                record.sigmaNorth()[d][s],
                record.sigmaUp()[d][s]);
            current.add(stations[s].snapshot(tick));
          }
        }
        // Snapshots of this tick arrive before the previous tick's watermark timer fires.
        Collections.shuffle(current, random);
        int early = current.isEmpty() ? 0 : random.nextInt(current.size());
        for (int k = 0; k < early; k++) {
          regionState.offer(current.get(k));
        }
        if (!pending.isEmpty()) {
          out.accept(regionState.assemble(pendingTick));
        }
        for (int k = early; k < current.size(); k++) {
          regionState.offer(current.get(k));
        }
        pending = current;
        pendingTick = tick;
        if (random.nextInt(50) == 0 || checkpointAfterDay.test(d)) {
          checkpointAndRestore();
        }
      }
      if (!pending.isEmpty()) {
        out.accept(regionState.assemble(pendingTick));
      }
    }

    private void checkpointAndRestore() {
      try {
        for (int i = 0; i < stations.length; i++) {
          stations[i] = StationFeatureState.readFrom(input(stations[i].toBytes()), CONFIG);
        }
        regionState =
            RegionFeatureState.readFrom(input(regionState.toBytes()), region.layout, CONFIG);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
