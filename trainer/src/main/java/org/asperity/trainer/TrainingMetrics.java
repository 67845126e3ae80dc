package org.asperity.trainer;

import java.util.List;
import java.util.Map;

/**
 * The metrics a model carries in its metadata, as JSON. Property order is the component order;
 * scores that are not finite are {@code null}, JSON having no NaN.
 *
 * @param sets size of each split, keyed by the split's lower-case name, in split order
 * @param test the model's and the baselines' scores on the test cycles
 * @param topFeaturesByGain the ten most important features, most important first
 */
record TrainingMetrics(
    String evaluatedOn,
    Map<String, SetSize> sets,
    double meanRecurrenceDays,
    List<TestScores> test,
    List<CurvePoint> learningCurve,
    Double onnxParityMaxRelativeDifference,
    Map<String, Double> topFeaturesByGain) {

  record SetSize(long runs, int cycles, int rows) {}

  record TestScores(
      String forecaster,
      Double ttfR2,
      Double ttfR2Log1p,
      Double ttfMaeDays,
      Double ttfMaeOverMeanRecurrence,
      Double ttfCoverageP10P90,
      Double magnitudeR2,
      Double magnitudeMae) {}

  record CurvePoint(int trainingCycles, int trainingRows, Double ttfR2, Double ttfMaeDays) {}

  /** {@code value}, or null when it is not finite. */
  static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
