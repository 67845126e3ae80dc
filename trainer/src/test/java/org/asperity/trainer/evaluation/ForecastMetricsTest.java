package org.asperity.trainer.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values worked by hand for truth (1, 2, 3, 4) and prediction (1.5, 2, 2.5, 5). */
class ForecastMetricsTest {

  private static final double[] TRUTH = {1, 2, 3, 4};
  private static final double[] PREDICTED = {1.5, 2, 2.5, 5};

  @Test
  void r2() {
    // SS_res = 0.25 + 0 + 0.25 + 1 = 1.5; mean 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5
    assertEquals(1 - 1.5 / 5, ForecastMetrics.r2(TRUTH, PREDICTED), 1e-12);
    assertEquals(1.0, ForecastMetrics.r2(TRUTH, TRUTH), 1e-12);
    // Predicting the mean scores 0; worse than the mean is negative.
    assertEquals(0.0, ForecastMetrics.r2(TRUTH, new double[] {2.5, 2.5, 2.5, 2.5}), 1e-12);
    assertEquals(1 - 20.0 / 5, ForecastMetrics.r2(TRUTH, new double[] {4, 3, 2, 1}), 1e-12);
    assertTrue(Double.isNaN(ForecastMetrics.r2(new double[] {3, 3}, new double[] {1, 2})));
  }

  @Test
  void meanAbsoluteError() {
    assertEquals(
        (0.5 + 0 + 0.5 + 1) / 4, ForecastMetrics.meanAbsoluteError(TRUTH, PREDICTED), 1e-12);
  }

  @Test
  void intervalCoverageCountsTheBoundsAsInside() {
    double[] lower = {0, 2.5, 2, 3};
    double[] upper = {2, 3, 3, 3.5};
    // 1 in [0,2] yes; 2 in [2.5,3] no; 3 in [2,3] yes (bound); 4 in [3,3.5] no
    assertEquals(0.5, ForecastMetrics.intervalCoverage(TRUTH, lower, upper), 1e-12);
  }

  @Test
  void pinballLoss() {
    // y - q = (-0.5, 0, 0.5, -1); at alpha 0.9: 0.1*0.5, 0, 0.9*0.5, 0.1*1 -> 0.6 / 4
    assertEquals(0.15, ForecastMetrics.pinballLoss(TRUTH, PREDICTED, 0.9), 1e-12);
    // at alpha 0.5 it is half the absolute error
    assertEquals(0.25, ForecastMetrics.pinballLoss(TRUTH, PREDICTED, 0.5), 1e-12);
  }

  @Test
  void rejectsMismatchedOrNonFiniteInput() {
    assertThrows(IllegalArgumentException.class, () -> ForecastMetrics.r2(TRUTH, new double[3]));
    assertThrows(
        IllegalArgumentException.class,
        () -> ForecastMetrics.meanAbsoluteError(new double[0], new double[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> ForecastMetrics.meanAbsoluteError(TRUTH, new double[] {1, Double.NaN, 3, 4}));
    assertThrows(
        IllegalArgumentException.class, () -> ForecastMetrics.pinballLoss(TRUTH, PREDICTED, 1.0));
  }
}
