package org.asperity.features.rolling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A fixed set of running sums, each accumulated with compensated (Kahan–Babuška–Neumaier) summation
 * (Neumaier 1974, ZAMM 54, 39–51): every slot keeps the rounded sum and a running compensation for
 * the low-order bits lost at each addition, so the pair carries about twice the working precision.
 * The lost bits are obtained with Knuth's branch-free TwoSum (TAOCP vol. 2, 4.2.2, theorem B),
 * which is exact whatever the magnitudes and whatever the sign.
 *
 * <p>Why: rolling windows add each term once and remove it again when it leaves the window. With
 * plain doubles the rounding errors of those operations never cancel and accumulate over the whole
 * stream, not just the window; with the compensation the error of a slot stays at a few ulps of the
 * sum plus a second-order term.
 *
 * <p>{@link #addAll} updates every slot in one branch-free loop over contiguous arrays, which the
 * JIT compiles to SIMD instructions: that is what keeps dozens of compensated sums per sample
 * cheap.
 */
public final class CompensatedSums {
  private final double[] sum;
  private final double[] compensation;

  /** {@code slots} independent sums, all zero. */
  public CompensatedSums(int slots) {
    if (slots < 0) {
      throw new IllegalArgumentException("slots must be >= 0: " + slots);
    }
    this.sum = new double[slots];
    this.compensation = new double[slots];
  }

  public int slots() {
    return sum.length;
  }

  /** Adds {@code term} to slot {@code slot}. */
  public void add(int slot, double term) {
    final double s = sum[slot];
    final double t = s + term;
    final double virtual = t - s;
    compensation[slot] += (s - (t - virtual)) + (term - virtual);
    sum[slot] = t;
  }

  /**
   * Adds {@code terms[i]} to slot {@code i} for every slot (a zero term leaves a slot's value
   * unchanged). Same arithmetic as {@link #add}, slot by slot.
   */
  public void addAll(double[] terms) {
    final double[] s = sum;
    final double[] c = compensation;
    final int n = s.length;
    if (terms.length < n) {
      throw new IllegalArgumentException("need " + n + " terms, got " + terms.length);
    }
    for (int i = 0; i < n; i++) {
      final double a = s[i];
      final double v = terms[i];
      final double t = a + v;
      final double virtual = t - a;
      c[i] += (a - (t - virtual)) + (v - virtual);
      s[i] = t;
    }
  }

  /** Sets every slot to zero. */
  public void clear() {
    Arrays.fill(sum, 0.0);
    Arrays.fill(compensation, 0.0);
  }

  /**
   * Copies slots {@code from .. from + length - 1} (sum and compensation bits) to {@code to .. to +
   * length - 1}; the ranges must not overlap.
   */
  public void copy(int from, int to, int length) {
    System.arraycopy(sum, from, sum, to, length);
    System.arraycopy(compensation, from, compensation, to, length);
  }

  /** The compensated value of slot {@code slot}. */
  public double value(int slot) {
    return sum[slot] + compensation[slot];
  }

  /**
   * Slot {@code a} minus slot {@code b}, each a double-double (sum + compensation): the large parts
   * are subtracted first (exactly, when they are close: Sterbenz), then the compensations, so a
   * small difference of two large running sums keeps its accuracy.
   */
  public double difference(int a, int b) {
    return (sum[a] - sum[b]) + (compensation[a] - compensation[b]);
  }

  /**
   * Writes the exact bits of every slot (sum and compensation), so a restore continues
   * bit-identically.
   */
  public void writeTo(DataOutput out) throws IOException {
    for (int i = 0; i < sum.length; i++) {
      out.writeDouble(sum[i]);
      out.writeDouble(compensation[i]);
    }
  }

  /** Reads what {@link #writeTo} wrote into this instance (same slot count). */
  public void readFrom(DataInput in) throws IOException {
    for (int i = 0; i < sum.length; i++) {
      sum[i] = in.readDouble();
      compensation[i] = in.readDouble();
    }
  }

  /** Approximate heap bytes (object and two arrays). */
  long heapBytes() {
    return 16 + 2 * (16 + 8L * sum.length);
  }
}
