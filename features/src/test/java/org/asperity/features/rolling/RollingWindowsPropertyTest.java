package org.asperity.features.rolling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rolling statistic against a recomputation from scratch over the retained samples, on seeded
 * random series with gaps, outliers, steps, repeated times, a far time origin and windows longer
 * than the data seen so far.
 *
 * <p>Tolerances: the raw sums must be within 4 ulps of their exact (BigDecimal) value plus the
 * second-order compensation term (&le; 4&epsilon;&sup2; &times; the absolute terms ever added,
 * negligible here). The derived statistics come from raw sums by formulas that cancel (e.g.
 * &Sigma;x&sup2; &minus; (&Sigma;x)&sup2;/n); each comparison allows 64&epsilon; times the
 * magnitudes that cancel (the condition of that formula), which bounds the rounding of a handful of
 * operations on sums accurate to a few ulps. The reference is the textbook two-pass computation
 * about the mean.
 */
class RollingWindowsPropertyTest {
  private static final double EPS = Math.ulp(1.0);

  private record Sample(int time, float[] values) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void smallWindowsMatchRecomputationAfterEverySample(long seed) {
    int[] windows = {5, 17, 64};
    SplittableRandom random = new SplittableRandom(seed);
    RollingWindows rolling = new RollingWindows(windows, 2, 2);
    List<Sample> history = new ArrayList<>();
    int time = seed % 2 == 0 ? 0 : 1_800_000_000;
    for (int i = 0; i < 1500; i++) {
      time += nextStep(random);
      Sample s = new Sample(time, nextValues(random, i, 2));
      history.add(s);
      rolling.push(s.time(), s.values());
      verify(rolling, history, windows);
    }
  }

  @Test
  void defaultWindowsMatchRecomputationAtRandomPoints() {
    int[] windows = {30, 365, 3650};
    SplittableRandom random = new SplittableRandom(99);
    RollingWindows rolling = new RollingWindows(windows, 2, 2);
    List<Sample> history = new ArrayList<>();
    int time = 0;
    for (int i = 0; i < 9000; i++) {
      time += nextStep(random);
      Sample s = new Sample(time, nextValues(random, i, 2));
      history.add(s);
      rolling.push(s.time(), s.values());
      if (random.nextInt(150) == 0 || i == 8999 || i == 3649 || i == 3650) {
        verify(rolling, history, windows);
      }
    }
  }

  /**
   * Origin moves at random points (incl. the first sample, a partly filled ring, the first full
   * ring) by random whole seconds and by value shifts that are zero, whole units, the newest value
   * or arbitrary: right after each move and after every later sample, every statistic matches the
   * recomputation from scratch over the moved samples and is bit for bit that of a fresh instance
   * fed the retained (moved) samples and then the same later samples.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void rebasedStatisticsMatchRecomputationAndAFreshInstance(long seed) {
    int[] windows = {5, 17, 64};
    int capacity = 65;
    SplittableRandom random = new SplittableRandom(seed);
    RollingWindows rolling = new RollingWindows(windows, 3, 2);
    RollingWindows fresh = null;
    List<Sample> history = new ArrayList<>();
    int time = 0;
    int rebases = 0;
    for (int i = 0; i < 1500; i++) {
      time += nextStep(random);
      Sample s = new Sample(time, nextValues(random, i, 3));
      history.add(s);
      rolling.push(s.time(), s.values());
      if (fresh != null) {
        fresh.push(s.time(), s.values());
      }
      if (i == 0 || i == 10 || i == 64 || i == 65 || random.nextInt(60) == 0) {
        time = rebaseRandomly(rolling, history, random);
        rebases++;
        fresh = new RollingWindows(windows, 3, 2);
        for (Sample r : history.subList(Math.max(0, history.size() - capacity), history.size())) {
          fresh.push(r.time(), r.values());
        }
      }
      verify(rolling, history, windows);
      assertArrayEquals(
          allStatistics(fresh), allStatistics(rolling), "fresh instance differs at sample " + i);
    }
    assertTrue(rebases >= 20, "only " + rebases + " re-bases");
  }

  /**
   * Moves {@code rolling}'s origin randomly and {@code history} with it; returns the newest time
   * after the move.
   */
  private static int rebaseRandomly(
      RollingWindows rolling, List<Sample> history, SplittableRandom random) {
    int newest = history.get(history.size() - 1).time();
    long span = (long) newest - history.get(0).time();
    // Anywhere in the int range that leaves room for the whole history before and 3e8 s of samples
    // after.
    long target =
        random.nextLong((long) Integer.MIN_VALUE + span, Integer.MAX_VALUE - 300_000_000L);
    long shiftSeconds = newest - target;
    float[] valueShift = new float[rolling.components()];
    for (int c = 0; c < valueShift.length; c++) {
      switch (random.nextInt(4)) {
        case 0 -> valueShift[c] = 0f;
        case 1 -> valueShift[c] = random.nextInt(-4, 5);
        case 2 -> valueShift[c] = rolling.lastValue(c);
        default -> valueShift[c] = (float) random.nextDouble(-1, 1);
      }
    }
    rolling.rebase(shiftSeconds, valueShift);
    for (int k = 0; k < history.size(); k++) {
      Sample old = history.get(k);
      float[] moved = new float[valueShift.length];
      for (int c = 0; c < moved.length; c++) {
        moved[c] = old.values()[c] - valueShift[c];
      }
      history.set(k, new Sample((int) (old.time() - shiftSeconds), moved));
    }
    assertEquals(target, rolling.lastTime());
    return (int) target;
  }

  @Test
  void rebaseToFitMovesTheOldestRetainedSampleToTheIntMinimumAndValuesByWholeUnits() {
    float[] shift = new float[2];
    RollingWindows empty = new RollingWindows(new int[] {2, 4}, 2, 1);
    assertEquals(0, empty.rebaseToFit(Integer.MAX_VALUE, shift), "fits: no move");
    long late = Integer.MAX_VALUE + 5L;
    assertEquals(
        late - Integer.MIN_VALUE,
        empty.rebaseToFit(late, shift),
        "empty: the new sample goes to the minimum");
    assertArrayEquals(new float[] {0f, 0f}, shift);

    RollingWindows r = new RollingWindows(new int[] {2, 4}, 2, 1);
    int start = Integer.MAX_VALUE - 7_000;
    for (int i = 0; i < 7; i++) {
      r.push(start + 1_000 * i, new float[] {-2.1f - 0.1f * i, 0.2f * i - 0.3f});
    }
    float[] before = {r.lastValue(0), r.lastValue(1)};
    double slope = r.slopePerSecond(1, 0);
    long next = Integer.MAX_VALUE + 1L;
    long moved = r.rebaseToFit(next, shift);
    // Five retained samples (capacity 4 + 1), the oldest at start + 2000 s.
    assertEquals(start + 2_000L - Integer.MIN_VALUE, moved);
    assertEquals(Integer.MIN_VALUE + 4_000, r.lastTime());
    // Newest values -2.7 and 0.9: whole-unit shifts -3 and 1; the move is exact here (Sterbenz).
    assertArrayEquals(new float[] {-3f, 1f}, shift);
    assertEquals(before[0] - shift[0], r.lastValue(0));
    assertEquals(before[1] - shift[1], r.lastValue(1));
    // The slope does not depend on the origin; both frames have times near 2^31 in magnitude, where
    // sum(t y) - sum(t) mean(y) cancels 8 digits for these four samples.
    assertEquals(slope, r.slopePerSecond(1, 0), 1e-6 * Math.abs(slope));
    r.push((int) (next - moved), new float[] {0.2f, -0.1f});

    RollingWindows sparse = new RollingWindows(new int[] {2}, 1, 1);
    sparse.push(0, new float[] {0f});
    sparse.push(1, new float[] {0f});
    assertThrows(
        IllegalStateException.class,
        () -> sparse.rebaseToFit(1L << 32, new float[1]),
        "retained samples and the next one span 2^32 s");
    assertEquals(-(long) Integer.MIN_VALUE, sparse.rebaseToFit((1L << 32) - 1, new float[1]));
    assertEquals(
        Integer.MIN_VALUE + 1,
        sparse.lastTime(),
        "the next sample lands exactly at the int maximum");
    assertThrows(
        IllegalArgumentException.class,
        () -> sparse.rebase(-1L << 32, new float[1]),
        "out of the int range");
  }

  @Test
  void trendOnlyComponentsMatchRecomputation() {
    int[] windows = {3, 8};
    SplittableRandom random = new SplittableRandom(5);
    RollingWindows rolling = new RollingWindows(windows, 3, 1);
    List<Sample> history = new ArrayList<>();
    int time = 100;
    for (int i = 0; i < 300; i++) {
      time += nextStep(random);
      Sample s = new Sample(time, nextValues(random, i, 3));
      history.add(s);
      rolling.push(s.time(), s.values());
      verify(rolling, history, windows);
    }
    assertThrows(IllegalStateException.class, () -> rolling.min(0, 1));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4, 64, 65, 300, 3651, 5000})
  void restoredStateContinuesBitIdentically(int splitAt) throws IOException {
    int[] windows = {30, 365, 3650};
    SplittableRandom random = new SplittableRandom(splitAt);
    RollingWindows original = new RollingWindows(windows, 3, 2);
    List<Sample> samples = new ArrayList<>();
    int time = 0;
    for (int i = 0; i < 6000; i++) {
      time += nextStep(random);
      samples.add(new Sample(time, nextValues(random, i, 3)));
    }
    for (int i = 0; i < splitAt; i++) {
      original.push(samples.get(i).time(), samples.get(i).values());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    original.writeTo(new DataOutputStream(bytes));
    RollingWindows restored = new RollingWindows(windows, 3, 2);
    restored.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    for (int i = splitAt; i < samples.size(); i++) {
      original.push(samples.get(i).time(), samples.get(i).values());
      restored.push(samples.get(i).time(), samples.get(i).values());
      if (i % 37 == 0 || i == samples.size() - 1) {
        assertArrayEquals(
            statistics(original, windows.length),
            statistics(restored, windows.length),
            "diverged at sample " + i);
      }
    }
    assertArrayEquals(serialize(original), serialize(restored));
  }

  @Test
  void restoreRejectsAnotherShape() throws IOException {
    RollingWindows a = new RollingWindows(new int[] {3, 5}, 1, 1);
    a.push(1, new float[] {1f});
    byte[] bytes = serialize(a);
    RollingWindows b = new RollingWindows(new int[] {3, 6}, 1, 1);
    assertThrows(
        IOException.class, () -> b.readFrom(new DataInputStream(new ByteArrayInputStream(bytes))));
  }

  @Test
  void rejectsTimeGoingBackwardsAndWrongWidth() {
    RollingWindows r = new RollingWindows(new int[] {3}, 1, 1);
    r.push(10, new float[] {0f});
    assertThrows(IllegalArgumentException.class, () -> r.push(9, new float[] {0f}));
    assertThrows(IllegalArgumentException.class, () -> r.push(11, new float[] {0f, 1f}));
  }

  // ------------------------------------------------------------------ generators

  /** Mostly daily steps, sometimes a gap of up to 100 days, sometimes a repeated time. */
  private static int nextStep(SplittableRandom random) {
    int r = random.nextInt(100);
    if (r < 3) {
      return 0;
    }
    if (r < 4) {
      return 86_400 * random.nextInt(2, 100);
    }
    return 86_400;
  }

  /** Trend + random walk + white noise, with rare outliers and steps, in metres. */
  private static float[] nextValues(SplittableRandom random, int i, int components) {
    float[] v = new float[components];
    for (int c = 0; c < components; c++) {
      double value =
          0.03 / 365 * i * (c + 1) + 0.002 * random.nextGaussian() + 0.001 * Math.sin(i / 58.0);
      int r = random.nextInt(1000);
      if (r < 5) {
        value += 0.5 * random.nextGaussian();
      } else if (r < 7) {
        value += 3.0;
      } else if (r < 8) {
        value = 0.0;
      }
      v[c] = (float) value;
    }
    return v;
  }

  // ------------------------------------------------------------------ verification

  private static void verify(RollingWindows rolling, List<Sample> history, int[] windows) {
    int total = history.size();
    assertEquals(total, rolling.totalCount());
    for (int c = 0; c < rolling.components(); c++) {
      // Second-order bound of compensated summation: every term ever added or evicted counts.
      double[] all = new double[total];
      double[] times = new double[total];
      for (int i = 0; i < total; i++) {
        all[i] = history.get(i).values()[c];
        times[i] = history.get(i).time();
      }
      double[] increments = new double[Math.max(total - 1, 0)];
      for (int i = 1; i < total; i++) {
        increments[i - 1] = all[i] - all[i - 1];
      }
      double[] secondOrder = {
        secondOrder(times, null, 1), secondOrder(times, null, 2), secondOrder(all, null, 1),
        secondOrder(times, all, 0), secondOrder(all, null, 2), secondOrder(increments, null, 2),
        secondOrder(increments, null, 3), secondOrder(increments, null, 4)
      };
      for (int w = 0; w < windows.length; w++) {
        int n = Math.min(total, windows[w]);
        assertEquals(n, rolling.count(w));
        List<Sample> window = history.subList(total - n, total);
        Sample before = total - n >= 1 ? history.get(total - n - 1) : null;
        verifyComponent(rolling, w, c, window, before, secondOrder);
      }
    }
  }

  private static void verifyComponent(
      RollingWindows rolling,
      int w,
      int c,
      List<Sample> window,
      Sample before,
      double[] secondOrder) {
    int n = window.size();
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = window.get(i).time();
      y[i] = window.get(i).values()[c];
    }
    // Raw sums: within a few ulps of exact (plus the second-order term).
    checkSum(rolling.rawSum(w, c, -1), exactSum(terms(x, null, 1)), secondOrder[0], "sum x");
    checkSum(rolling.rawSum(w, c, -2), exactSum(terms(x, null, 2)), secondOrder[1], "sum x^2");
    checkSum(rolling.rawSum(w, c, 0), exactSum(terms(y, null, 1)), secondOrder[2], "sum y");
    checkSum(rolling.rawSum(w, c, 1), exactSum(terms(x, y, 0)), secondOrder[3], "sum xy");
    checkSum(rolling.rawSum(w, c, 2), exactSum(terms(y, null, 2)), secondOrder[4], "sum y^2");

    double meanX = accurateSum(x) / n;
    double meanY = accurateSum(y) / n;
    assertClose(meanY, rolling.mean(w, c), 8 * EPS * accurateSum(abs(y)) / n, "mean");
    double[] ex = new double[n];
    double[] ey = new double[n];
    for (int i = 0; i < n; i++) {
      ex[i] = x[i] - meanX;
      ey[i] = y[i] - meanY;
    }
    double cxx = accurateSum(terms(ex, null, 2));
    double cxy = accurateSum(terms(ex, ey, 0));
    double cyy = accurateSum(terms(ey, null, 2));
    double cancelXX = accurateSum(terms(x, null, 2)) + meanX * meanX * n;
    double cancelXY = accurateSum(abs(terms(x, y, 0))) + Math.abs(meanX * meanY) * n;
    double cancelYY = accurateSum(terms(y, null, 2)) + meanY * meanY * n;
    if (n < 2 || cxx == 0) {
      assertTrue(
          Double.isNaN(rolling.slopePerSecond(w, c)), "slope must be NaN without time spread");
    } else if (cxx > 64 * EPS * cancelXX) {
      double slope = cxy / cxx;
      double slopeTolerance = 64 * EPS * (cancelXY + Math.abs(slope) * cancelXX) / cxx;
      assertClose(slope, rolling.slopePerSecond(w, c), slopeTolerance, "slope");
      if (n >= 3) {
        double residual = Math.max(cyy - cxy * cxy / cxx, 0) / (n - 2);
        double tolerance =
            64
                * EPS
                * (cancelYY + 2 * Math.abs(slope) * cancelXY + slope * slope * cancelXX)
                / (n - 2);
        assertClose(residual, rolling.detrendedVariance(w, c), tolerance, "detrended variance");
      } else {
        assertTrue(Double.isNaN(rolling.detrendedVariance(w, c)));
      }
    }
    if (c >= rolling.shapeComponents()) {
      return;
    }
    // Increments whose later sample is in the window.
    List<Double> increments = new ArrayList<>();
    double previous = before == null ? Double.NaN : before.values()[c];
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(previous)) {
        increments.add(y[i] - previous);
      }
      previous = y[i];
    }
    int m = increments.size();
    assertEquals(m, rolling.incrementCount(w));
    double[] d = increments.stream().mapToDouble(Double::doubleValue).toArray();
    checkSum(rolling.rawSum(w, c, 3), exactSum(terms(d, null, 2)), secondOrder[5], "sum d^2");
    checkSum(rolling.rawSum(w, c, 4), exactSum(terms(d, null, 3)), secondOrder[6], "sum d^3");
    checkSum(rolling.rawSum(w, c, 5), exactSum(terms(d, null, 4)), secondOrder[7], "sum d^4");
    if (m >= 3) {
      double mu = accurateSum(d) / m;
      double[] e = new double[m];
      for (int i = 0; i < m; i++) {
        e[i] = d[i] - mu;
      }
      double m2 = accurateSum(terms(e, null, 2)) / m;
      double m3 = accurateSum(terms(e, null, 3)) / m;
      double m4 = accurateSum(terms(e, null, 4)) / m;
      double r2 = accurateSum(terms(d, null, 2)) / m;
      double r3 = accurateSum(abs(terms(d, null, 3))) / m;
      double r4 = accurateSum(terms(d, null, 4)) / m;
      double am = Math.abs(mu);
      if (m2 > 1e-6 * r2) {
        double dm2 = 64 * EPS * (r2 + am * am);
        double dm3 = 64 * EPS * (r3 + 3 * am * r2 + 2 * am * am * am);
        double dm4 = 64 * EPS * (r4 + 4 * am * r3 + 6 * am * am * r2 + 3 * am * am * am * am);
        double skew = m3 / Math.pow(m2, 1.5);
        assertClose(
            skew,
            rolling.incrementSkewness(w, c),
            dm3 / Math.pow(m2, 1.5) + 1.5 * Math.abs(skew) * dm2 / m2,
            "skewness");
        if (m >= 4) {
          double kurt = m4 / (m2 * m2) - 3;
          assertClose(
              kurt,
              rolling.incrementExcessKurtosis(w, c),
              dm4 / (m2 * m2) + 2 * Math.abs(kurt + 3) * dm2 / m2,
              "kurtosis");
        } else {
          assertTrue(Double.isNaN(rolling.incrementExcessKurtosis(w, c)));
        }
      }
    } else {
      assertTrue(Double.isNaN(rolling.incrementSkewness(w, c)));
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertEquals(min, rolling.min(w, c), 0.0, "min");
    assertEquals(max, rolling.max(w, c), 0.0, "max");
    assertEquals(max - min, rolling.range(w, c), 0.0, "range");
  }

  /**
   * The terms exactly as the implementation forms them: power 1..4 of {@code a} (d&sup3; =
   * d&sup2;&middot;d, d&#8308; = d&sup2;&middot;d&sup2;), or with power 0 the products a&middot;b.
   */
  private static double[] terms(double[] a, double[] b, int power) {
    double[] t = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      double sq = a[i] * a[i];
      switch (power) {
        case 0 -> t[i] = a[i] * b[i];
        case 1 -> t[i] = a[i];
        case 2 -> t[i] = sq;
        case 3 -> t[i] = sq * a[i];
        default -> t[i] = sq * sq;
      }
    }
    return t;
  }

  private static double[] abs(double[] a) {
    double[] t = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      t[i] = Math.abs(a[i]);
    }
    return t;
  }

  private static double secondOrder(double[] a, double[] b, int power) {
    double absolute = 0;
    for (double t : terms(a, b, power)) {
      absolute += Math.abs(t);
    }
    return 4 * EPS * EPS * 2 * absolute * Math.max(a.length, 1);
  }

  private static double exactSum(double[] terms) {
    BigDecimal s = BigDecimal.ZERO;
    for (double t : terms) {
      s = s.add(new BigDecimal(t));
    }
    return s.doubleValue();
  }

  /**
   * Reference sums for the two-pass formulas, as accurate as if computed in twice the working
   * precision (Ogita, Rump &amp; Oishi 2005, algorithm Sum2 with Knuth's TwoSum), so the reference
   * is not the weak side of a comparison. A different algorithm from the implementation's.
   */
  private static double accurateSum(double[] terms) {
    double s = 0;
    double error = 0;
    for (double t : terms) {
      double sum = s + t;
      double virtual = sum - s;
      error += (s - (sum - virtual)) + (t - virtual);
      s = sum;
    }
    return s + error;
  }

  private static void checkSum(double actual, double exact, double secondOrder, String what) {
    double tolerance = 4 * Math.ulp(Math.abs(exact)) + secondOrder;
    if (!(Math.abs(actual - exact) <= tolerance)) {
      fail(what + ": " + actual + " vs exact " + exact + " (tolerance " + tolerance + ")");
    }
  }

  private static void assertClose(double expected, double actual, double tolerance, String what) {
    if (!(Math.abs(expected - actual) <= tolerance)) {
      fail(what + ": expected " + expected + " got " + actual + " (tolerance " + tolerance + ")");
    }
  }

  private static double[] statistics(RollingWindows r, int windows) {
    List<Double> out = new ArrayList<>();
    for (int w = 0; w < windows; w++) {
      out.add((double) r.count(w));
      for (int c = 0; c < r.components(); c++) {
        out.add(r.mean(w, c));
        out.add(r.slopePerSecond(w, c));
        out.add(r.detrendedVariance(w, c));
        if (c < r.shapeComponents()) {
          out.add(r.incrementSkewness(w, c));
          out.add(r.incrementExcessKurtosis(w, c));
          out.add(r.min(w, c));
          out.add(r.max(w, c));
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * {@link #statistics} plus every raw sum, the time statistics and an extrapolation: all a reader
   * can see.
   */
  private static double[] allStatistics(RollingWindows r) {
    List<Double> out = new ArrayList<>();
    for (double v : statistics(r, r.windowCount())) {
      out.add(v);
    }
    for (int w = 0; w < r.windowCount(); w++) {
      out.add(r.meanTime(w));
      out.add(r.timeSpread(w));
      out.add((double) r.incrementCount(w));
      for (int c = 0; c < r.components(); c++) {
        for (int term = -2; term < (c < r.shapeComponents() ? 6 : 3); term++) {
          out.add(r.rawSum(w, c, term));
        }
      }
    }
    double[] extrapolation = new double[4 * r.components()];
    r.extrapolate(
        0, r.windowCount() - 1, 3, 0, r.components(), r.lastTime() + 86_400.0, extrapolation);
    for (double v : extrapolation) {
      out.add(v);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static byte[] serialize(RollingWindows r) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    r.writeTo(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
