package org.asperity.features.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class IntervalAccumulatorTest {
  private static final long DAY = TimeUnits.MICROS_PER_DAY;
  private static final long SECOND = 1_000_000L;
  private static final long T0 = 1_577_836_800_000_000L; // 2020-01-01T00:00:00Z
  private static final long DECORRELATION = IntervalAccumulator.DEFAULT_DECORRELATION_MICROS;
  private static final double COVERAGE = IntervalAccumulator.DEFAULT_MIN_COVERAGE;
  private static final double ROOT_HALF_PI = Math.sqrt(Math.PI / 2);

  private static IntervalPosition position(IntervalAccumulator a) {
    return a.position(DAY, DECORRELATION, COVERAGE);
  }

  @Test
  void aLoneSampleComesOutBitForBit() {
    IntervalAccumulator a = new IntervalAccumulator();
    a.add(T0 + 123, 0.1 + 0.2, -7.25e-3, 1e-9, 0.0021, 0.0019, 0.0051);
    assertEquals(
        new IntervalPosition(
            T0 + 123, 0.1 + 0.2, -7.25e-3, 1e-9, 0.0021, 0.0019, 0.0051, 1, 1, false),
        position(a));
  }

  @Test
  void theMedianIgnoresAnOutlierAndItsSigmaIsTheScaledMad() {
    IntervalAccumulator a = new IntervalAccumulator();
    double[] east = {1, 2, 3, 4, 100};
    for (int i = 0; i < east.length; i++) {
      // 10 minutes apart: five independent samples; tiny input sigmas, so the scatter decides.
      a.add(T0 + i * 600 * SECOND, east[i], -east[i], 2 * east[i], 1e-6, 1e-6, 1e-6);
    }
    IntervalPosition p = position(a);
    assertEquals(3.0, p.eastMeters());
    assertEquals(-3.0, p.northMeters());
    assertEquals(6.0, p.upMeters());
    assertEquals(T0 + 1200 * SECOND, p.epochMicros());
    // |x - 3| = {2, 1, 0, 1, 97}: MAD 1.
    double expected = 1.4826 * ROOT_HALF_PI / Math.sqrt(5);
    assertEquals(expected, p.sigmaEastMeters(), 1e-15);
    assertEquals(expected, p.sigmaNorthMeters(), 1e-15);
    assertEquals(2 * expected, p.sigmaUpMeters(), 1e-15);
    assertEquals(5, p.sampleCount());
  }

  @Test
  void anEvenCountTakesTheMidpointOfTheTwoMiddleValues() {
    IntervalAccumulator a = new IntervalAccumulator();
    double[] east = {4, 1, 3, 2};
    for (int i = 0; i < east.length; i++) {
      a.add(T0 + i * 3600 * SECOND, east[i], 0, 0, 1, 1, 1);
    }
    IntervalPosition p = position(a);
    assertEquals(2.5, p.eastMeters());
    assertEquals(T0 + 5400 * SECOND, p.epochMicros());
  }

  @Test
  void inputSigmasPropagateAsForAMeanTimesTheMediansEfficiency() {
    IntervalAccumulator a = new IntervalAccumulator();
    for (int i = 0; i < 4; i++) {
      // Equal values: no scatter; an hour apart: independent.
      a.add(T0 + i * 3600 * SECOND, 0.5, 0.5, 0.5, 0.002, 0.004, 0.006);
    }
    IntervalPosition p = position(a);
    assertEquals(ROOT_HALF_PI * 0.002 / 2, p.sigmaEastMeters(), 1e-15);
    assertEquals(ROOT_HALF_PI * 0.004 / 2, p.sigmaNorthMeters(), 1e-15);
    assertEquals(ROOT_HALF_PI * 0.006 / 2, p.sigmaUpMeters(), 1e-15);
  }

  @Test
  void twoSamplesAreTheirMeanWithTheMeansSigma() {
    IntervalAccumulator a = new IntervalAccumulator();
    a.add(T0, 1, 1, 1, 0.003, 0.003, 0.003);
    a.add(T0 + 3600 * SECOND, 2, 2, 2, 0.004, 0.004, 0.004);
    IntervalPosition p = position(a);
    assertEquals(1.5, p.eastMeters());
    assertEquals(1 / Math.sqrt(1 / 9e-6 + 1 / 16e-6), p.sigmaEastMeters(), 1e-15);
  }

  @Test
  void correlatedHighRateSamplesCountAsOnePerDecorrelationTime() {
    IntervalAccumulator a = new IntervalAccumulator();
    for (int i = 0; i < 601; i++) {
      a.add(T0 + i * SECOND, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01);
    }
    IntervalPosition p = position(a);
    // 600 s span: 1 + 600/300 = 3 independent samples, not 601.
    double propagated = ROOT_HALF_PI * Math.sqrt(601 / 3.0) * 0.01 / Math.sqrt(601);
    assertEquals(propagated, p.sigmaEastMeters(), 1e-15);
    assertEquals(ROOT_HALF_PI * 0.01 / Math.sqrt(3), p.sigmaEastMeters(), 1e-15);
  }

  @Test
  void aDayOfOneHertzSamplesGivesTheMedianWithinAFractionOfItsScatter() {
    SplittableRandom random = new SplittableRandom(5);
    IntervalAccumulator a = new IntervalAccumulator();
    double[] east = new double[86_400];
    for (int i = 0; i < east.length; i++) {
      boolean outlier = random.nextDouble() < 0.05;
      east[i] = 0.02 + 0.01 * random.nextGaussian() + (outlier ? 0.5 : 0);
      a.add(T0 + (i + 1) * SECOND, east[i], 0, 0, 0.01, 0.01, 0.01);
    }
    double[] sorted = east.clone();
    Arrays.sort(sorted);
    double exact = (sorted[43_199] + sorted[43_200]) / 2;
    IntervalPosition p = position(a);
    assertEquals(exact, p.eastMeters(), 0.001, "within a tenth of one sample's sigma");
    assertEquals(0.02, p.eastMeters(), 0.002, "the 5 % outliers move the median little");
    assertEquals(86_400, p.sampleCount());
    assertEquals(86_400, p.expectedSamples());
    assertFalse(p.sparse());
    assertEquals(T0 + DAY / 2, p.epochMicros(), 2 * SECOND);
    // Scatter 1 cm over 289 independent samples (a day at 5 minutes).
    assertEquals(0.01 * ROOT_HALF_PI / Math.sqrt(289), p.sigmaEastMeters(), 0.0001);
  }

  @Test
  void anIntervalWithTooFewSamplesForItsRateIsSparse() {
    IntervalAccumulator twoHours = new IntervalAccumulator();
    for (int i = 0; i < 240; i++) {
      twoHours.add(T0 + i * 30 * SECOND, 0, 0, 0, 0.01, 0.01, 0.01);
    }
    IntervalPosition sparse = position(twoHours);
    assertEquals(2880, sparse.expectedSamples());
    assertTrue(sparse.sparse());

    IntervalAccumulator mostOfADay = new IntervalAccumulator();
    for (int i = 0; i < 200; i++) {
      mostOfADay.add(T0 + i * 300 * SECOND, 0, 0, 0, 0.01, 0.01, 0.01);
    }
    IntervalPosition full = position(mostOfADay);
    assertEquals(288, full.expectedSamples());
    assertFalse(full.sparse(), "200 of 288 five-minute samples: above half");
    assertTrue(mostOfADay.position(DAY, DECORRELATION, 0.8).sparse(), "but not above 80 %");
  }

  @Test
  void aRepeatedEpochIsRefused() {
    IntervalAccumulator a = new IntervalAccumulator();
    assertTrue(a.add(T0, 1, 1, 1, 1, 1, 1));
    assertFalse(a.add(T0, 2, 2, 2, 1, 1, 1));
    assertEquals(1, a.count());
    assertEquals(1.0, position(a).eastMeters());
  }

  @Test
  void aRestoredAccumulatorContinuesIdentically() throws IOException {
    SplittableRandom random = new SplittableRandom(9);
    IntervalAccumulator whole = new IntervalAccumulator();
    IntervalAccumulator restored = null;
    for (int i = 0; i < 1000; i++) {
      double e = random.nextGaussian();
      whole.add(T0 + i * SECOND, e, -e, e / 2, 0.01, 0.02, 0.03);
      if (i == 600) {
        restored = roundTrip(whole);
      }
      if (i > 600) {
        restored.add(T0 + i * SECOND, e, -e, e / 2, 0.01, 0.02, 0.03);
      }
    }
    assertEquals(position(whole), position(restored));
    assertEquals(position(whole), position(roundTrip(whole)));
  }

  @Test
  void aCopyIsIndependentOfItsOriginal() {
    IntervalAccumulator a = new IntervalAccumulator();
    for (int i = 0; i < 300; i++) {
      a.add(T0 + i * SECOND, i, -i, 0, 0.01, 0.01, 0.01);
    }
    IntervalAccumulator c = a.copy();
    IntervalPosition before = position(a);
    assertEquals(before, position(c));
    for (int i = 300; i < 600; i++) {
      c.add(T0 + i * SECOND, 1000, 1000, 1000, 0.01, 0.01, 0.01);
    }
    assertEquals(before, position(a));
    assertEquals(600, c.count());
  }

  @Test
  void anEmptyIntervalHasNoPosition() {
    assertThrows(IllegalStateException.class, () -> position(new IntervalAccumulator()));
  }

  private static IntervalAccumulator roundTrip(IntervalAccumulator a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeTo(new DataOutputStream(bytes));
    return IntervalAccumulator.readFrom(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }
}
