package org.asperity.features.rolling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Rolling statistics of a multi-component series over several trailing windows counted in samples
 * (e.g. the last 30, 365 and 3650 samples), updated in O(1) amortised time per sample.
 *
 * <p>One ring buffer of capacity {@code max(window) + 1} holds the sample times (int seconds from an
 * origin the owner chooses) and the component values as {@code float}s; every window reads the
 * samples it evicts back from that ring, so the window statistics are computed from exactly the
 * stored values and a term is subtracted with the very bits it was added with. The extra slot keeps
 * the sample just before the longest window, which the first increment of that window needs.
 *
 * <p>Per window the ring feeds {@link CompensatedSums} of x, x&sup2; and, per component, y, xy, y&sup2;
 * (ordinary least squares trend and the variance about it); with {@code shape} also the second to
 * fourth powers of the first differences ("increments") d = y<sub>k</sub> &minus; y<sub>k&minus;1</sub>
 * (skewness and kurtosis of the increments: differencing removes a linear trend, so these are
 * shape statistics of the detrended series without the ill-conditioned cross sums a third and fourth
 * moment about a fitted line would need) and the window minimum and maximum.
 *
 * <p>Minimum and maximum use the two-stacks sliding-window scheme: the newest samples are folded
 * into a running "back" aggregate; when the window start would enter the back segment, the back
 * segment becomes the "front" and its suffix minima/maxima are computed once from the ring (O(W)
 * every W samples). To keep memory bounded the suffix aggregates are kept only at block starts
 * (at most 256 blocks per window); a query scans the at most {@code blockSize - 1} samples between
 * the window start and the next block start, which is a constant for a given window.
 *
 * <p>Statistics of a window with too few samples are {@code NaN}. Instances are not thread-safe.
 */
public final class RollingWindows {
    private static final int MAX_RANGE_BLOCKS = 256;
    private static final int TERMS_PER_COMPONENT_TREND = 3;
    private static final int TERMS_PER_COMPONENT_SHAPE = 6;
    /** Relative size below which a centred second moment is treated as rounding noise (zero). */
    private static final double DEGENERATE_RELATIVE = 1e-9;
    private static final double TIME_SPREAD_RELATIVE = 8 * Math.ulp(1.0);

    private static final int TERM_Y = 0;
    private static final int TERM_XY = 1;
    private static final int TERM_YY = 2;
    private static final int TERM_D2 = 3;
    private static final int TERM_D3 = 4;
    private static final int TERM_D4 = 5;

    private final int[] windowSizes;
    private final int components;
    private final boolean shape;
    private final int capacity;
    private final int termsPerComponent;
    private final int slotsPerWindow;

    private final int[] times;
    private final float[][] values;
    private final CompensatedSums sums;
    private long count;
    private int head;
    private final int[] oldestPosition;

    private final int[] blockSize;
    private final long[] frontStart;
    private final long[] flipPoint;
    private final float[][] backMin;
    private final float[][] backMax;
    private final float[][][] suffixMin;
    private final float[][][] suffixMax;

    /**
     * @param windowSizes window lengths in samples, each &ge; 1 (any order)
     * @param components  number of value components per sample, &ge; 1
     * @param shape       whether to keep increment moments and min/max (else only the trend sums)
     */
    public RollingWindows(int[] windowSizes, int components, boolean shape) {
        if (windowSizes.length == 0) {
            throw new IllegalArgumentException("at least one window is required");
        }
        if (components < 1) {
            throw new IllegalArgumentException("components must be >= 1: " + components);
        }
        int max = 0;
        for (int w : windowSizes) {
            if (w < 1) {
                throw new IllegalArgumentException("window sizes must be >= 1: " + Arrays.toString(windowSizes));
            }
            max = Math.max(max, w);
        }
        if (max == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window too large: " + max);
        }
        this.windowSizes = windowSizes.clone();
        this.components = components;
        this.shape = shape;
        this.capacity = max + 1;
        this.termsPerComponent = shape ? TERMS_PER_COMPONENT_SHAPE : TERMS_PER_COMPONENT_TREND;
        this.slotsPerWindow = 2 + components * termsPerComponent;
        this.times = new int[capacity];
        this.values = new float[components][capacity];
        this.sums = new CompensatedSums(windowSizes.length * slotsPerWindow);
        this.oldestPosition = new int[windowSizes.length];
        int windows = windowSizes.length;
        this.blockSize = new int[windows];
        this.frontStart = new long[windows];
        this.flipPoint = new long[windows];
        if (shape) {
            this.backMin = new float[windows][components];
            this.backMax = new float[windows][components];
            this.suffixMin = new float[windows][components][];
            this.suffixMax = new float[windows][components][];
            for (int w = 0; w < windows; w++) {
                int size = windowSizes[w];
                int block = (size + MAX_RANGE_BLOCKS - 1) / MAX_RANGE_BLOCKS;
                int blocks = (size + block - 1) / block;
                blockSize[w] = block;
                Arrays.fill(backMin[w], Float.POSITIVE_INFINITY);
                Arrays.fill(backMax[w], Float.NEGATIVE_INFINITY);
                for (int c = 0; c < components; c++) {
                    suffixMin[w][c] = new float[blocks];
                    suffixMax[w][c] = new float[blocks];
                }
            }
        } else {
            this.backMin = null;
            this.backMax = null;
            this.suffixMin = null;
            this.suffixMax = null;
        }
    }

    /**
     * Appends one sample. Times must not decrease (equal times are allowed; the slope then needs
     * other samples in the window to be defined).
     *
     * @param timeSeconds time of the sample, seconds from the owner's origin
     * @param sample      one value per component; read, not kept
     */
    public void push(int timeSeconds, float[] sample) {
        if (sample.length != components) {
            throw new IllegalArgumentException("expected " + components + " components, got " + sample.length);
        }
        if (count > 0 && timeSeconds < lastTime()) {
            throw new IllegalArgumentException("time went backwards: " + timeSeconds + " < " + lastTime());
        }
        final long index = count;
        final int position = head;
        final int previousPosition = (position == 0 ? capacity : position) - 1;
        final double x = timeSeconds;
        final double xx = x * x;
        for (int w = 0; w < windowSizes.length; w++) {
            final int size = windowSizes[w];
            final int base = w * slotsPerWindow;
            // Evict before the ring slot is overwritten: for the longest window the evicted sample's
            // predecessor lives in exactly the slot the new sample takes.
            if (index >= size) {
                evict(w, base, index - size);
            }
            sums.add(base, x);
            sums.add(base + 1, xx);
            for (int c = 0; c < components; c++) {
                final double y = sample[c];
                final int slot = base + 2 + c * termsPerComponent;
                sums.add(slot + TERM_Y, y);
                sums.add(slot + TERM_XY, x * y);
                sums.add(slot + TERM_YY, y * y);
                if (shape && index >= 1) {
                    final double d = y - values[c][previousPosition];
                    final double d2 = d * d;
                    sums.add(slot + TERM_D2, d2);
                    sums.add(slot + TERM_D3, d2 * d);
                    sums.add(slot + TERM_D4, d2 * d2);
                }
            }
            if (shape) {
                pushRange(w, index, sample);
            }
        }
        times[position] = timeSeconds;
        for (int c = 0; c < components; c++) {
            values[c][position] = sample[c];
        }
        head = position + 1 == capacity ? 0 : position + 1;
        count = index + 1;
    }

    private void evict(int w, int base, long evictedIndex) {
        final int position = oldestPosition[w];
        final double x = times[position];
        sums.add(base, -x);
        sums.add(base + 1, -(x * x));
        final int previousPosition = (position == 0 ? capacity : position) - 1;
        for (int c = 0; c < components; c++) {
            final double y = values[c][position];
            final int slot = base + 2 + c * termsPerComponent;
            sums.add(slot + TERM_Y, -y);
            sums.add(slot + TERM_XY, -(x * y));
            sums.add(slot + TERM_YY, -(y * y));
            if (shape && evictedIndex >= 1) {
                final double d = y - values[c][previousPosition];
                final double d2 = d * d;
                sums.add(slot + TERM_D2, -d2);
                sums.add(slot + TERM_D3, -(d2 * d));
                sums.add(slot + TERM_D4, -(d2 * d2));
            }
        }
        oldestPosition[w] = position + 1 == capacity ? 0 : position + 1;
    }

    private void pushRange(int w, long index, float[] sample) {
        // The window start after this push; when it would enter the back segment, flip.
        final long newStart = index + 1 - windowSizes[w];
        if (newStart > flipPoint[w]) {
            frontStart[w] = flipPoint[w];
            flipPoint[w] = index;
            computeSuffixes(w, frontStart[w]);
            Arrays.fill(backMin[w], Float.POSITIVE_INFINITY);
            Arrays.fill(backMax[w], Float.NEGATIVE_INFINITY);
        }
        for (int c = 0; c < components; c++) {
            final float v = sample[c];
            if (v < backMin[w][c]) {
                backMin[w][c] = v;
            }
            if (v > backMax[w][c]) {
                backMax[w][c] = v;
            }
        }
    }

    /** Suffix min/max of the front segment [frontStart, flipPoint) at block starts not below {@code lowest}. */
    private void computeSuffixes(int w, long lowest) {
        final long start = frontStart[w];
        final long end = flipPoint[w];
        final int block = blockSize[w];
        for (int c = 0; c < components; c++) {
            final float[] ring = values[c];
            final float[] sufMin = suffixMin[w][c];
            final float[] sufMax = suffixMax[w][c];
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            int position = physical(end - 1);
            for (long k = end - 1; k >= lowest; k--) {
                final float v = ring[position];
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
                final long offset = k - start;
                if (offset % block == 0) {
                    sufMin[(int) (offset / block)] = min;
                    sufMax[(int) (offset / block)] = max;
                }
                position = (position == 0 ? capacity : position) - 1;
            }
        }
    }

    private int physical(long logicalIndex) {
        return (int) (logicalIndex % capacity);
    }

    // ---------------------------------------------------------------- statistics

    public int windowCount() {
        return windowSizes.length;
    }

    public int windowSize(int w) {
        return windowSizes[w];
    }

    public int components() {
        return components;
    }

    /** Whether increment moments and min/max are kept. */
    public boolean hasShape() {
        return shape;
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

    /** Time of the newest sample; undefined (throws) when empty. */
    public int lastTime() {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        return times[(head == 0 ? capacity : head) - 1];
    }

    /** Value of component {@code c} of the newest sample; throws when empty. */
    public float lastValue(int c) {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        return values[c][(head == 0 ? capacity : head) - 1];
    }

    /** Mean time of window {@code w}, NaN when empty. */
    public double meanTime(int w) {
        int n = count(w);
        return n == 0 ? Double.NaN : sum(w, 0) / n;
    }

    /** Mean of component {@code c} over window {@code w}, NaN when empty. */
    public double mean(int w, int c) {
        int n = count(w);
        return n == 0 ? Double.NaN : sum(w, c, TERM_Y) / n;
    }

    /**
     * Centred sum of squares of time, &Sigma;(x &minus; x&#772;)&sup2;, or NaN when fewer than two samples or
     * when the spread is at the rounding level of the raw sums (all times equal).
     */
    public double timeSpread(int w) {
        int n = count(w);
        if (n < 2) {
            return Double.NaN;
        }
        double sx = sum(w, 0);
        double sxx = sum(w, 1);
        double cxx = sxx - sx * (sx / n);
        return cxx > TIME_SPREAD_RELATIVE * sxx ? cxx : Double.NaN;
    }

    /** Ordinary least-squares slope of component {@code c} versus time over window {@code w}, per second. */
    public double slopePerSecond(int w, int c) {
        double cxx = timeSpread(w);
        if (Double.isNaN(cxx)) {
            return Double.NaN;
        }
        int n = count(w);
        double cxy = sum(w, c, TERM_XY) - sum(w, 0) * (sum(w, c, TERM_Y) / n);
        return cxy / cxx;
    }

    /**
     * Variance about the least-squares line, &Sigma;r&sup2;/(n&minus;2) (unbiased for white noise), or NaN
     * with fewer than three samples or no time spread.
     */
    public double detrendedVariance(int w, int c) {
        int n = count(w);
        if (n < 3) {
            return Double.NaN;
        }
        double cxx = timeSpread(w);
        if (Double.isNaN(cxx)) {
            return Double.NaN;
        }
        double sy = sum(w, c, TERM_Y);
        double cxy = sum(w, c, TERM_XY) - sum(w, 0) * (sy / n);
        double cyy = sum(w, c, TERM_YY) - sy * (sy / n);
        double residual = cyy - cxy * (cxy / cxx);
        return Math.max(residual, 0.0) / (n - 2);
    }

    /** Skewness (population, g1) of the increments of component {@code c} in window {@code w}; NaN if &lt; 3 or degenerate. */
    public double incrementSkewness(int w, int c) {
        requireShape();
        int m = incrementCount(w);
        if (m < 3) {
            return Double.NaN;
        }
        double mu = incrementSum(w, c) / m;
        double r2 = sum(w, c, TERM_D2) / m;
        double r3 = sum(w, c, TERM_D3) / m;
        double m2 = r2 - mu * mu;
        if (!(m2 > DEGENERATE_RELATIVE * r2)) {
            return Double.NaN;
        }
        double m3 = r3 - 3 * mu * r2 + 2 * mu * mu * mu;
        return m3 / (m2 * Math.sqrt(m2));
    }

    /** Excess kurtosis (population, g2) of the increments of component {@code c} in window {@code w}; NaN if &lt; 4 or degenerate. */
    public double incrementExcessKurtosis(int w, int c) {
        requireShape();
        int m = incrementCount(w);
        if (m < 4) {
            return Double.NaN;
        }
        double mu = incrementSum(w, c) / m;
        double r2 = sum(w, c, TERM_D2) / m;
        double r3 = sum(w, c, TERM_D3) / m;
        double r4 = sum(w, c, TERM_D4) / m;
        double m2 = r2 - mu * mu;
        if (!(m2 > DEGENERATE_RELATIVE * r2)) {
            return Double.NaN;
        }
        double mu2 = mu * mu;
        double m4 = r4 - 4 * mu * r3 + 6 * mu2 * r2 - 3 * mu2 * mu2;
        return m4 / (m2 * m2) - 3.0;
    }

    /**
     * Sum of the increments in window {@code w}: it telescopes to newest minus the sample before the
     * first increment, which is exact (differences of floats are exact in double) and needs no sum.
     */
    double incrementSum(int w, int c) {
        int n = count(w);
        long first = count - n;
        long before = first == 0 ? 0 : first - 1;
        return (double) values[c][physical(count - 1)] - (double) values[c][physical(before)];
    }

    /** Minimum of component {@code c} over window {@code w}; NaN when empty. */
    public double min(int w, int c) {
        requireShape();
        if (count == 0) {
            return Double.NaN;
        }
        float min = backMin[w][c];
        final long start = count - count(w);
        final long flip = flipPoint[w];
        if (start < flip) {
            final long front = frontStart[w];
            final int block = blockSize[w];
            final long j = (start - front + block - 1) / block;
            final long blockStart = front + j * block;
            final long scanEnd = Math.min(blockStart, flip);
            final float[] ring = values[c];
            for (long k = start; k < scanEnd; k++) {
                float v = ring[physical(k)];
                if (v < min) {
                    min = v;
                }
            }
            if (blockStart < flip && suffixMin[w][c][(int) j] < min) {
                min = suffixMin[w][c][(int) j];
            }
        }
        return min;
    }

    /** Maximum of component {@code c} over window {@code w}; NaN when empty. */
    public double max(int w, int c) {
        requireShape();
        if (count == 0) {
            return Double.NaN;
        }
        float max = backMax[w][c];
        final long start = count - count(w);
        final long flip = flipPoint[w];
        if (start < flip) {
            final long front = frontStart[w];
            final int block = blockSize[w];
            final long j = (start - front + block - 1) / block;
            final long blockStart = front + j * block;
            final long scanEnd = Math.min(blockStart, flip);
            final float[] ring = values[c];
            for (long k = start; k < scanEnd; k++) {
                float v = ring[physical(k)];
                if (v > max) {
                    max = v;
                }
            }
            if (blockStart < flip && suffixMax[w][c][(int) j] > max) {
                max = suffixMax[w][c][(int) j];
            }
        }
        return max;
    }

    /** Maximum minus minimum of component {@code c} over window {@code w}; NaN when empty. */
    public double range(int w, int c) {
        return max(w, c) - min(w, c);
    }

    private void requireShape() {
        if (!shape) {
            throw new IllegalStateException("this series keeps trend statistics only");
        }
    }

    private double sum(int w, int timeTerm) {
        return sums.value(w * slotsPerWindow + timeTerm);
    }

    private double sum(int w, int c, int term) {
        return sums.value(w * slotsPerWindow + 2 + c * termsPerComponent + term);
    }

    /** Raw compensated window sums, for tests: term 0..5 = y, xy, y&sup2;, d&sup2;, d&sup3;, d&#8308;; -1 = x, -2 = x&sup2;. */
    double rawSum(int w, int c, int term) {
        if (term == -1) {
            return sum(w, 0);
        }
        if (term == -2) {
            return sum(w, 1);
        }
        return sum(w, c, term);
    }

    // ---------------------------------------------------------------- state

    /**
     * Writes the semantic state: configuration header, sample count, the retained ring samples in
     * logical order, the exact sum bits and the two-stacks flip points. Derived aggregates (suffix and
     * back min/max) are recomputed from the ring on read, which is exact.
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(windowSizes.length);
        for (int w : windowSizes) {
            out.writeInt(w);
        }
        out.writeByte(components);
        out.writeBoolean(shape);
        out.writeLong(count);
        int retained = (int) Math.min(count, capacity);
        for (long k = count - retained; k < count; k++) {
            int position = physical(k);
            out.writeInt(times[position]);
            for (int c = 0; c < components; c++) {
                out.writeFloat(values[c][position]);
            }
        }
        sums.writeTo(out);
        if (shape) {
            for (int w = 0; w < windowSizes.length; w++) {
                out.writeLong(frontStart[w]);
                out.writeLong(flipPoint[w]);
            }
        }
    }

    /** Restores what {@link #writeTo} wrote into a freshly constructed instance of the same shape. */
    public void readFrom(DataInput in) throws IOException {
        int windows = in.readUnsignedByte();
        int[] sizes = new int[windows];
        for (int w = 0; w < windows; w++) {
            sizes[w] = in.readInt();
        }
        int comps = in.readUnsignedByte();
        boolean withShape = in.readBoolean();
        if (!Arrays.equals(sizes, windowSizes) || comps != components || withShape != shape) {
            throw new IOException("rolling state written for windows " + Arrays.toString(sizes) + ", components "
                    + comps + ", shape " + withShape + " cannot be read into windows " + Arrays.toString(windowSizes)
                    + ", components " + components + ", shape " + shape);
        }
        long n = in.readLong();
        if (n < 0) {
            throw new IOException("negative sample count " + n);
        }
        count = n;
        head = physical(count);
        int retained = (int) Math.min(count, capacity);
        for (long k = count - retained; k < count; k++) {
            int position = physical(k);
            times[position] = in.readInt();
            for (int c = 0; c < components; c++) {
                values[c][position] = in.readFloat();
            }
        }
        sums.readFrom(in);
        for (int w = 0; w < windowSizes.length; w++) {
            oldestPosition[w] = physical(count - count(w));
        }
        if (shape) {
            for (int w = 0; w < windowSizes.length; w++) {
                frontStart[w] = in.readLong();
                flipPoint[w] = in.readLong();
                long start = count - count(w);
                if (frontStart[w] > flipPoint[w] || flipPoint[w] > count || start < frontStart[w]
                        || flipPoint[w] - frontStart[w] > windowSizes[w]) {
                    throw new IOException("inconsistent range state for window " + windowSizes[w]);
                }
                if (start < flipPoint[w]) {
                    computeSuffixes(w, start);
                }
                rebuildBack(w);
            }
        }
    }

    private void rebuildBack(int w) {
        for (int c = 0; c < components; c++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (long k = flipPoint[w]; k < count; k++) {
                float v = values[c][physical(k)];
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
            backMin[w][c] = min;
            backMax[w][c] = max;
        }
    }

    /** Approximate retained heap bytes (arrays and object headers, compressed references). */
    public long heapBytes() {
        long bytes = 64 + 16 + 4L * capacity + 16 + (long) components * (16 + 4L * capacity) + 16 + sums.heapBytes();
        bytes += 3 * (16 + 4L * windowSizes.length) + 2 * (16 + 8L * windowSizes.length);
        if (shape) {
            for (int w = 0; w < windowSizes.length; w++) {
                bytes += 2 * (16 + 4L * components + 16);
                for (int c = 0; c < components; c++) {
                    bytes += 2 * (16 + 4L * suffixMin[w][c].length);
                }
                bytes += 2 * (16 + 4L * components);
            }
        }
        return bytes;
    }
}
