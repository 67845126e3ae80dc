package org.asperity.features.rolling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompensatedSumsTest {

  @Test
  void copyTakesTheExactBitsAndClearZeroes() throws IOException {
    CompensatedSums sums = new CompensatedSums(4);
    sums.add(0, 1.0);
    sums.add(0, 1e-17);
    sums.add(1, 1.0);
    sums.copy(0, 2, 2);
    assertEquals(1e-17, sums.difference(2, 3), 0.0, "the compensation came along");
    assertEquals(0.0, sums.difference(0, 2));
    assertEquals(0.0, sums.difference(1, 3));
    sums.clear();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    sums.writeTo(new DataOutputStream(bytes));
    assertEquals(
        0, Arrays.stream(toLongs(bytes.toByteArray())).filter(b -> b != 0).count(), "all +0.0");
  }

  private static long[] toLongs(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    long[] out = new long[bytes.length / 8];
    for (int i = 0; i < out.length; i++) {
      out[i] = in.readLong();
    }
    return out;
  }

  /**
   * Subtract-on-evict over a long stream whose terms span 12 orders of magnitude: the compensated
   * window sum stays within a few ulps of the exact sum of the window's terms, where a plain double
   * accumulator drifts by the rounding of every term ever added.
   */
  @Test
  void slidingSumStaysWithinAFewUlpsOfTheExactWindowSum() {
    SplittableRandom random = new SplittableRandom(42);
    CompensatedSums sums = new CompensatedSums(1);
    double plain = 0;
    ArrayDeque<Double> window = new ArrayDeque<>();
    double worstCompensated = 0;
    double worstPlain = 0;
    for (int i = 0; i < 200_000; i++) {
      double term = (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(-6, 6));
      window.addLast(term);
      sums.add(0, term);
      plain += term;
      if (window.size() > 100) {
        double old = window.removeFirst();
        sums.add(0, -old);
        plain -= old;
      }
      if (i % 997 == 0) {
        BigDecimal exact = BigDecimal.ZERO;
        for (double d : window) {
          exact = exact.add(new BigDecimal(d));
        }
        double reference = exact.doubleValue();
        double scale = Math.max(Math.abs(reference), 1e-300);
        worstCompensated =
            Math.max(worstCompensated, Math.abs(sums.value(0) - reference) / Math.ulp(scale));
        worstPlain = Math.max(worstPlain, Math.abs(plain - reference) / Math.ulp(scale));
      }
    }
    assertTrue(worstCompensated <= 4, "compensated error " + worstCompensated + " ulps");
    // The plain accumulator is what the compensation is for: it must be visibly worse here.
    assertTrue(
        worstPlain > 1000 * Math.max(worstCompensated, 1),
        "plain error only " + worstPlain + " ulps");
  }

  /**
   * The rolling windows' scheme: a prefix sum of everything and a lagged sum of everything that
   * left the window; their double-double difference is the window sum within a few ulps, even when
   * both run sums are a thousand times larger than the window's.
   */
  @Test
  void prefixMinusLaggedSumIsTheWindowSum() {
    SplittableRandom random = new SplittableRandom(3);
    CompensatedSums sums = new CompensatedSums(2);
    ArrayDeque<Double> window = new ArrayDeque<>();
    double[] terms = new double[2];
    for (int i = 0; i < 100_000; i++) {
      double term = 1.0 + random.nextGaussian() * 1e-3 + (i % 5000 == 0 ? 1e12 : 0.0);
      window.addLast(term);
      terms[0] = term;
      terms[1] = window.size() > 50 ? window.removeFirst() : 0.0;
      sums.addAll(terms);
      if (i % 101 == 0) {
        BigDecimal exact = BigDecimal.ZERO;
        for (double d : window) {
          exact = exact.add(new BigDecimal(d));
        }
        double reference = exact.doubleValue();
        assertTrue(
            Math.abs(sums.difference(0, 1) - reference) <= 4 * Math.ulp(reference),
            "window sum " + sums.difference(0, 1) + " vs " + reference + " at " + i);
      }
    }
    assertTrue(sums.value(0) > 1000 * sums.difference(0, 1), "the run sums dwarf the window sum");
  }

  @Test
  void addAllIsAddSlotBySlot() {
    SplittableRandom random = new SplittableRandom(4);
    CompensatedSums bulk = new CompensatedSums(5);
    CompensatedSums single = new CompensatedSums(5);
    double[] terms = new double[5];
    for (int i = 0; i < 1000; i++) {
      for (int s = 0; s < 5; s++) {
        terms[s] = random.nextGaussian() * Math.pow(10, random.nextInt(-8, 8));
        single.add(s, terms[s]);
      }
      bulk.addAll(terms);
    }
    for (int s = 0; s < 5; s++) {
      assertEquals(
          Double.doubleToRawLongBits(single.value(s)), Double.doubleToRawLongBits(bulk.value(s)));
    }
  }

  @Test
  void cancellationOfLargeTermsKeepsTheSmallOnes() {
    CompensatedSums sums = new CompensatedSums(2);
    sums.add(1, 1.0);
    sums.add(1, 1e100);
    sums.add(1, 1.0);
    sums.add(1, -1e100);
    assertEquals(2.0, sums.value(1));
    assertEquals(0.0, sums.value(0));
    BigDecimal exact = new BigDecimal(0.1).multiply(BigDecimal.valueOf(10), MathContext.DECIMAL128);
    for (int i = 0; i < 10; i++) {
      sums.add(0, 0.1);
    }
    assertEquals(exact.doubleValue(), sums.value(0));
  }

  @Test
  void serializedSumsContinueBitIdentically() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    CompensatedSums a = new CompensatedSums(3);
    for (int i = 0; i < 1000; i++) {
      a.add(i % 3, random.nextGaussian() * 1e8);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeTo(new DataOutputStream(bytes));
    CompensatedSums b = new CompensatedSums(3);
    b.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    for (int i = 0; i < 1000; i++) {
      double term = random.nextGaussian();
      a.add(i % 3, term);
      b.add(i % 3, term);
    }
    for (int s = 0; s < 3; s++) {
      assertEquals(Double.doubleToRawLongBits(a.value(s)), Double.doubleToRawLongBits(b.value(s)));
    }
  }
}
