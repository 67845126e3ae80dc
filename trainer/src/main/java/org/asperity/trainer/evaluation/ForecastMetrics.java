package org.asperity.trainer.evaluation;

/** Scores of forecasts against what happened. All inputs are equally long, non-empty and finite. */
public final class ForecastMetrics {

  private ForecastMetrics() {}

  /**
   * Coefficient of determination, 1 - SS_res / SS_tot (the score of Corbi et al. 2019); NaN when
   * the truth is constant.
   */
  public static double r2(double[] truth, double[] predicted) {
    check(truth, predicted);
    double mean = 0;
    for (double t : truth) {
      mean += t;
    }
    mean /= truth.length;
    double residual = 0;
    double total = 0;
    for (int i = 0; i < truth.length; i++) {
      residual += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
      total += (truth[i] - mean) * (truth[i] - mean);
    }
    return total == 0 ? Double.NaN : 1 - residual / total;
  }

  public static double meanAbsoluteError(double[] truth, double[] predicted) {
    check(truth, predicted);
    double sum = 0;
    for (int i = 0; i < truth.length; i++) {
      sum += Math.abs(truth[i] - predicted[i]);
    }
    return sum / truth.length;
  }

  /** Share of outcomes inside [lower, upper], bounds included (0.8 is ideal for p10–p90). */
  public static double intervalCoverage(double[] truth, double[] lower, double[] upper) {
    check(truth, lower);
    check(truth, upper);
    int inside = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] >= lower[i] && truth[i] <= upper[i]) {
        inside++;
      }
    }
    return inside / (double) truth.length;
  }

  /**
   * Mean pinball (quantile) loss of predicted {@code alpha}-quantiles (Koenker and Bassett 1978):
   * alpha * (y - q) when y &ge; q, (1 - alpha) * (q - y) otherwise.
   */
  public static double pinballLoss(double[] truth, double[] predicted, double alpha) {
    check(truth, predicted);
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), not " + alpha);
    }
    double sum = 0;
    for (int i = 0; i < truth.length; i++) {
      double error = truth[i] - predicted[i];
      sum += Math.max(alpha * error, (alpha - 1) * error);
    }
    return sum / truth.length;
  }

  private static void check(double[] truth, double[] other) {
    if (truth.length == 0 || truth.length != other.length) {
      throw new IllegalArgumentException(
          "Need equally long non-empty arrays, got " + truth.length + " and " + other.length);
    }
    for (int i = 0; i < truth.length; i++) {
      if (!Double.isFinite(truth[i]) || !Double.isFinite(other[i])) {
        throw new IllegalArgumentException("Non-finite value at index " + i);
      }
    }
  }
}
