package org.asperity.features.interval;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The remedian (Rousseeuw &amp; Bassett 1990, "The remedian: a robust averaging method for large
 * data sets", JASA 85(409), 97–104): a median of medians in O(base × log<sub>base</sub> n) memory.
 * Values enter level 0; a level holding {@link #BASE} entries is replaced by its median, which
 * enters the next level with the summed weight. Every entry carries the number of samples it stands
 * for, so the estimate at the end is the weighted median of all entries left on every level (the
 * plain median of the samples while fewer than {@code BASE} have entered). Deterministic: the
 * result depends on the values and their order only.
 */
final class WeightedRemedian {
  /** Entries per level: 128 keeps a day of 1 Hz samples on three levels (128³ &gt; 86,400). */
  static final int BASE = 128;

  private static final int MAX_LEVELS = 8;

  // An empty remedian shares these (never written: a first level replaces them): a daily feed's
  // intervals hold one sample and seven empty remedians each, and a backlog holds many intervals.
  private static final double[][] NO_VALUES = new double[0][];
  private static final long[][] NO_WEIGHTS = new long[0][];
  private static final int[] NO_SIZES = new int[0];

  private double[][] values = NO_VALUES;
  private long[][] weights = NO_WEIGHTS;
  private int[] sizes = NO_SIZES;

  /** Adds {@code value}, standing for {@code weight} samples ({@code weight} &ge; 1). */
  void add(double value, long weight) {
    addAt(0, value, weight);
  }

  private void addAt(int level, double value, long weight) {
    if (level >= sizes.length) {
      if (level >= MAX_LEVELS) {
        throw new IllegalStateException("more than " + BASE + "^" + MAX_LEVELS + " samples");
      }
      values = Arrays.copyOf(values, level + 1);
      weights = Arrays.copyOf(weights, level + 1);
      sizes = Arrays.copyOf(sizes, level + 1);
      values[level] = new double[4];
      weights[level] = new long[4];
    }
    int size = sizes[level];
    if (size == values[level].length) {
      int capacity = Math.min(BASE, 2 * size);
      values[level] = Arrays.copyOf(values[level], capacity);
      weights[level] = Arrays.copyOf(weights[level], capacity);
    }
    values[level][size] = value;
    weights[level][size] = weight;
    sizes[level] = ++size;
    if (size == BASE) {
      long total = 0;
      for (int i = 0; i < size; i++) {
        total += weights[level][i];
      }
      double median = weightedMedian(values[level], weights[level], size);
      sizes[level] = 0;
      addAt(level + 1, median, total);
    }
  }

  /** Whether nothing has been added. */
  boolean isEmpty() {
    for (int size : sizes) {
      if (size > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The weighted median of every entry left, together with {@code extraCount} more values ({@code
   * extra}, may be null when {@code extraCount} is 0) of weight {@code extraWeight} each; NaN when
   * there is nothing. Leaves the remedian unchanged.
   */
  double estimate(double[] extra, int extraCount, long extraWeight) {
    int total = extraCount;
    for (int size : sizes) {
      total += size;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double[] v = new double[total];
    long[] w = new long[total];
    int k = 0;
    for (int level = 0; level < sizes.length; level++) {
      System.arraycopy(values[level], 0, v, k, sizes[level]);
      System.arraycopy(weights[level], 0, w, k, sizes[level]);
      k += sizes[level];
    }
    for (int i = 0; i < extraCount; i++) {
      v[k] = extra[i];
      w[k++] = extraWeight;
    }
    return weightedMedian(v, w, total);
  }

  /**
   * The weighted median of {@code values[0..n)}: the value where the cumulative weight, in
   * ascending order, first reaches half the total; the midpoint of it and the next value when it
   * reaches exactly half (so equal weights give the ordinary median, the mean of the two middle
   * values for an even count). The arrays are left unchanged.
   */
  static double weightedMedian(double[] values, long[] weights, int n) {
    if (n == 1) {
      return values[0];
    }
    Integer[] order = new Integer[n];
    boolean uniform = true;
    for (int i = 0; i < n; i++) {
      order[i] = i;
      uniform &= weights[i] == weights[0];
    }
    if (uniform) {
      double[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      return (n & 1) == 1 ? sorted[n / 2] : midpoint(sorted[n / 2 - 1], sorted[n / 2]);
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += weights[i];
    }
    long cumulative = 0;
    for (int i = 0; i < n; i++) {
      cumulative += weights[order[i]];
      if (2 * cumulative == total && i + 1 < n) {
        return midpoint(values[order[i]], values[order[i + 1]]);
      }
      if (2 * cumulative >= total) {
        return values[order[i]];
      }
    }
    return values[order[n - 1]];
  }

  private static double midpoint(double a, double b) {
    return a + (b - a) / 2;
  }

  /** A deep copy. */
  WeightedRemedian copy() {
    WeightedRemedian c = new WeightedRemedian();
    c.values = new double[values.length][];
    c.weights = new long[weights.length][];
    for (int level = 0; level < values.length; level++) {
      c.values[level] = values[level].clone();
      c.weights[level] = weights[level].clone();
    }
    c.sizes = sizes.clone();
    return c;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeByte(sizes.length);
    for (int level = 0; level < sizes.length; level++) {
      out.writeByte(sizes[level]);
      for (int i = 0; i < sizes[level]; i++) {
        out.writeDouble(values[level][i]);
        out.writeLong(weights[level][i]);
      }
    }
  }

  static WeightedRemedian readFrom(DataInput in) throws IOException {
    WeightedRemedian r = new WeightedRemedian();
    int levels = in.readUnsignedByte();
    if (levels > MAX_LEVELS) {
      throw new IOException("remedian with " + levels + " levels");
    }
    r.values = new double[levels][];
    r.weights = new long[levels][];
    r.sizes = new int[levels];
    for (int level = 0; level < levels; level++) {
      int size = in.readUnsignedByte();
      if (size >= BASE) {
        throw new IOException("remedian level of " + size + " entries");
      }
      r.values[level] = new double[Math.max(4, size)];
      r.weights[level] = new long[Math.max(4, size)];
      r.sizes[level] = size;
      for (int i = 0; i < size; i++) {
        r.values[level][i] = in.readDouble();
        r.weights[level][i] = in.readLong();
      }
    }
    return r;
  }
}
