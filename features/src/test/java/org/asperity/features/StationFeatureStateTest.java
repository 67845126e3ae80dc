package org.asperity.features;

import static org.asperity.time.TimeUnits.DAYS_PER_YEAR;
import static org.asperity.time.TimeUnits.SECONDS_PER_DAY;
import static org.asperity.time.TimeUnits.SECONDS_PER_YEAR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StationFeatureStateTest {
  private static final long DAY = TimeUnits.MICROS_PER_DAY;

  /** 2020-01-01T00:00:00Z, a tick boundary. */
  private static final long START = 18_262L * DAY;

  private static final double SIGMA_H = 0.002;
  private static final double SIGMA_V = 0.005;
  private static final FeatureConfig CONFIG = FeatureConfig.defaults();

  /** A step: first displaced day and its east/north/up vector, m. */
  private record Step(int day, double east, double north, double up) {}

  /**
   * One station's daily samples: linear velocity (m/yr), steps, white noise, optional outliers and
   * gaps.
   */
  private static final class Series {
    final List<long[]> epochs = new ArrayList<>();
    final List<double[]> values = new ArrayList<>();

    Series(
        int days,
        double velocityEast,
        double velocityNorth,
        double velocityUp,
        List<Step> steps,
        double outlierProbability,
        double gapProbability,
        long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      for (int d = 0; d < days; d++) {
        boolean outlier = random.nextDouble() < outlierProbability;
        double outlierSize = random.nextDouble(0.03, 0.3) * (random.nextBoolean() ? 1 : -1);
        boolean gap = random.nextDouble() < gapProbability;
        double noiseE = SIGMA_H * random.nextGaussian();
        double noiseN = SIGMA_H * random.nextGaussian();
        double noiseU = SIGMA_V * random.nextGaussian();
        if (gap) {
          continue;
        }
        double years = d / DAYS_PER_YEAR;
        double e = velocityEast * years + noiseE;
        double n = velocityNorth * years + noiseN;
        double u = velocityUp * years + noiseU;
        for (Step s : steps) {
          if (d >= s.day()) {
            e += s.east();
            n += s.north();
            u += s.up();
          }
        }
        if (outlier) {
          e += outlierSize;
          u -= outlierSize;
        }
        epochs.add(new long[] {START + d * DAY + DAY / 2});
        values.add(new double[] {e, n, u});
      }
    }

    int size() {
      return epochs.size();
    }

    void feed(StationFeatureState state, int from, int to) {
      for (int i = from; i < to; i++) {
        double[] v = values.get(i);
        state.update(epochs.get(i)[0], v[0], v[1], v[2], SIGMA_H, SIGMA_H, SIGMA_V);
      }
    }

    long epoch(int i) {
      return epochs.get(i)[0];
    }
  }

  @Test
  void findsInjectedStepsWithTheirEpochAndVector() {
    List<Step> steps =
        List.of(
            new Step(400, -0.30, 0.05, 0.08),
            new Step(900, 0.02, 0.0, 0.0),
            new Step(1500, -0.05, -0.04, -0.10));
    Series series = new Series(2000, 0.02, 0.005, -0.003, steps, 0, 0, 11);
    StationFeatureState state = new StationFeatureState("C001", CONFIG, 90.0);
    int found = 0;
    for (int i = 0; i < series.size(); i++) {
      series.feed(state, i, i + 1);
      StationSnapshot snapshot = state.snapshot(CONFIG.tickOf(series.epoch(i)));
      if (snapshot.offsetCount() > found) {
        assertEquals(found + 1, snapshot.offsetCount(), "one offset at a time");
        Step step = steps.get(found);
        found++;
        assertEquals(
            START + step.day() * DAY + DAY / 2,
            snapshot.lastOffsetEpochMicros(),
            "offset epoch = first displaced sample");
        assertEquals(
            series.epoch(i),
            START + (step.day() + 1) * DAY + DAY / 2,
            "confirmed by the next sample");
        // Mean of two innovations: each has the sample noise plus prediction noise, ~1.1 sigma.
        assertEquals(step.east(), snapshot.lastOffsetEastMeters(), 4 * SIGMA_H);
        assertEquals(step.north(), snapshot.lastOffsetNorthMeters(), 4 * SIGMA_H);
        assertEquals(step.up(), snapshot.lastOffsetUpMeters(), 4 * SIGMA_V);
      }
    }
    assertEquals(steps.size(), found);
    StationSnapshot last = state.snapshot(CONFIG.tickOf(series.epoch(series.size() - 1)));
    assertEquals(-0.33, last.cumulativeOffsetEastMeters(), 6 * SIGMA_H);
    // Offsets removed: rates over every window see only the 20 mm/yr landward motion (azimuth 90 =
    // east).
    // Each removed step carries the error of a two-sample estimate (~0.8 sigma), which tilts the
    // long-window line: over seeds the long-window rate here scatters by 0.64 mm/yr (0.03 without
    // steps), so 2 mm/yr is a 3-sigma bound.
    assertEquals(20.0, last.statistic(2, StationStatistic.RATE_TRENCH_NORMAL), 2.0);
    assertEquals(-3.0, last.statistic(2, StationStatistic.RATE_VERTICAL), 1.0);
    assertEquals(20.0, last.statistic(1, StationStatistic.RATE_TRENCH_NORMAL), 1.5);
    // 500 days after the last step at 20 mm/yr: ~27 mm accumulated since the offset. Errors: the
    // step estimate (~1.6 mm) shifts everything after it, plus the prediction at the step and the
    // smoothed current position (~1 mm): about 2 mm, so 6 mm is a 3-sigma bound.
    assertEquals(20.0 * 499 / DAYS_PER_YEAR, last.displacementSinceOffsetTrenchNormalMm(), 6.0);
    assertEquals(3, last.screenedSampleCount());
    // The step never enters the windows: the long-window range is the loading plus noise only.
    assertTrue(
        last.statistic(2, StationStatistic.RANGE_TRENCH_NORMAL) < 20.0 * 2000 / DAYS_PER_YEAR + 20);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void whiteNoiseAndIsolatedOutliersAreNotOffsets(long seed) {
    Series series = new Series(3650, 0.03, -0.01, 0.002, List.of(), 0.005, 0.02, seed);
    StationFeatureState state = new StationFeatureState("I001", CONFIG, 90.0);
    series.feed(state, 0, series.size());
    StationSnapshot s = state.snapshot(CONFIG.tickOf(series.epoch(series.size() - 1)));
    assertEquals(0, s.offsetCount());
    assertEquals(Long.MIN_VALUE, s.lastOffsetEpochMicros());
    assertTrue(
        Double.isNaN(s.displacementSinceOffsetTrenchNormalMm()),
        "no offset: displacement since it unknown");
    // About 0.5 % of ~3580 samples were outliers of 30-300 mm: all screened, none more than a few
    // extra.
    assertTrue(
        s.screenedSampleCount() >= 10 && s.screenedSampleCount() <= 40,
        "screened " + s.screenedSampleCount());
    // Outliers replaced by predictions: rates and scatter are those of the clean series.
    assertEquals(30.0, s.statistic(2, StationStatistic.RATE_TRENCH_NORMAL), 0.3);
    assertEquals(2.0, s.statistic(2, StationStatistic.RATE_VERTICAL), 0.5);
    double varianceMm2 = SIGMA_H * SIGMA_H * 1e6;
    assertEquals(
        varianceMm2,
        s.statistic(2, StationStatistic.DETRENDED_VARIANCE_TRENCH_NORMAL),
        0.15 * varianceMm2);
    assertEquals(
        0.0, s.statistic(2, StationStatistic.INCREMENT_EXCESS_KURTOSIS_TRENCH_NORMAL), 0.5);
  }

  @Test
  void projectsOntoTheTrenchNormalAzimuth() {
    double azimuth = 60.0;
    Series series = new Series(1000, 0.02, 0.01, 0.0, List.of(), 0, 0, 5);
    StationFeatureState state = new StationFeatureState("C002", CONFIG, azimuth);
    series.feed(state, 0, series.size());
    StationSnapshot s = state.snapshot(CONFIG.tickOf(series.epoch(series.size() - 1)));
    double expected =
        1000
            * (0.02 * Math.sin(Math.toRadians(azimuth)) + 0.01 * Math.cos(Math.toRadians(azimuth)));
    assertEquals(expected, s.statistic(2, StationStatistic.RATE_TRENCH_NORMAL), 0.3);
    // Interseismic position back in east/north: velocity x time, relative to the first sample,
    // whose
    // own noise (sigma 2 mm) shifts it: 4 sigma.
    double years = 999 / DAYS_PER_YEAR;
    assertEquals(0.02 * years, s.interseismicEastMeters(), 4 * SIGMA_H);
    assertEquals(0.01 * years, s.interseismicNorthMeters(), 4 * SIGMA_H);
    assertEquals(30, s.windowCount(0));
    assertEquals(365, s.windowCount(1));
    assertEquals(1000, s.windowCount(2));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 30, 364, 401, 402, 1300, 1799})
  void restoredStateContinuesWithIdenticalSnapshots(int splitAt) throws IOException {
    List<Step> steps = List.of(new Step(401, -0.2, 0.03, 0.05), new Step(1200, -0.05, 0, -0.02));
    Series series = new Series(1800, 0.02, 0.0, -0.002, steps, 0.01, 0.05, 3);
    FeatureConfig config = FeatureConfig.builder().windows(10, 60, 400).build();
    StationFeatureState uninterrupted = new StationFeatureState("C003", config, 75.0);
    StationFeatureState first = new StationFeatureState("C003", config, 75.0);
    int split = Math.min(splitAt, series.size());
    series.feed(first, 0, split);
    StationFeatureState restored =
        StationFeatureState.readFrom(
            new DataInputStream(new ByteArrayInputStream(first.toBytes())), config);
    assertArrayEquals(first.toBytes(), restored.toBytes());
    series.feed(uninterrupted, 0, split);
    for (int i = split; i < series.size(); i++) {
      series.feed(uninterrupted, i, i + 1);
      series.feed(restored, i, i + 1);
      long tick = config.tickOf(series.epoch(i));
      assertEquals(
          uninterrupted.snapshot(tick), restored.snapshot(tick), "diverged at sample " + i);
    }
    assertArrayEquals(uninterrupted.toBytes(), restored.toBytes());
  }

  /**
   * 206 years of daily samples (30 mm/yr landward, white noise, steps before and right after the
   * first origin move): the windows' origin moves twice (after 2^31 s, then when the retained
   * samples and the next one would span 2^32 s), nothing throws, and right before the second move,
   * right after it and at the end every window statistic equals that of a fresh state fed only the
   * last {@value #FRESH_SAMPLES} samples, within what float resolution allows (see {@link
   * #assertSameStatistics}); at the end they also match the true rate and scatter.
   *
   * <p>A move shifts stored values exactly but does not re-round them, so until the long window has
   * turned over it still holds values stored up to 3.8 m from the old origin (126 years at 30
   * mm/yr): the resolution bound is that of 4 m before and right after the move, and that of 1 m at
   * the end, more than one long window after it, where values within a metre of the new origin fill
   * it.
   */
  @Test
  void runsForCenturiesWithTheStatisticsOfAFreshRecord() {
    int days = (int) (206 * DAYS_PER_YEAR);
    List<Step> steps =
        List.of(
            new Step(365, -0.30, 0.05, 0.08),
            new Step(40 * 365, 0.10, 0.0, -0.05),
            new Step(24_900, -0.20, 0.02, 0.05),
            new Step(150 * 365, -0.05, -0.04, -0.10));
    Series series = new Series(days, 0.03, 0.005, -0.002, steps, 0, 0, 17);
    StationFeatureState state = new StationFeatureState("C001", CONFIG, 90.0);
    List<Integer> moves = new ArrayList<>();
    StationSnapshot previous = null;
    for (int i = 0; i < series.size(); i++) {
      long shift = state.originShiftSeconds();
      series.feed(state, i, i + 1);
      StationSnapshot snapshot = state.snapshot(CONFIG.tickOf(series.epoch(i)));
      if (state.originShiftSeconds() != shift) {
        moves.add(i);
        if (moves.size() == 2) {
          assertSameStatistics(previous, freshSnapshot(series, i - 1), 4.0);
          assertSameStatistics(snapshot, freshSnapshot(series, i), 4.0);
        }
      }
      previous = snapshot;
    }
    // First move after 2^31 s: day 24,856 (sample index = day here); the second once the retained
    // 3651 samples (10 years) and the next one would span 2^32 s: 136 - 10 years later.
    assertEquals(2, moves.size(), "origin moves at " + moves);
    assertEquals(24_856, moves.get(0));
    assertEquals(
        24_856 + (int) ((Math.pow(2, 32) - 1) / SECONDS_PER_DAY) - CONFIG.longWindowSamples(),
        moves.get(1),
        1);
    int last = series.size() - 1;
    assertTrue(
        last - moves.get(1) > CONFIG.longWindowSamples(),
        "the long window turned over since the move");
    StationSnapshot end = previous;
    assertSameStatistics(end, freshSnapshot(series, last), 1.0);
    assertEquals(4, end.offsetCount());
    // The truth: 30 mm/yr landward, -2 mm/yr vertical, 2 and 5 mm white noise (10 years: slope
    // sigma
    // 0.01 and 0.03 mm/yr).
    assertEquals(30.0, end.statistic(2, StationStatistic.RATE_TRENCH_NORMAL), 0.1);
    assertEquals(-2.0, end.statistic(2, StationStatistic.RATE_VERTICAL), 0.15);
    assertEquals(
        SIGMA_H * SIGMA_H * 1e6,
        end.statistic(2, StationStatistic.DETRENDED_VARIANCE_TRENCH_NORMAL),
        0.1 * SIGMA_H * SIGMA_H * 1e6);
    // Positions stay relative to the first sample: 206 years at 30 mm/yr with the offsets removed
    // (each step estimate is off by ~1 sigma).
    assertEquals(0.03 * last / DAYS_PER_YEAR, end.interseismicEastMeters(), 4 * 4 * SIGMA_H);
  }

  private static final int FRESH_SAMPLES = 3851;

  /**
   * A fresh state fed the {@value #FRESH_SAMPLES} samples ending at {@code last}, and its snapshot.
   */
  private static StationSnapshot freshSnapshot(Series series, int last) {
    StationFeatureState fresh = new StationFeatureState("C001", CONFIG, 90.0);
    series.feed(fresh, last + 1 - FRESH_SAMPLES, last + 1);
    return fresh.snapshot(CONFIG.tickOf(series.epoch(last)));
  }

  /**
   * Every window statistic of {@code actual} against a fresh record's. Both states hold the same
   * samples less a constant (offsets, first sample, origin), each rounded to a float when stored (a
   * move shifts the long record's values exactly here: they lie within a factor of two of the
   * shift), so a stored value differs from its counterpart by at most &delta;: half the float
   * spacing at {@code longMagnitudeMeters} (the long record's values were stored below it) plus
   * half that at 1 m (the fresh record's stay below 0.4 m). Then a slope differs by at most &delta;
   * &Sigma;|t &minus; t&#772;| / &Sigma;(t &minus; t&#772;)&sup2;, a residual sum of squares S by
   * 2&radic;S &delta;&radic;n + n&delta;&sup2;, a range by 2&delta;, and the increment moments
   * (increments moved by up to &eta; = 2&delta;) to first order by |&Delta;g1| &le; 3&eta;&middot;2
   * m2/m2<sup>1.5</sup> + 1.5|g1| &eta;&middot;4 m1/m2 and |&Delta;g2| &le; 4&eta;&middot;2
   * m3/m2&sup2; + 2(g2 + 3) &eta;&middot;4 m1/m2, with m<sub>k</sub> the k-th absolute central
   * moment, bounded here by Gaussian ones from m2 (doubled). The arithmetic's own rounding (times
   * near 2<sup>31</sup>, values of a few metres) is below 10<sup>&minus;4</sup> of these bounds.
   */
  private static void assertSameStatistics(
      StationSnapshot actual, StationSnapshot fresh, double longMagnitudeMeters) {
    double delta = 0.5 * Math.ulp((float) longMagnitudeMeters) + 0.5 * Math.ulp(1.0f);
    double rateScale = 1000.0 * SECONDS_PER_YEAR;
    for (int w = 0; w < StationSnapshot.WINDOWS; w++) {
      int n = fresh.windowCount(w);
      assertEquals(n, actual.windowCount(w));
      // Daily samples without gaps: sums over t - mean(t) of a run of n days.
      double day = SECONDS_PER_DAY;
      double spread = day * day * n * ((double) n * n - 1) / 12.0;
      double absoluteSpread = 0;
      for (int k = 0; k < n; k++) {
        absoluteSpread += Math.abs(k - (n - 1) / 2.0) * day;
      }
      double slopeBound = delta * absoluteSpread / spread * rateScale;
      double eta = 2 * delta;
      for (StationStatistic[] component :
          new StationStatistic[][] {
            {
              StationStatistic.RATE_TRENCH_NORMAL,
              StationStatistic.DETRENDED_VARIANCE_TRENCH_NORMAL,
              StationStatistic.INCREMENT_SKEWNESS_TRENCH_NORMAL,
              StationStatistic.INCREMENT_EXCESS_KURTOSIS_TRENCH_NORMAL,
              StationStatistic.RANGE_TRENCH_NORMAL
            },
            {
              StationStatistic.RATE_VERTICAL,
              StationStatistic.DETRENDED_VARIANCE_VERTICAL,
              StationStatistic.INCREMENT_SKEWNESS_VERTICAL,
              StationStatistic.INCREMENT_EXCESS_KURTOSIS_VERTICAL,
              StationStatistic.RANGE_VERTICAL
            }
          }) {
        String where = " in window " + w;
        assertEquals(
            fresh.statistic(w, component[0]),
            actual.statistic(w, component[0]),
            slopeBound,
            component[0] + where);
        double residualSquares = fresh.statistic(w, component[1]) * 1e-6 * (n - 2);
        double varianceBound =
            (2 * Math.sqrt(residualSquares) * delta * Math.sqrt(n) + n * delta * delta)
                / (n - 2)
                * 1e6;
        assertEquals(
            fresh.statistic(w, component[1]),
            actual.statistic(w, component[1]),
            varianceBound,
            component[1] + where);
        // Increments of white noise with this scatter: m2 = 2 sigma^2 (the residual variance).
        double m2 = 2 * residualSquares / (n - 2);
        double sigma = Math.sqrt(m2);
        double m1 = 2 * 0.8 * sigma;
        double m2Abs = 2 * m2;
        double m3 = 2 * 1.6 * sigma * m2;
        double g1 = fresh.statistic(w, component[2]);
        double g2 = fresh.statistic(w, component[3]);
        double skewBound =
            3 * eta * m2Abs / Math.pow(m2, 1.5) + 1.5 * Math.abs(g1) * eta * 4 * m1 / m2;
        double kurtosisBound =
            4 * eta * 2 * m3 / (m2 * m2) + 2 * Math.abs(g2 + 3) * eta * 4 * m1 / m2;
        assertEquals(g1, actual.statistic(w, component[2]), skewBound, component[2] + where);
        assertEquals(g2, actual.statistic(w, component[3]), kurtosisBound, component[3] + where);
        assertEquals(
            fresh.statistic(w, component[4]),
            actual.statistic(w, component[4]),
            2 * delta * 1000,
            component[4] + where);
      }
    }
  }

  /**
   * A checkpoint taken two samples before the first origin move, one before, right after and one
   * after it: the restored state moves (or has moved) its origin exactly like the uninterrupted one
   * and every later snapshot and the final state are identical.
   */
  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1, 2})
  void restoreAroundAnOriginMoveContinuesBitIdentically(int offset) throws IOException {
    List<Step> steps =
        List.of(new Step(1000, -0.2, 0.03, 0.05), new Step(24_857, -0.1, 0.0, -0.03));
    Series series = new Series(24_856 + 500, 0.02, 0.0, -0.002, steps, 0.01, 0.0, 9);
    FeatureConfig config = FeatureConfig.builder().windows(10, 60, 400).build();
    // The first sample whose time since the first one exceeds 2^31 - 1 s moves the origin.
    int move = 0;
    while ((series.epoch(move) - series.epoch(0)) / 1_000_000 <= Integer.MAX_VALUE) {
      move++;
    }
    int split = move + offset;
    StationFeatureState uninterrupted = new StationFeatureState("C003", config, 75.0);
    series.feed(uninterrupted, 0, split);
    StationFeatureState restored =
        StationFeatureState.readFrom(
            new DataInputStream(new ByteArrayInputStream(uninterrupted.toBytes())), config);
    assertEquals(
        offset > 0,
        uninterrupted.originShiftSeconds() > 0,
        "checkpoint on the intended side of the move");
    for (int i = split; i < series.size(); i++) {
      series.feed(uninterrupted, i, i + 1);
      series.feed(restored, i, i + 1);
      long tick = config.tickOf(series.epoch(i));
      assertEquals(
          uninterrupted.snapshot(tick), restored.snapshot(tick), "diverged at sample " + i);
    }
    assertTrue(restored.originShiftSeconds() > 0);
    assertArrayEquals(uninterrupted.toBytes(), restored.toBytes());
  }

  /** A store that keeps a state's samples apart in blocks, as a key-value state backend does. */
  private static final class BlockStore {
    final Map<Integer, byte[]> blocks = new HashMap<>();
    byte[] head;
    int blocksWritten;

    /** Writes the head and the blocks that changed, as the job writes a station. */
    void store(StationFeatureState state) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      state.writeHeadTo(new DataOutputStream(bytes));
      head = bytes.toByteArray();
      for (int b = state.nextChangedRingBlock(0); b >= 0; b = state.nextChangedRingBlock(b + 1)) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        state.writeRingBlock(b, new DataOutputStream(block));
        assertEquals(state.ringBlockBytes(b), block.size());
        blocks.put(b, block.toByteArray());
        blocksWritten++;
      }
      state.clearChangedRingBlocks();
    }

    StationFeatureState load(FeatureConfig config) throws IOException {
      StationFeatureState state =
          StationFeatureState.readHeadFrom(
              new DataInputStream(new ByteArrayInputStream(head)), config);
      for (Map.Entry<Integer, byte[]> block : blocks.entrySet()) {
        state.readRingBlock(
            block.getKey(), new DataInputStream(new ByteArrayInputStream(block.getValue())));
      }
      state.completeRingLoad();
      return state;
    }
  }

  /**
   * Stored apart after every sample (the head and only the blocks that sample changed) and loaded
   * back, through steps, outliers, gaps and an origin move: the loaded state is bit for bit the
   * stored one, and continuing from it gives the snapshots of an uninterrupted state.
   */
  @Test
  void storedApartInChangedBlocksContinuesBitIdentically() throws IOException {
    List<Step> steps =
        List.of(new Step(1000, -0.2, 0.03, 0.05), new Step(24_857, -0.1, 0.0, -0.03));
    Series series = new Series(24_856 + 500, 0.02, 0.0, -0.002, steps, 0.01, 0.03, 9);
    FeatureConfig config = FeatureConfig.builder().windows(10, 60, 400).build();
    StationFeatureState uninterrupted = new StationFeatureState("C003", config, 75.0);
    StationFeatureState stored = new StationFeatureState("C003", config, 75.0);
    assertEquals(-1, stored.nextChangedRingBlock(0), "a fresh state has nothing to store");
    BlockStore store = new BlockStore();
    int writes = 0;
    for (int i = 0; i < series.size(); i++) {
      series.feed(uninterrupted, i, i + 1);
      series.feed(stored, i, i + 1);
      store.store(stored);
      writes++;
      StationFeatureState loaded = store.load(config);
      assertArrayEquals(stored.toBytes(), loaded.toBytes(), "differs after sample " + i);
      long tick = config.tickOf(series.epoch(i));
      assertEquals(uninterrupted.snapshot(tick), loaded.snapshot(tick), "diverged at sample " + i);
      stored = loaded;
    }
    assertTrue(stored.originShiftSeconds() > 0, "the origin moved on the way");
    // One block per sample, except at the origin move: every block, that sample's among them.
    assertEquals(writes - 1 + stored.ringBlocks(), store.blocksWritten);
    assertArrayEquals(uninterrupted.toBytes(), stored.toBytes());
  }

  /**
   * What a daily tick writes with the default windows: the head and one block, a few percent of the
   * whole state.
   */
  @Test
  void aSampleChangesOneSmallBlockOfAFullState() throws IOException {
    StationFeatureState state = new StationFeatureState("C001", CONFIG, 90.0);
    Series series = new Series(4000, 0.03, 0.0, 0.0, List.of(), 0.0, 0.0, 5);
    series.feed(state, 0, 3999);
    state.clearChangedRingBlocks();
    series.feed(state, 3999, 4000);
    int changed = state.nextChangedRingBlock(0);
    assertTrue(changed >= 0);
    assertEquals(-1, state.nextChangedRingBlock(changed + 1), "one block changed");
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    state.writeHeadTo(new DataOutputStream(head));
    int whole = state.toBytes().length;
    int written = head.size() + state.ringBlockBytes(changed);
    assertTrue(
        written * 20 < whole, "head " + head.size() + " B and a block against " + whole + " B");
  }

  @Test
  void aStateWhoseBlocksAreNotLoadedRefusesWork() throws IOException {
    StationFeatureState state = new StationFeatureState("C001", CONFIG, 90.0);
    new Series(100, 0.03, 0.0, 0.0, List.of(), 0.0, 0.0, 5).feed(state, 0, 100);
    BlockStore store = new BlockStore();
    store.store(state);
    StationFeatureState head =
        StationFeatureState.readHeadFrom(
            new DataInputStream(new ByteArrayInputStream(store.head)), CONFIG);
    assertFalse(head.ringLoaded());
    assertEquals(state.lastEpochMicros(), head.lastEpochMicros());
    long next = state.lastEpochMicros() + DAY;
    assertThrows(AssertionError.class, () -> head.update(next, 0, 0, 0, SIGMA_H, SIGMA_H, SIGMA_V));
    assertThrows(AssertionError.class, () -> head.snapshot(CONFIG.tickOf(state.lastEpochMicros())));
    StationFeatureState loaded = store.load(CONFIG);
    assertThrows(
        IllegalStateException.class,
        () -> loaded.readRingBlock(0, new DataInputStream(new ByteArrayInputStream(new byte[0]))));
  }

  @Test
  void blocksThatDoNotFitTheHeadAreRefused() throws IOException {
    StationFeatureState state = new StationFeatureState("C001", CONFIG, 90.0);
    new Series(200, 0.03, 0.0, 0.0, List.of(), 0.0, 0.0, 5).feed(state, 0, 200);
    BlockStore store = new BlockStore();
    store.store(state);
    // Block 0 from a station whose ring has wrapped: its times are years after block 1's.
    StationFeatureState later = new StationFeatureState("C002", CONFIG, 90.0);
    Series longer = new Series(3800, 0.03, 0.0, 0.0, List.of(), 0.0, 0.0, 6);
    longer.feed(later, 0, 3800);
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    later.writeRingBlock(0, new DataOutputStream(block));
    store.blocks.put(0, block.toByteArray());
    IOException e = assertThrows(IOException.class, () -> store.load(CONFIG));
    assertTrue(e.getMessage().contains("do not fit the head"), e.getMessage());
    // A stale block in a ring that has wrapped: block 1 as it was after 100 samples, in a state
    // of 3,800 whose block 1 holds samples 3,715 to 3,778.
    BlockStore early = new BlockStore();
    StationFeatureState young = new StationFeatureState("C002", CONFIG, 90.0);
    longer.feed(young, 0, 100);
    early.store(young);
    BlockStore wrapped = new BlockStore();
    wrapped.store(later);
    wrapped.blocks.put(1, early.blocks.get(1));
    IOException stale = assertThrows(IOException.class, () -> wrapped.load(CONFIG));
    assertTrue(stale.getMessage().contains("do not fit the head"), stale.getMessage());
    // A block of retained samples that is not there at all.
    store.blocks.remove(0);
    IOException missing = assertThrows(IOException.class, () -> store.load(CONFIG));
    assertTrue(
        missing.getMessage().contains("ring block 0 of a state of 200 samples is missing"),
        missing.getMessage());
    // A whole state is not a head.
    assertThrows(
        IOException.class,
        () ->
            StationFeatureState.readHeadFrom(
                new DataInputStream(new ByteArrayInputStream(state.toBytes())), CONFIG));
  }

  @Test
  void restoreRejectsTheFormerFormatVersion() {
    StationFeatureState state = new StationFeatureState("C001", CONFIG, 90.0);
    state.update(START, 0, 0, 0, SIGMA_H, SIGMA_H, SIGMA_V);
    byte[] bytes = state.toBytes();
    bytes[0] = 1;
    assertThrows(
        IOException.class,
        () ->
            StationFeatureState.readFrom(
                new DataInputStream(new ByteArrayInputStream(bytes)), CONFIG));
  }

  @Test
  void restoreRejectsAnotherConfiguration() {
    StationFeatureState state = new StationFeatureState("C001", CONFIG, 90.0);
    state.update(START, 0, 0, 0, SIGMA_H, SIGMA_H, SIGMA_V);
    FeatureConfig other = CONFIG.toBuilder().jumpThresholdSigma(4.0).build();
    assertThrows(
        IOException.class,
        () ->
            StationFeatureState.readFrom(
                new DataInputStream(new ByteArrayInputStream(state.toBytes())), other));
  }

  @Test
  void enforcesTheSampleAndTickContract() {
    StationFeatureState state = new StationFeatureState("C001", CONFIG, 90.0);
    assertThrows(IllegalStateException.class, () -> state.snapshot(START + DAY));
    assertEquals(Long.MIN_VALUE, state.openTickMicros());
    long epoch = START + DAY / 2;
    state.update(epoch, 0.001, 0, 0, SIGMA_H, SIGMA_H, SIGMA_V);
    assertEquals(START + DAY, state.openTickMicros());
    assertThrows(
        IllegalArgumentException.class,
        () -> state.update(epoch, 0, 0, 0, SIGMA_H, SIGMA_H, SIGMA_V));
    assertThrows(
        IllegalArgumentException.class,
        () -> state.update(epoch - 1, 0, 0, 0, SIGMA_H, SIGMA_H, SIGMA_V));
    assertThrows(
        IllegalArgumentException.class,
        () -> state.update(epoch + 1, Double.NaN, 0, 0, SIGMA_H, SIGMA_H, SIGMA_V));
    assertThrows(
        IllegalArgumentException.class,
        () -> state.update(epoch + 1, 0, 0, 0, 0.0, SIGMA_H, SIGMA_V));
    // A sample at exactly a tick belongs to that tick; one microsecond later to the next.
    state.update(START + DAY, 0.001, 0, 0, SIGMA_H, SIGMA_H, SIGMA_V);
    assertEquals(START + DAY, state.snapshot(START + DAY).tickMicros());
    assertThrows(IllegalStateException.class, () -> state.snapshot(START + 2 * DAY));
    assertThrows(IllegalArgumentException.class, () -> state.snapshot(START + DAY + 1));
    state.update(START + DAY + 1, 0.001, 0, 0, SIGMA_H, SIGMA_H, SIGMA_V);
    StationSnapshot s = state.snapshot(START + 2 * DAY);
    assertEquals(3, s.sampleCount());
    assertFalse(s.offsetCandidate());
    // Too few samples: statistics are NaN rather than made up.
    assertTrue(
        Double.isNaN(s.statistic(0, StationStatistic.INCREMENT_EXCESS_KURTOSIS_TRENCH_NORMAL)));
  }
}
