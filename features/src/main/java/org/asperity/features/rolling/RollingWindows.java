package org.asperity.features.rolling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Rolling statistics of a multi-component series over several trailing windows counted in samples
 * (e.g. the last 30, 365 and 3650 samples), updated in O(1) amortised time per sample.
 *
 * <p><b>Ring.</b> One ring buffer of capacity {@code max(window) + 1} holds the sample times (int
 * seconds from a time origin) and the component values as {@code float}s relative to a value
 * origin, interleaved per sample. Every window reads the samples it evicts back from that ring, so
 * statistics are computed from exactly the stored values and a term leaves with the very bits it
 * entered with. The extra slot keeps the sample just before the longest window, which that window's
 * first increment needs.
 *
 * <p><b>Origin.</b> Int seconds span 68 years either side of the origin, and a float's resolution
 * coarsens with its magnitude, so an unbounded record needs a moving origin: {@link #rebaseToFit}
 * moves both, deterministically, when the next time no longer fits ({@link #rebase}: whole seconds,
 * whole value units, every sum recomputed from the ring). The owner keeps the accumulated shifts
 * and subtracts them from later samples. Slopes, variances and increment moments do not depend on
 * the origin; means, min/max and times are reported relative to it.
 *
 * <p><b>Sums.</b> Times: exact integer sums of t and t&sup2; (128-bit) per window, so the time
 * spread n&Sigma;t&sup2; &minus; (&Sigma;t)&sup2; is exact however far the time origin. Values:
 * subtract-on-evict in a form that shares work between the nested windows: one {@link
 * CompensatedSums} "prefix" accumulator per term takes every new sample, and one "lagged"
 * accumulator per term and window takes every sample evicted from that window. A window sum is
 * prefix minus lagged, subtracted in double-double ({@link CompensatedSums#difference}), so it
 * stays within a few ulps however long the stream (each accumulator carries about 106 bits). Three
 * windows cost four compensated additions per term and sample instead of six, and all of them run
 * in one SIMD-friendly pass ({@link CompensatedSums#addAll}). The terms are, per component, y, ty
 * and y&sup2; (least-squares trend and the variance about it) and, for the first {@code
 * shapeComponents} components, the second to fourth powers of the increments d = y<sub>k</sub>
 * &minus; y<sub>k&minus;1</sub>: skewness and kurtosis of the increments, because differencing
 * removes a linear trend, so these are shape statistics of the detrended series without the
 * ill-conditioned third and fourth moments about a fitted line. The mean increment needs no sum: it
 * telescopes to (newest &minus; sample before the window) / m.
 *
 * <p><b>Minimum and maximum</b> (shape components) use the two-stacks sliding-window scheme: the
 * newest samples are folded into a running "back" aggregate; when the window start would enter the
 * back segment, the back segment becomes the "front" and its suffix minima/maxima are computed once
 * from the ring (O(W) every W samples). To bound memory the suffix aggregates are kept only at
 * block starts (at most 512 blocks per window); a query scans the at most {@code blockSize - 1}
 * samples between the window start and the next block start, a constant for a given window.
 *
 * <p>Statistics of a window with too few samples are {@code NaN}. Instances are not thread-safe.
 */
public final class RollingWindows {
  private static final int MAX_RANGE_BLOCKS = 512;

  /**
   * Ring slots per block when an owner stores the ring apart ({@link #writeRingBlock}): 64 samples
   * of a time and three components are 1 KiB, small next to the head, few keys for a long window.
   */
  public static final int RING_BLOCK_SAMPLES = 64;

  private static final int TERMS_PER_COMPONENT_TREND = 3;
  private static final int TERMS_PER_COMPONENT_SHAPE = 6;

  /** Relative size below which a centred second moment is treated as rounding noise (zero). */
  private static final double DEGENERATE_RELATIVE = 1e-9;

  private static final double TWO_TO_64 = 0x1p64;

  private static final int TERM_Y = 0;
  private static final int TERM_XY = 1;
  private static final int TERM_YY = 2;
  private static final int TERM_D2 = 3;
  private static final int TERM_D3 = 4;
  private static final int TERM_D4 = 5;

  private final int[] windowSizes;
  private final int windows;
  private final int components;
  private final int shapeComponents;
  private final int capacity;

  /** First sum slot of each component's terms; {@code terms} slots per accumulator set. */
  private final int[] slotOffset;

  private final int terms;

  // ---- state (serialized)
  /**
   * The ring, interleaved per sample: [time, bits of value 0, bits of value 1, ...] (floats as raw
   * int bits), so one sample's time and components share a cache line. Allocated by the first
   * sample or block that needs it: a head read only for its bookkeeping ({@link #readHeadFrom})
   * allocates and zeroes none of it (58 KiB with the default station windows).
   */
  private int[] ring;

  /** Blocks read since {@link #readHeadFrom}, a bit per block (see {@link #completeRingLoad}). */
  private long[] blocksRead;

  private final int stride;

  /**
   * Ring blocks changed since the owner last stored them, a bit per block (see {@link
   * #nextChangedRingBlock}); not state.
   */
  private final long[] changedBlocks;

  /** False between {@link #readHeadFrom} and {@link #completeRingLoad}. */
  private boolean ringLoaded = true;

  private final CompensatedSums sums;
  private final long[] timeSum;
  private final long[] timeSquaredHigh;
  private final long[] timeSquaredLow;
  private long count;

  /** Per window: logical index where the front segment starts and where the back segment starts. */
  private final long[] frontStart;

  private final long[] flipPoint;

  // ---- derived from the state (rebuilt on read)
  private int head;
  private final int[] oldestPosition;
  private final int[] blockSize;

  /** Back-segment min/max per (window, shape component), index w * shapeComponents + c. */
  private final float[] backMin;

  private final float[] backMax;

  /** Front-segment suffix min/max at block starts per (window, shape component). */
  private final float[][] suffixMin;

  private final float[][] suffixMax;

  // ---- caches (not state): per-window time statistics, valid while timeCacheCount[w] == count
  private final long[] timeCacheCount;
  private final long[] spreadCacheCount;
  private final int[] cachedCount;
  private final double[] inverseCount;
  private final double[] inverseDegreesOfFreedom;
  private final double[] meanTime;
  private final double[] timeSpread;
  private final double[] inverseTimeSpread;

  // Per-push scratch (not state): per window, the evicted sample's ring position (-1 if none),
  // its predecessor's position (-1 if none) and time.
  private final int[] evictPosition;
  private final int[] evictPrevious;
  private final double[] evictTime;
  private final double[] termScratch;

  // Holders for the single-statistic accessors (not state).
  private final Fit scratchFit = new Fit();
  private final Shape scratchShape = new Shape();

  /**
   * @param windowSizes window lengths in samples, each &ge; 1 (any order)
   * @param components number of value components per sample, &ge; 1
   * @param shapeComponents how many of the components, the first ones, also keep increment moments
   *     and min/max (the others keep the trend sums only)
   */
  public RollingWindows(int[] windowSizes, int components, int shapeComponents) {
    if (windowSizes.length == 0) {
      throw new IllegalArgumentException("at least one window is required");
    }
    if (components < 1 || shapeComponents < 0 || shapeComponents > components) {
      throw new IllegalArgumentException(
          "need 1 <= components and 0 <= shapeComponents <= components: "
              + components
              + ", "
              + shapeComponents);
    }
    int max = 0;
    for (int w : windowSizes) {
      if (w < 1) {
        throw new IllegalArgumentException(
            "window sizes must be >= 1: " + Arrays.toString(windowSizes));
      }
      max = Math.max(max, w);
    }
    if (max == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("window too large: " + max);
    }
    this.windowSizes = windowSizes.clone();
    this.windows = windowSizes.length;
    this.components = components;
    this.shapeComponents = shapeComponents;
    this.capacity = max + 1;
    this.slotOffset = new int[components];
    int slots = 0;
    for (int c = 0; c < components; c++) {
      slotOffset[c] = slots;
      slots += c < shapeComponents ? TERMS_PER_COMPONENT_SHAPE : TERMS_PER_COMPONENT_TREND;
    }
    this.terms = slots;
    this.stride = 1 + components;
    this.changedBlocks = new long[(ringBlocks() + 63) / 64];
    // One prefix accumulator set (all samples so far) and one lagged set per window (all samples
    // before the window start).
    this.sums = new CompensatedSums((1 + windows) * terms);
    this.termScratch = new double[(1 + windows) * terms];
    this.timeSum = new long[windows];
    this.timeSquaredHigh = new long[windows];
    this.timeSquaredLow = new long[windows];
    this.frontStart = new long[windows];
    this.flipPoint = new long[windows];
    this.oldestPosition = new int[windows];
    this.blockSize = new int[windows];
    this.timeCacheCount = new long[windows];
    Arrays.fill(timeCacheCount, -1);
    this.spreadCacheCount = new long[windows];
    Arrays.fill(spreadCacheCount, -1);
    this.evictPosition = new int[windows];
    this.evictPrevious = new int[windows];
    this.evictTime = new double[windows];
    this.cachedCount = new int[windows];
    Arrays.fill(cachedCount, -1);
    this.inverseCount = new double[windows];
    this.inverseDegreesOfFreedom = new double[windows];
    this.meanTime = new double[windows];
    this.timeSpread = new double[windows];
    this.inverseTimeSpread = new double[windows];
    this.backMin = new float[windows * shapeComponents];
    this.backMax = new float[windows * shapeComponents];
    Arrays.fill(backMin, Float.POSITIVE_INFINITY);
    Arrays.fill(backMax, Float.NEGATIVE_INFINITY);
    this.suffixMin = new float[windows * shapeComponents][];
    this.suffixMax = new float[windows * shapeComponents][];
    for (int w = 0; w < windows; w++) {
      int size = windowSizes[w];
      int block = (size + MAX_RANGE_BLOCKS - 1) / MAX_RANGE_BLOCKS;
      blockSize[w] = block;
      // The suffix arrays are allocated at the window's first flip (computeSuffixes): a state
      // read for its bookkeeping only never needs them.
    }
  }

  /**
   * Appends one sample. Times must not decrease (equal times are allowed; the slope then needs
   * other samples in the window to be defined).
   *
   * @param timeSeconds time of the sample, seconds from the owner's origin
   * @param sample one value per component; read, not kept
   */
  public void push(int timeSeconds, float[] sample) {
    if (sample.length != components) {
      throw new IllegalArgumentException(
          "expected " + components + " components, got " + sample.length);
    }
    requireRing();
    allocateRing();
    final long index = count;
    final int position = head;
    final int previousPosition = (position == 0 ? capacity : position) - 1;
    if (index > 0 && timeSeconds < ring[previousPosition * stride]) {
      throw new IllegalArgumentException(
          "time went backwards: " + timeSeconds + " < " + ring[previousPosition * stride]);
    }
    final long t = timeSeconds;
    final double x = timeSeconds;
    // Time sums per window, and where each window's evicted sample lives. The evicted sample is
    // read
    // before the ring slot is overwritten: for the longest window its predecessor lives in exactly
    // the slot the new sample takes.
    for (int w = 0; w < windows; w++) {
      final int size = windowSizes[w];
      final int oldPosition = oldestPosition[w];
      long to = 0;
      evictPosition[w] = -1;
      evictPrevious[w] = -1;
      evictTime[w] = 0.0;
      if (index >= size) {
        to = ring[oldPosition * stride];
        subtractTimeSquared(w, to * to);
        evictPosition[w] = oldPosition;
        evictPrevious[w] = index - size >= 1 ? (oldPosition == 0 ? capacity : oldPosition) - 1 : -1;
        evictTime[w] = to;
        oldestPosition[w] = oldPosition + 1 == capacity ? 0 : oldPosition + 1;
      }
      timeSum[w] += t - to;
      addTimeSquared(w, t * t);
    }
    // All terms of this sample (prefix set) and of the evicted samples (one lagged set per window)
    // go into one array, zero where nothing is evicted, and into the sums in one SIMD-friendly
    // pass.
    final double[] term = termScratch;
    for (int c = 0; c < components; c++) {
      final double y = sample[c];
      final int slot = slotOffset[c];
      term[slot + TERM_Y] = y;
      term[slot + TERM_XY] = x * y;
      term[slot + TERM_YY] = y * y;
      if (c < shapeComponents) {
        final double d = index >= 1 ? y - value(previousPosition, c) : 0.0;
        final double d2 = d * d;
        term[slot + TERM_D2] = d2;
        term[slot + TERM_D3] = d2 * d;
        term[slot + TERM_D4] = d2 * d2;
      }
    }
    for (int w = 0; w < windows; w++) {
      final int oldPosition = evictPosition[w];
      final int oldPrevious = evictPrevious[w];
      final double xo = evictTime[w];
      final int lagged = (1 + w) * terms;
      for (int c = 0; c < components; c++) {
        final int slot = lagged + slotOffset[c];
        final double yo = oldPosition >= 0 ? value(oldPosition, c) : 0.0;
        term[slot + TERM_Y] = yo;
        term[slot + TERM_XY] = xo * yo;
        term[slot + TERM_YY] = yo * yo;
        if (c < shapeComponents) {
          final double od = oldPrevious >= 0 ? yo - value(oldPrevious, c) : 0.0;
          final double od2 = od * od;
          term[slot + TERM_D2] = od2;
          term[slot + TERM_D3] = od2 * od;
          term[slot + TERM_D4] = od2 * od2;
        }
      }
    }
    sums.addAll(term);
    for (int w = 0; w < windows && shapeComponents > 0; w++) {
      // The window start after this push; when it would enter the back segment, flip.
      if (index + 1 - windowSizes[w] > flipPoint[w]) {
        frontStart[w] = flipPoint[w];
        flipPoint[w] = index;
        computeSuffixes(w, frontStart[w]);
        Arrays.fill(
            backMin, w * shapeComponents, (w + 1) * shapeComponents, Float.POSITIVE_INFINITY);
        Arrays.fill(
            backMax, w * shapeComponents, (w + 1) * shapeComponents, Float.NEGATIVE_INFINITY);
      }
      for (int c = 0, k = w * shapeComponents; c < shapeComponents; c++, k++) {
        backMin[k] = Math.min(backMin[k], sample[c]);
        backMax[k] = Math.max(backMax[k], sample[c]);
      }
    }
    final int at = position * stride;
    ring[at] = timeSeconds;
    for (int c = 0; c < components; c++) {
      ring[at + 1 + c] = Float.floatToRawIntBits(sample[c]);
    }
    markChanged(position);
    head = position + 1 == capacity ? 0 : position + 1;
    count = index + 1;
  }

  private void addTimeSquared(int w, long square) {
    final long low = timeSquaredLow[w] + square;
    if (Long.compareUnsigned(low, timeSquaredLow[w]) < 0) {
      timeSquaredHigh[w]++;
    }
    timeSquaredLow[w] = low;
  }

  private void subtractTimeSquared(int w, long square) {
    if (Long.compareUnsigned(timeSquaredLow[w], square) < 0) {
      timeSquaredHigh[w]--;
    }
    timeSquaredLow[w] -= square;
  }

  /**
   * n&Sigma;(t &minus; t&#772;)&sup2; = n&Sigma;t&sup2; &minus; (&Sigma;t)&sup2;, exact in 128-bit
   * integers (t&sup2; &lt; 2<sup>62</sup>, n &lt; 2<sup>31</sup>), then one rounding to double.
   */
  private double exactTimeSpreadTimesCount(int w) {
    final int n = count(w);
    final long low = timeSquaredLow[w];
    final long high = timeSquaredHigh[w];
    final long productLow = low * n;
    final long productHigh = high * n + unsignedMultiplyHigh(low, n);
    final long sum = timeSum[w];
    final long squareLow = sum * sum;
    final long squareHigh = Math.multiplyHigh(sum, sum);
    final long differenceLow = productLow - squareLow;
    final long borrow = Long.compareUnsigned(productLow, squareLow) < 0 ? 1 : 0;
    final long differenceHigh = productHigh - squareHigh - borrow;
    return toDouble(differenceHigh, differenceLow);
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /**
   * The unsigned 128-bit integer high:low as a double (the low part correctly rounded, round-to-odd
   * halving).
   */
  private static double toDouble(long high, long low) {
    final double lowValue = low >= 0 ? (double) low : (double) ((low >>> 1) | (low & 1)) * 2.0;
    return (double) high * TWO_TO_64 + lowValue;
  }

  /**
   * Suffix min/max of the front segment [frontStart, flipPoint) at block starts not below {@code
   * lowest}.
   */
  private void computeSuffixes(int w, long lowest) {
    final long start = frontStart[w];
    final int length = (int) (flipPoint[w] - start);
    final int lowestOffset = (int) (lowest - start);
    final int block = blockSize[w];
    final int lastPosition = positionOf(start + length - 1);
    for (int c = 0; c < shapeComponents; c++) {
      final int k = w * shapeComponents + c;
      if (suffixMin[k] == null) {
        suffixMin[k] = new float[suffixLength(w)];
        suffixMax[k] = new float[suffixLength(w)];
      }
      final float[] sufMin = suffixMin[k];
      final float[] sufMax = suffixMax[k];
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      int position = lastPosition;
      // Walk backwards keeping offset = blockIndex * block + remainder, without a division per
      // sample.
      int blockIndex = (length - 1) / block;
      int remainder = (length - 1) - blockIndex * block;
      for (int offset = length - 1; offset >= lowestOffset; offset--) {
        final float v = value(position, c);
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (remainder == 0) {
          sufMin[blockIndex] = min;
          sufMax[blockIndex] = max;
          remainder = block;
          blockIndex--;
        }
        remainder--;
        position = (position == 0 ? capacity : position) - 1;
      }
    }
  }

  /** Suffix aggregates kept per window: one per block of its samples. */
  private int suffixLength(int w) {
    return (windowSizes[w] + blockSize[w] - 1) / blockSize[w];
  }

  private float value(int position, int c) {
    return Float.intBitsToFloat(ring[position * stride + 1 + c]);
  }

  private int physical(long logicalIndex) {
    return (int) (logicalIndex % capacity);
  }

  /**
   * Ring position of a retained sample, count - capacity &le; index &lt; count, without a division.
   */
  private int positionOf(long logicalIndex) {
    final int p = head - (int) (count - logicalIndex);
    return p < 0 ? p + capacity : p;
  }

  // ---------------------------------------------------------------- statistics

  public int windowCount() {
    return windows;
  }

  public int windowSize(int w) {
    return windowSizes[w];
  }

  public int components() {
    return components;
  }

  /** How many components (the first ones) keep increment moments and min/max. */
  public int shapeComponents() {
    return shapeComponents;
  }

  /** Samples pushed since construction. */
  public long totalCount() {
    return count;
  }

  /** Samples currently in window {@code w}. */
  public int count(int w) {
    return (int) Math.min(count, windowSizes[w]);
  }

  /** Increments (differences of consecutive samples) whose later sample is in window {@code w}. */
  public int incrementCount(int w) {
    int n = count(w);
    if (n == 0) {
      return 0;
    }
    return count - n == 0 ? n - 1 : n;
  }

  /** Time of the newest sample; throws when empty. */
  public int lastTime() {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    return ring[((head == 0 ? capacity : head) - 1) * stride];
  }

  /** Value of component {@code c} of the newest sample; throws when empty. */
  public float lastValue(int c) {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    return value((head == 0 ? capacity : head) - 1, c);
  }

  /**
   * Least-squares summary of one component over one window: a reusable holder, so a read allocates
   * nothing.
   */
  public static final class Fit {
    /** Samples in the window. */
    public int count;

    /** 1 / count. */
    public double inverseCount;

    /** Mean time, s; NaN when empty. */
    public double meanTime;

    /** Mean value; NaN when empty. */
    public double mean;

    /**
     * &Sigma;(t &minus; t&#772;)&sup2;, s&sup2;; NaN with fewer than two samples or when all times
     * are equal.
     */
    public double timeSpread;

    /** 1 / timeSpread. */
    public double inverseTimeSpread;

    /** Least-squares slope per second; NaN when the time spread is. */
    public double slope;

    /**
     * Variance about the line, &Sigma;r&sup2;/(n&minus;2) (unbiased for white noise); NaN with
     * fewer than 3 samples or no spread.
     */
    public double residualVariance;
  }

  /** Shape of one component over one window: a reusable holder. */
  public static final class Shape {
    /** Increments (differences of consecutive samples) whose later sample is in the window. */
    public int incrementCount;

    /** Skewness (population, g1) of the increments; NaN with fewer than 3 or when degenerate. */
    public double incrementSkewness;

    /**
     * Excess kurtosis (population, g2) of the increments; NaN with fewer than 4 or when degenerate.
     */
    public double incrementExcessKurtosis;

    /** Minimum value; NaN when empty. */
    public double min;

    /** Maximum value; NaN when empty. */
    public double max;
  }

  /**
   * Per-window time statistics and reciprocals, computed once per sample count, so reading several
   * components costs no division (reciprocal multiplications are as deterministic as divisions).
   */
  private void refreshTime(int w) {
    refreshMean(w);
    if (spreadCacheCount[w] == count) {
      return;
    }
    spreadCacheCount[w] = count;
    final int n = cachedCount[w];
    double spread = n >= 2 ? exactTimeSpreadTimesCount(w) * inverseCount[w] : Double.NaN;
    if (!(spread > 0)) {
      spread = Double.NaN;
    }
    timeSpread[w] = spread;
    inverseTimeSpread[w] = 1.0 / spread;
  }

  /** Count reciprocals and mean time of window {@code w} (cheap: no time spread). */
  private void refreshMean(int w) {
    if (timeCacheCount[w] == count) {
      return;
    }
    timeCacheCount[w] = count;
    final int n = count(w);
    if (n != cachedCount[w]) {
      cachedCount[w] = n;
      inverseCount[w] = 1.0 / n;
      inverseDegreesOfFreedom[w] = n >= 3 ? 1.0 / (n - 2) : Double.NaN;
    }
    meanTime[w] = n == 0 ? Double.NaN : timeSum[w] * inverseCount[w];
  }

  /**
   * Fills {@code out} with the least-squares summary of component {@code c} over window {@code w}.
   */
  public void fit(int w, int c, Fit out) {
    refreshTime(w);
    final int n = count(w);
    out.count = n;
    out.inverseCount = inverseCount[w];
    out.meanTime = meanTime[w];
    out.timeSpread = timeSpread[w];
    out.inverseTimeSpread = inverseTimeSpread[w];
    if (n == 0) {
      out.mean = Double.NaN;
      out.slope = Double.NaN;
      out.residualVariance = Double.NaN;
      return;
    }
    final double sy = sum(w, c, TERM_Y);
    final double mean = sy * inverseCount[w];
    out.mean = mean;
    if (Double.isNaN(timeSpread[w])) {
      out.slope = Double.NaN;
      out.residualVariance = Double.NaN;
      return;
    }
    final double cxy = sum(w, c, TERM_XY) - timeSum[w] * mean;
    final double slope = cxy * inverseTimeSpread[w];
    out.slope = slope;
    // NaN below three samples (the reciprocal is NaN then).
    out.residualVariance =
        Math.max(sum(w, c, TERM_YY) - sy * mean - cxy * slope, 0.0) * inverseDegreesOfFreedom[w];
  }

  /**
   * Linear extrapolation of components {@code from} to {@code to - 1} to {@code time}: the mean of
   * {@code levelWindow} plus the least-squares slope of {@code trendWindow} times (time &minus;
   * mean time of {@code levelWindow}), the slope being used only when the trend window holds at
   * least {@code minTrendSamples} (and 3) samples with a time spread. Writes, for each component c,
   * into {@code out[4 (c - from) + k]}: k = 0 the extrapolated value, 1 the trend window's residual
   * variance (NaN without a trend), 2 (time &minus; t&#772;)&sup2; / &Sigma;(t &minus;
   * t&#772;)&sup2; of the trend window (the slope-variance factor; 0 without a trend), 3 one over
   * the samples in the level window. Reads only the sums it needs: this is the per-sample
   * prediction path.
   */
  public void extrapolate(
      int levelWindow,
      int trendWindow,
      int minTrendSamples,
      int from,
      int to,
      double time,
      double[] out) {
    refreshMean(levelWindow);
    final double inverseLevelCount = inverseCount[levelWindow];
    final double dt = time - meanTime[levelWindow];
    final int n = count(trendWindow);
    boolean trend = n >= minTrendSamples && n >= 3;
    if (trend) {
      refreshTime(trendWindow);
      trend = !Double.isNaN(timeSpread[trendWindow]);
    }
    for (int c = from, o = 0; c < to; c++, o += 4) {
      final double level = sum(levelWindow, c, TERM_Y) * inverseLevelCount;
      out[o + 3] = inverseLevelCount;
      if (!trend) {
        out[o] = level;
        out[o + 1] = Double.NaN;
        out[o + 2] = 0.0;
        continue;
      }
      final double sy = sum(trendWindow, c, TERM_Y);
      final double mean = sy * inverseCount[trendWindow];
      final double cxy = sum(trendWindow, c, TERM_XY) - timeSum[trendWindow] * mean;
      final double slope = cxy * inverseTimeSpread[trendWindow];
      out[o] = level + slope * dt;
      out[o + 1] =
          Math.max(sum(trendWindow, c, TERM_YY) - sy * mean - cxy * slope, 0.0)
              * inverseDegreesOfFreedom[trendWindow];
      out[o + 2] = dt * dt * inverseTimeSpread[trendWindow];
    }
  }

  /**
   * Fills {@code out} with the increment moments and the min/max of component {@code c} over window
   * {@code w}.
   */
  public void shape(int w, int c, Shape out) {
    requireShape(c);
    final int m = incrementCount(w);
    out.incrementCount = m;
    out.incrementSkewness = Double.NaN;
    out.incrementExcessKurtosis = Double.NaN;
    if (m >= 3) {
      refreshMean(w);
      // m is n, or n - 1 while the window still starts at the first sample.
      final double inverse = m == cachedCount[w] ? inverseCount[w] : 1.0 / m;
      final double mu = incrementSum(w, c) * inverse;
      final double r2 = sum(w, c, TERM_D2) * inverse;
      final double m2 = r2 - mu * mu;
      if (m2 > DEGENERATE_RELATIVE * r2) {
        final double r3 = sum(w, c, TERM_D3) * inverse;
        final double r4 = sum(w, c, TERM_D4) * inverse;
        final double mu2 = mu * mu;
        final double m3 = r3 - 3 * mu * r2 + 2 * mu2 * mu;
        final double m4 = r4 - 4 * mu * r3 + 6 * mu2 * r2 - 3 * mu2 * mu2;
        // g1 = m3 / m2^1.5 = m3 sqrt(m2) / m2^2 and g2 = m4 / m2^2 - 3: one division, one root.
        final double inverseSquare = 1.0 / (m2 * m2);
        out.incrementSkewness = m3 * Math.sqrt(m2) * inverseSquare;
        if (m >= 4) {
          out.incrementExcessKurtosis = m4 * inverseSquare - 3.0;
        }
      }
    }
    minMax(w, c, out);
  }

  private void minMax(int w, int c, Shape out) {
    if (count == 0) {
      out.min = Double.NaN;
      out.max = Double.NaN;
      return;
    }
    final int k = w * shapeComponents + c;
    float min = backMin[k];
    float max = backMax[k];
    final long start = count - count(w);
    final long flip = flipPoint[w];
    if (start < flip) {
      final long front = frontStart[w];
      final int block = blockSize[w];
      final int j = ((int) (start - front) + block - 1) / block;
      final long blockStart = front + (long) j * block;
      // Two interleaved accumulators halve the min/max dependency chain of the scan.
      float min2 = min;
      float max2 = max;
      int position = positionOf(start);
      final int scan = (int) (Math.min(blockStart, flip) - start);
      int i = 0;
      for (; i + 1 < scan; i += 2) {
        final float a = value(position, c);
        position = position + 1 == capacity ? 0 : position + 1;
        final float b = value(position, c);
        position = position + 1 == capacity ? 0 : position + 1;
        min = Math.min(min, a);
        max = Math.max(max, a);
        min2 = Math.min(min2, b);
        max2 = Math.max(max2, b);
      }
      if (i < scan) {
        min = Math.min(min, value(position, c));
        max = Math.max(max, value(position, c));
      }
      min = Math.min(min, min2);
      max = Math.max(max, max2);
      if (blockStart < flip) {
        min = Math.min(min, suffixMin[k][j]);
        max = Math.max(max, suffixMax[k][j]);
      }
    }
    out.min = min;
    out.max = max;
  }

  /** Mean time of window {@code w}, NaN when empty. */
  public double meanTime(int w) {
    refreshMean(w);
    return meanTime[w];
  }

  /** See {@link Fit#timeSpread}. */
  public double timeSpread(int w) {
    refreshTime(w);
    return timeSpread[w];
  }

  /** Mean of component {@code c} over window {@code w}, NaN when empty. */
  public double mean(int w, int c) {
    fit(w, c, scratchFit);
    return scratchFit.mean;
  }

  /** See {@link Fit#slope}. */
  public double slopePerSecond(int w, int c) {
    fit(w, c, scratchFit);
    return scratchFit.slope;
  }

  /** See {@link Fit#residualVariance}. */
  public double detrendedVariance(int w, int c) {
    fit(w, c, scratchFit);
    return scratchFit.residualVariance;
  }

  /** See {@link Shape#incrementSkewness}. */
  public double incrementSkewness(int w, int c) {
    shape(w, c, scratchShape);
    return scratchShape.incrementSkewness;
  }

  /** See {@link Shape#incrementExcessKurtosis}. */
  public double incrementExcessKurtosis(int w, int c) {
    shape(w, c, scratchShape);
    return scratchShape.incrementExcessKurtosis;
  }

  /** Minimum of component {@code c} over window {@code w}; NaN when empty. */
  public double min(int w, int c) {
    shape(w, c, scratchShape);
    return scratchShape.min;
  }

  /** Maximum of component {@code c} over window {@code w}; NaN when empty. */
  public double max(int w, int c) {
    shape(w, c, scratchShape);
    return scratchShape.max;
  }

  /** Maximum minus minimum of component {@code c} over window {@code w}; NaN when empty. */
  public double range(int w, int c) {
    shape(w, c, scratchShape);
    return scratchShape.max - scratchShape.min;
  }

  /**
   * Sum of the increments in window {@code w}: it telescopes to newest minus the sample before the
   * first increment, which is exact (differences of floats are exact in double) and needs no sum.
   */
  double incrementSum(int w, int c) {
    int n = count(w);
    long first = count - n;
    long before = first == 0 ? 0 : first - 1;
    return (double) value(positionOf(count - 1), c) - (double) value(positionOf(before), c);
  }

  private void requireShape(int c) {
    if (c >= shapeComponents) {
      throw new IllegalStateException("component " + c + " keeps trend statistics only");
    }
  }

  private double sum(int w, int c, int term) {
    final int slot = slotOffset[c] + term;
    return sums.difference(slot, (1 + w) * terms + slot);
  }

  /**
   * Raw window sums, for tests: term 0..5 = y, ty, y&sup2;, d&sup2;, d&sup3;, d&#8308;; -1 = t, -2
   * = t&sup2;.
   */
  double rawSum(int w, int c, int term) {
    if (term == -1) {
      return timeSum[w];
    }
    if (term == -2) {
      return toDouble(timeSquaredHigh[w], timeSquaredLow[w]);
    }
    return sum(w, c, term);
  }

  // ---------------------------------------------------------------- origin

  /**
   * Makes room for a sample at {@code timeSeconds} (from the current origin) when it no longer fits
   * in an int, by moving both origins with {@link #rebase}; does nothing (returns 0, zero value
   * shifts) when it fits. The policy is a function of the retained samples only, so a replayed or
   * restored stream re-bases at the same sample with the same shifts:
   *
   * <ul>
   *   <li>time: the oldest retained sample moves to {@link Integer#MIN_VALUE}, so the origin moves
   *       as rarely as possible: after 2<sup>31</sup> s for a series starting at 0, then once per
   *       2<sup>32</sup> s minus the retained span (about 126 years for daily samples and a
   *       3650-sample window). Each move costs O(capacity): 0.12 ms for a station's default
   *       windows, about 600 updates' worth, 1.4 % of the updates between two moves.
   *   <li>values: each component moves by its newest value rounded to a whole unit (zero while that
   *       is below half a unit), so stored values stay near zero, where a float resolves finest
   *       (its spacing is 6&times;10<sup>&minus;5</sup> at 500 but 5&times;10<sup>&minus;7</sup> at
   *       5). Whole units shift exactly every value within a factor of two of the shift (Sterbenz),
   *       and keep an owner's accumulated value origin an exact sum of integers.
   * </ul>
   *
   * @param timeSeconds time of the next sample, seconds from the current origin (&ge; the newest)
   * @param valueShiftOut receives the value shift of each component (the owner adds it to its value
   *     origin and subtracts it from later samples)
   * @return the time shift in seconds (the owner moves its origin forward by it; the sample's time
   *     is then {@code timeSeconds} minus it)
   * @throws IllegalStateException when the retained samples and the new one span more than
   *     2<sup>32</sup> &minus; 1 s (136 years), which int times cannot hold
   */
  public long rebaseToFit(long timeSeconds, float[] valueShiftOut) {
    if (valueShiftOut.length != components) {
      throw new IllegalArgumentException(
          "expected " + components + " value shifts, got " + valueShiftOut.length);
    }
    Arrays.fill(valueShiftOut, 0f);
    if (timeSeconds <= Integer.MAX_VALUE) {
      return 0;
    }
    final long oldest =
        count == 0 ? timeSeconds : ring[positionOf(count - Math.min(count, capacity)) * stride];
    final long shift = oldest - Integer.MIN_VALUE;
    if (timeSeconds - shift > Integer.MAX_VALUE) {
      throw new IllegalStateException(
          "the "
              + Math.min(count, capacity)
              + " retained samples and the next one "
              + "span "
              + (timeSeconds - oldest)
              + " s, more than int times can hold (2^32 - 1 s)");
    }
    for (int c = 0; c < components && count > 0; c++) {
      // + 0f turns the -0 of a small negative value into +0.
      valueShiftOut[c] = (float) Math.rint(lastValue(c)) + 0f;
    }
    rebase(shift, valueShiftOut);
    return shift;
  }

  /**
   * Moves the origin: every retained time t becomes t &minus; {@code shiftSeconds} and every value
   * y of component c becomes the float y &minus; {@code valueShift[c]} (one float subtraction:
   * exact when y is within a factor of two of the shift, rounded once otherwise). Then every sum
   * and the min/max aggregates are recomputed from the ring, in the order a fresh instance fed the
   * retained samples would form them, so every statistic is afterwards bit for bit that instance's:
   * the state is again a function of the retained samples only (which also restarts the prefix sums
   * that otherwise grow with the whole stream). O(capacity); the owner subtracts the same shifts
   * from later samples.
   *
   * @throws IllegalArgumentException when a shifted time leaves the int range or a shift is not
   *     finite
   */
  public void rebase(long shiftSeconds, float[] valueShift) {
    requireRing();
    allocateRing();
    if (valueShift.length != components) {
      throw new IllegalArgumentException(
          "expected " + components + " value shifts, got " + valueShift.length);
    }
    for (float v : valueShift) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(
            "value shift must be finite: " + Arrays.toString(valueShift));
      }
    }
    final int retained = (int) Math.min(count, capacity);
    final long first = count - retained;
    if (retained > 0) {
      final long oldest = ring[positionOf(first) * stride] - shiftSeconds;
      final long newest = lastTime() - shiftSeconds;
      if (oldest < Integer.MIN_VALUE || newest > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shift " + shiftSeconds + " s moves retained times out of the int range");
      }
    }
    boolean valuesMove = false;
    for (float v : valueShift) {
      valuesMove |= v != 0f;
    }
    for (long k = first; k < count; k++) {
      final int at = positionOf(k) * stride;
      ring[at] = (int) (ring[at] - shiftSeconds);
      for (int c = 0; c < components; c++) {
        if (valueShift[c] != 0f) {
          ring[at + 1 + c] =
              Float.floatToRawIntBits(Float.intBitsToFloat(ring[at + 1 + c]) - valueShift[c]);
        }
      }
    }
    if (retained > 0) {
      Arrays.fill(changedBlocks, -1L);
    }
    rebuildSums(first, retained);
    for (int w = 0; w < windows && shapeComponents > 0 && valuesMove; w++) {
      final long start = count - count(w);
      if (start < flipPoint[w]) {
        computeSuffixes(w, start);
      }
      rebuildBack(w);
    }
    Arrays.fill(timeCacheCount, -1);
    Arrays.fill(spreadCacheCount, -1);
  }

  /**
   * All sums from the retained samples {@code first ..}: one running set takes every sample in
   * order (the prefix set at the end); each window's lagged set is that running set as it stood
   * before the window's first sample, i.e. after exactly the samples a fresh instance would have
   * evicted from it. Same compensated additions in the same order as a fresh instance (adding a
   * zero term, which a fresh instance does for windows that evict nothing, leaves a slot's bits
   * unchanged).
   */
  private void rebuildSums(long first, int retained) {
    sums.clear();
    final double[] term = termScratch;
    for (int j = 0; j < retained; j++) {
      for (int w = 0; w < windows; w++) {
        if (retained - windowSizes[w] == j) {
          sums.copy(0, (1 + w) * terms, terms);
        }
      }
      final int position = positionOf(first + j);
      ringTerms(position, j == 0 ? -1 : (position == 0 ? capacity : position) - 1, term);
      for (int i = 0; i < terms; i++) {
        sums.add(i, term[i]);
      }
    }
    for (int w = 0; w < windows; w++) {
      timeSum[w] = 0;
      timeSquaredHigh[w] = 0;
      timeSquaredLow[w] = 0;
      for (long k = count - count(w); k < count; k++) {
        final long t = ring[positionOf(k) * stride];
        timeSum[w] += t;
        addTimeSquared(w, t * t);
      }
    }
  }

  /**
   * The terms of the ring sample at {@code position} into {@code term[0 .. terms)}, formed exactly
   * as {@link #push} forms them; {@code previous} is its predecessor's position, or -1 for none
   * (then the increment is 0, as for a first sample).
   */
  private void ringTerms(int position, int previous, double[] term) {
    final double x = ring[position * stride];
    for (int c = 0; c < components; c++) {
      final double y = value(position, c);
      final int slot = slotOffset[c];
      term[slot + TERM_Y] = y;
      term[slot + TERM_XY] = x * y;
      term[slot + TERM_YY] = y * y;
      if (c < shapeComponents) {
        final double d = previous >= 0 ? y - value(previous, c) : 0.0;
        final double d2 = d * d;
        term[slot + TERM_D2] = d2;
        term[slot + TERM_D3] = d2 * d;
        term[slot + TERM_D4] = d2 * d2;
      }
    }
  }

  // ---------------------------------------------------------------- state

  /**
   * Writes the semantic state: configuration header, sample count, the retained ring samples in
   * logical order, the exact sum bits (compensated and integer) and the two-stacks flip points.
   * Derived aggregates (suffix and back min/max) are recomputed from the ring on read, which is
   * exact.
   */
  public void writeTo(DataOutput out) throws IOException {
    writeShape(out);
    out.writeLong(count);
    int retained = (int) Math.min(count, capacity);
    for (long k = count - retained; k < count; k++) {
      int position = physical(k);
      out.writeInt(ring[position * stride]);
      for (int c = 0; c < components; c++) {
        out.writeFloat(value(position, c));
      }
    }
    writeSumsAndFlips(out);
  }

  /** Restores what {@link #writeTo} wrote into a freshly constructed instance of the same shape. */
  public void readFrom(DataInput in) throws IOException {
    allocateRing();
    readShape(in);
    readCount(in);
    int retained = (int) Math.min(count, capacity);
    for (long k = count - retained; k < count; k++) {
      int position = physical(k);
      ring[position * stride] = in.readInt();
      for (int c = 0; c < components; c++) {
        ring[position * stride + 1 + c] = Float.floatToRawIntBits(in.readFloat());
      }
    }
    readSumsAndFlips(in);
    ringLoaded = true;
    rebuildRanges();
    // Whatever stored the ring apart before holds another state now.
    Arrays.fill(changedBlocks, -1L);
  }

  // ------------------------------------------------- state stored apart: a head and ring blocks

  /**
   * Everything {@link #writeTo} writes except the ring's samples: what an owner that stores the
   * ring in blocks of its own ({@link #writeRingBlock}) rewrites at every update. With the default
   * station windows this is about 1 KiB, against 57 KiB for the whole ring, so a store that writes
   * what changed (a key-value state backend, whose incremental checkpoints carry what was written)
   * writes the head and one block per sample instead of every retained sample.
   */
  public void writeHeadTo(DataOutput out) throws IOException {
    writeShape(out);
    out.writeLong(count);
    writeSumsAndFlips(out);
    // The back segments' min/max too (48 bytes with the default windows): a load would otherwise
    // rescan up to a whole window of samples for them.
    for (int k = 0; k < backMin.length; k++) {
      out.writeFloat(backMin[k]);
      out.writeFloat(backMax[k]);
    }
  }

  /**
   * Restores what {@link #writeHeadTo} wrote into a freshly constructed instance of the same shape.
   * The ring is then not loaded: read every block written since construction with {@link
   * #readRingBlock} (blocks never written hold zeros, as in a fresh instance), then call {@link
   * #completeRingLoad}. Until then the instance refuses samples.
   */
  public void readHeadFrom(DataInput in) throws IOException {
    readShape(in);
    readCount(in);
    readSumsAndFlips(in);
    for (int k = 0; k < backMin.length; k++) {
      backMin[k] = in.readFloat();
      backMax[k] = in.readFloat();
    }
    ringLoaded = false;
    blocksRead = new long[(ringBlocks() + 63) / 64];
  }

  /** Whether the ring's samples are in memory (always, except between a head read and its load). */
  public boolean ringLoaded() {
    return ringLoaded;
  }

  /**
   * How many blocks the ring is stored in ({@link #RING_BLOCK_SAMPLES} slots each, the last fewer).
   */
  public int ringBlocks() {
    return (capacity + RING_BLOCK_SAMPLES - 1) / RING_BLOCK_SAMPLES;
  }

  /** Bytes of block {@code block} as {@link #writeRingBlock} writes it. */
  public int ringBlockBytes(int block) {
    return 4 * stride * blockSlots(block);
  }

  private int blockSlots(int block) {
    if (block < 0 || block >= ringBlocks()) {
      throw new IndexOutOfBoundsException("ring block " + block + " of " + ringBlocks());
    }
    return Math.min(RING_BLOCK_SAMPLES, capacity - block * RING_BLOCK_SAMPLES);
  }

  /**
   * Writes the ring slots of block {@code block} as they are (a slot of a physical position, not of
   * a logical sample, so a sample never moves between blocks).
   */
  public void writeRingBlock(int block, DataOutput out) throws IOException {
    allocateRing();
    final int from = block * RING_BLOCK_SAMPLES * stride;
    final int to = from + blockSlots(block) * stride;
    for (int i = from; i < to; i++) {
      out.writeInt(ring[i]);
    }
  }

  /** Reads block {@code block} as {@link #writeRingBlock} wrote it; see {@link #readHeadFrom}. */
  public void readRingBlock(int block, DataInput in) throws IOException {
    if (ringLoaded) {
      throw new IllegalStateException("the ring is loaded already");
    }
    allocateRing();
    final int from = block * RING_BLOCK_SAMPLES * stride;
    final int to = from + blockSlots(block) * stride;
    for (int i = from; i < to; i++) {
      ring[i] = in.readInt();
    }
    blocksRead[block >>> 6] |= 1L << block;
  }

  /**
   * Ends a load begun by {@link #readHeadFrom}: rebuilds the min/max aggregates from the ring, as
   * {@link #readFrom} does, so the instance is again bit for bit the one that was written.
   *
   * @throws IOException when a block that holds retained samples was not read, or the blocks read
   *     do not fit the head (times out of order)
   */
  public void completeRingLoad() throws IOException {
    if (ringLoaded) {
      throw new IllegalStateException("the ring is loaded already");
    }
    final int retained = (int) Math.min(count, capacity);
    // Retained samples sit at the physical slots 0 .. retained - 1 (all of them once wrapped).
    final int needed = retained == 0 ? 0 : (retained - 1) / RING_BLOCK_SAMPLES + 1;
    for (int b = 0; b < needed; b++) {
      if ((blocksRead[b >>> 6] & (1L << b)) == 0) {
        throw new IOException(
            "ring block " + b + " of a state of " + count + " samples is missing");
      }
    }
    allocateRing();
    // Times must not decrease where one block meets the next (within a block they were written
    // together): a stale or foreign block shows there.
    final long first = count - retained;
    for (int position = 0; position < capacity; position += RING_BLOCK_SAMPLES) {
      // The retained sample in this block's first slot, if any, and its predecessor.
      final long k = first + Math.floorMod(position - physical(first), capacity);
      if (k > first && k < count && ring[position * stride] < ring[physical(k - 1) * stride]) {
        throw new IOException(
            "ring blocks do not fit the head: sample " + k + "'s time is before its predecessor's");
      }
    }
    ringLoaded = true;
    for (int w = 0; w < windows && shapeComponents > 0; w++) {
      final long start = count - count(w);
      if (start < flipPoint[w]) {
        computeSuffixes(w, start);
      }
    }
  }

  /**
   * The first block at or after {@code from} whose slots changed since the last {@link
   * #clearChangedRingBlocks} (or since construction; every block after a whole {@link #readFrom}),
   * or -1: the blocks an owner storing the ring apart must write.
   */
  public int nextChangedRingBlock(int from) {
    final int blocks = ringBlocks();
    for (int b = Math.max(0, from); b < blocks; b++) {
      if ((changedBlocks[b >>> 6] & (1L << b)) != 0) {
        return b;
      }
    }
    return -1;
  }

  /** Marks every block as stored (see {@link #nextChangedRingBlock}). */
  public void clearChangedRingBlocks() {
    Arrays.fill(changedBlocks, 0L);
  }

  private void allocateRing() {
    if (ring == null) {
      ring = new int[capacity * stride];
    }
  }

  private void markChanged(int position) {
    final int block = position / RING_BLOCK_SAMPLES;
    changedBlocks[block >>> 6] |= 1L << block;
  }

  private void requireRing() {
    if (!ringLoaded) {
      throw new IllegalStateException(
          "the ring's blocks are not loaded (readHeadFrom without completeRingLoad)");
    }
  }

  private void writeShape(DataOutput out) throws IOException {
    out.writeByte(windows);
    for (int w : windowSizes) {
      out.writeInt(w);
    }
    out.writeByte(components);
    out.writeByte(shapeComponents);
  }

  private void writeSumsAndFlips(DataOutput out) throws IOException {
    sums.writeTo(out);
    for (int w = 0; w < windows; w++) {
      out.writeLong(timeSum[w]);
      out.writeLong(timeSquaredHigh[w]);
      out.writeLong(timeSquaredLow[w]);
    }
    if (shapeComponents > 0) {
      for (int w = 0; w < windows; w++) {
        out.writeLong(frontStart[w]);
        out.writeLong(flipPoint[w]);
      }
    }
  }

  private void readShape(DataInput in) throws IOException {
    int windowsRead = in.readUnsignedByte();
    int[] sizes = new int[windowsRead];
    for (int w = 0; w < windowsRead; w++) {
      sizes[w] = in.readInt();
    }
    int comps = in.readUnsignedByte();
    int shapes = in.readUnsignedByte();
    if (!Arrays.equals(sizes, windowSizes) || comps != components || shapes != shapeComponents) {
      throw new IOException(
          "rolling state written for windows "
              + Arrays.toString(sizes)
              + ", components "
              + comps
              + " ("
              + shapes
              + " with shape) cannot be read into windows "
              + Arrays.toString(windowSizes)
              + ", components "
              + components
              + " ("
              + shapeComponents
              + " with shape)");
    }
  }

  private void readCount(DataInput in) throws IOException {
    long n = in.readLong();
    if (n < 0) {
      throw new IOException("negative sample count " + n);
    }
    count = n;
    head = physical(count);
    Arrays.fill(timeCacheCount, -1);
    Arrays.fill(spreadCacheCount, -1);
    Arrays.fill(cachedCount, -1);
  }

  private void readSumsAndFlips(DataInput in) throws IOException {
    sums.readFrom(in);
    for (int w = 0; w < windows; w++) {
      timeSum[w] = in.readLong();
      timeSquaredHigh[w] = in.readLong();
      timeSquaredLow[w] = in.readLong();
      oldestPosition[w] = physical(count - count(w));
    }
    if (shapeComponents > 0) {
      for (int w = 0; w < windows; w++) {
        frontStart[w] = in.readLong();
        flipPoint[w] = in.readLong();
        long start = count - count(w);
        if (frontStart[w] > flipPoint[w]
            || flipPoint[w] > count
            || start < frontStart[w]
            || flipPoint[w] - frontStart[w] > windowSizes[w]) {
          throw new IOException("inconsistent range state for window " + windowSizes[w]);
        }
      }
    }
  }

  /** The min/max aggregates from the ring (derived state: not written). */
  private void rebuildRanges() {
    for (int w = 0; w < windows && shapeComponents > 0; w++) {
      long start = count - count(w);
      if (start < flipPoint[w]) {
        computeSuffixes(w, start);
      }
      rebuildBack(w);
    }
  }

  private void rebuildBack(int w) {
    for (int c = 0; c < shapeComponents; c++) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (long k = flipPoint[w]; k < count; k++) {
        final float v = value(physical(k), c);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      backMin[w * shapeComponents + c] = min;
      backMax[w * shapeComponents + c] = max;
    }
  }

  /** Approximate retained heap bytes (arrays and object headers, compressed references). */
  public long heapBytes() {
    // Object, ring, sums and term scratch; 7 small int arrays, 13 small long/double arrays, two
    // holders.
    long bytes = 160 + 16 + 4L * capacity * stride + sums.heapBytes() + 16 + 8L * sums.slots();
    bytes += 16 + 8L * changedBlocks.length;
    bytes += 7 * (16 + 4L * Math.max(windows, components)) + 13 * (16 + 8L * windows) + 2 * 48;
    // Back min/max and the suffix arrays of the shape components.
    bytes += 2 * (16 + 4L * windows * shapeComponents) + 2 * (16 + 4L * windows * shapeComponents);
    for (int w = 0; w < windows; w++) {
      bytes += 2L * shapeComponents * (16 + 4L * suffixLength(w));
    }
    return bytes;
  }
}
