package org.asperity.features.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WeightedRemedianTest {
  @Test
  void upToOneLevelItIsTheExactMedian() {
    WeightedRemedian r = new WeightedRemedian();
    double[] values = new double[WeightedRemedian.BASE - 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i * 37) % values.length;
      r.add(values[i], 1);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    assertEquals(sorted[values.length / 2], r.estimate(null, 0, 1));
  }

  @Test
  void weightsCountAsRepeatedValues() {
    assertEquals(
        10.0, WeightedRemedian.weightedMedian(new double[] {10, 1, 2}, new long[] {5, 2, 2}, 3));
    assertEquals(1.5, WeightedRemedian.weightedMedian(new double[] {2, 1}, new long[] {3, 3}, 2));
    assertEquals(
        6.0, WeightedRemedian.weightedMedian(new double[] {2, 10, 1}, new long[] {3, 4, 1}, 3));
  }

  @Test
  void aFullLevelCollapsesIntoItsMedian() {
    WeightedRemedian r = new WeightedRemedian();
    for (int i = 0; i < WeightedRemedian.BASE; i++) {
      r.add(i, 1);
    }
    // One entry left, at level 1: the median of 0..127.
    assertEquals(63.5, r.estimate(null, 0, 1));
    assertEquals(63.5, r.estimate(new double[] {1000}, 1, 1), "one more sample barely moves it");
    assertTrue(r.estimate(new double[] {1000}, 1, 200) == 1000.0, "unless it stands for more");
  }
}
