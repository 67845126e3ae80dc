package org.asperity.features.rolling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A fixed set of running sums, each accumulated with Neumaier's improved Kahan–Babuška summation
 * (Neumaier 1974, ZAMM 54, 39–51): every slot keeps the rounded sum and a running compensation
 * for the low-order bits lost at each addition.
 *
 * <p>Why: rolling windows add each term once and subtract it again when it leaves the window
 * ("subtract-on-evict"). With plain doubles the rounding errors of those additions never cancel
 * and accumulate over the whole stream, not just the window; with the compensation the error of
 * a slot stays at about 2&epsilon;|sum| plus a second-order term, independent of stream length.
 */
public final class CompensatedSums {
    private final double[] sumAndCompensation;

    /** {@code slots} independent sums, all zero. */
    public CompensatedSums(int slots) {
        if (slots < 0) {
            throw new IllegalArgumentException("slots must be >= 0: " + slots);
        }
        this.sumAndCompensation = new double[2 * slots];
    }

    public int slots() {
        return sumAndCompensation.length / 2;
    }

    /** Adds {@code term} to slot {@code slot}. */
    public void add(int slot, double term) {
        final double[] a = sumAndCompensation;
        final int i = slot << 1;
        final double sum = a[i];
        final double t = sum + term;
        if (Math.abs(sum) >= Math.abs(term)) {
            a[i + 1] += (sum - t) + term;
        } else {
            a[i + 1] += (term - t) + sum;
        }
        a[i] = t;
    }

    /** The compensated value of slot {@code slot}. */
    public double value(int slot) {
        final int i = slot << 1;
        return sumAndCompensation[i] + sumAndCompensation[i + 1];
    }

    /** Writes the exact bits of every slot (sum and compensation), so a restore continues bit-identically. */
    public void writeTo(DataOutput out) throws IOException {
        for (double d : sumAndCompensation) {
            out.writeDouble(d);
        }
    }

    /** Reads what {@link #writeTo} wrote into this instance (same slot count). */
    public void readFrom(DataInput in) throws IOException {
        for (int i = 0; i < sumAndCompensation.length; i++) {
            sumAndCompensation[i] = in.readDouble();
        }
    }

    /** Approximate heap bytes of the accumulator array. */
    long heapBytes() {
        return 16L + 8L * sumAndCompensation.length;
    }
}
