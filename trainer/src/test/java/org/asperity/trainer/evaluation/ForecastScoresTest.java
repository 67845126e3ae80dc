package org.asperity.trainer.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForecastScoresTest {

  @Test
  void readsTheColumnsOfTheModelOutput() {
    double[] trueTtf = {1, 2, 3, 4};
    double[] trueMagnitude = {7, 7.5, 8, 8.5};
    float[] forecasts = {
      // p10, p50, p90, Mw
      0f, 1.5f, 2f, 7f,
      2.5f, 2f, 3f, 7.5f,
      2f, 2.5f, 3f, 8f,
      3f, 5f, 3.5f, 9.5f,
    };
    ForecastScores scores = ForecastScores.of(forecasts, trueTtf, trueMagnitude, 10);

    assertEquals(0.7, scores.ttfR2(), 1e-12);
    assertEquals(0.5, scores.ttfMaeDays(), 1e-12);
    assertEquals(0.05, scores.ttfMaeRecurrences(), 1e-12);
    assertEquals(0.5, scores.ttfCoverageP10P90(), 1e-12);
    // Mw: one error of 1 on a spread with SS_tot = 1.25
    assertEquals(1 - 1 / 1.25, scores.magnitudeR2(), 1e-12);
    assertEquals(0.25, scores.magnitudeMae(), 1e-12);
    double[] logTruth = {Math.log(2), Math.log(3), Math.log(4), Math.log(5)};
    double[] logMedian = {Math.log(2.5), Math.log(3), Math.log(3.5), Math.log(6)};
    assertEquals(ForecastMetrics.r2(logTruth, logMedian), scores.ttfR2Log(), 1e-12);
    assertArrayEquals(
        new double[] {
          scores.ttfR2(), scores.ttfR2Log(), 0.5, 0.05, 0.5, scores.magnitudeR2(), 0.25
        },
        scores.values());
    assertEquals(ForecastScores.COLUMNS.size(), scores.values().length);
  }

  @Test
  void aPointForecasterHasNoCoverage() {
    ForecastScores scores =
        ForecastScores.ofPoint(
            new double[] {1.5, 2, 2.5, 5},
            new double[] {7, 7, 7, 7},
            new double[] {1, 2, 3, 4},
            new double[] {7, 7.5, 8, 8.5},
            5);
    assertEquals(0.7, scores.ttfR2(), 1e-12);
    assertEquals(0.1, scores.ttfMaeRecurrences(), 1e-12);
    assertTrue(Double.isNaN(scores.ttfCoverageP10P90()));
  }

  @Test
  void needsAPositiveRecurrence() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ForecastScores.ofPoint(
                new double[] {1}, new double[] {7}, new double[] {1}, new double[] {7}, 0));
  }
}
