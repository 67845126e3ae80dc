package org.asperity.trainer.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConformalIntervalTest {

  @Test
  void theOffsetIsTheConformityScoreOfRankCeilNPlusOneTimesCoverage() {
    // Interval [0, 10] for every row; outcomes at -3..5 give scores 3, 2, 1, 0, -1, ..., -5.
    int n = 9;
    float[] raw = new float[3 * n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      raw[3 * i] = 0f;
      raw[3 * i + 1] = 5f;
      raw[3 * i + 2] = 10f;
      labels[i] = i - 3;
    }
    // Scores sorted: -5, -4, -3, -2, -1, 0, 1, 2, 3; rank ceil(10 * 0.8) = 8 -> 2.
    assertEquals(2.0, ConformalInterval.offset(raw, labels, 0.8), 1e-12);
    // Rank ceil(10 * 0.5) = 5 -> -1: the interval may also shrink.
    assertEquals(-1.0, ConformalInterval.offset(raw, labels, 0.5), 1e-12);
  }

  @Test
  void quantilesInAnyOrderGiveTheSameInterval() {
    float[] ordered = {1f, 2f, 3f, 1f, 2f, 3f};
    float[] crossed = {3f, 2f, 1f, 2f, 1f, 3f};
    float[] labels = {4f, 0f};
    assertEquals(
        ConformalInterval.offset(ordered, labels, 0.6),
        ConformalInterval.offset(crossed, labels, 0.6));
  }

  @Test
  void theWidenedIntervalHoldsTheCoverageOnItsCalibrationSet() {
    SplittableRandom random = new SplittableRandom(4);
    int n = 2000;
    float[] raw = new float[3 * n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      double centre = 10 * random.nextDouble();
      raw[3 * i] = (float) (centre - 0.5);
      raw[3 * i + 1] = (float) centre;
      raw[3 * i + 2] = (float) (centre + 0.5);
      labels[i] = (float) (centre + 1.5 * random.nextGaussian()); // far wider than the trees think
    }
    double q = ConformalInterval.offset(raw, labels, 0.8);
    int inside = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] >= raw[3 * i] - q && labels[i] <= raw[3 * i + 2] + q) {
        inside++;
      }
    }
    assertTrue(q > 0, "an overconfident interval is widened");
    assertTrue(inside >= 0.8 * n && inside <= 0.81 * n, inside + " of " + n);
  }

  @Test
  void rejectsMismatchedInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConformalInterval.offset(new float[5], new float[2], 0.8));
    assertThrows(
        IllegalArgumentException.class,
        () -> ConformalInterval.offset(new float[3], new float[1], 1.0));
  }
}
