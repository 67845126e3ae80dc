package org.asperity.trainer.evaluation;

import static org.asperity.model.ModelContract.MOMENT_MAGNITUDE;
import static org.asperity.model.ModelContract.OUTPUT_WIDTH;
import static org.asperity.model.ModelContract.TTF_P10;
import static org.asperity.model.ModelContract.TTF_P50;
import static org.asperity.model.ModelContract.TTF_P90;

import java.util.List;

/**
 * The scores the model card compares across the model and its baselines. A point forecaster (a
 * baseline without quantiles) has NaN interval scores.
 *
 * @param ttfR2 R² of the median TTF, in days (the headline metric)
 * @param ttfR2Log R² of ln(1 + median TTF in days): how well the forecast does relative to the time
 *     left, which matters most close to failure
 * @param ttfMaeDays mean absolute error of the median TTF
 * @param ttfMaeRecurrences the same divided by the mean recurrence interval of the training cycles
 * @param ttfCoverageP10P90 share of true TTF inside [p10, p90] (0.8 is calibrated)
 * @param magnitudeR2 R² of the moment magnitude
 * @param magnitudeMae mean absolute error of the moment magnitude
 */
public record ForecastScores(
    double ttfR2,
    double ttfR2Log,
    double ttfMaeDays,
    double ttfMaeRecurrences,
    double ttfCoverageP10P90,
    double magnitudeR2,
    double magnitudeMae) {

  /** Column headings, in the order of {@link #values()}. */
  public static final List<String> COLUMNS =
      List.of(
          "TTF R²",
          "TTF R² (log)",
          "TTF MAE (days)",
          "TTF MAE / recurrence",
          "TTF p10–p90 coverage",
          "Mw R²",
          "Mw MAE");

  /**
   * Scores forecasts laid out as the model's output: rows of {@code OUTPUTS}.
   *
   * @param meanRecurrenceDays the recurrence interval that normalises the MAE
   */
  public static ForecastScores of(
      float[] forecasts, double[] trueTtfDays, double[] trueMagnitude, double meanRecurrenceDays) {
    int rows = trueTtfDays.length;
    if (forecasts.length != rows * OUTPUT_WIDTH || trueMagnitude.length != rows) {
      throw new IllegalArgumentException(
          forecasts.length + " forecast values for " + rows + " rows");
    }
    double[] p10 = column(forecasts, TTF_P10, rows);
    double[] p50 = column(forecasts, TTF_P50, rows);
    double[] p90 = column(forecasts, TTF_P90, rows);
    double[] magnitude = column(forecasts, MOMENT_MAGNITUDE, rows);
    return scores(
        p50,
        magnitude,
        trueTtfDays,
        trueMagnitude,
        meanRecurrenceDays,
        ForecastMetrics.intervalCoverage(trueTtfDays, p10, p90));
  }

  /** Scores a point forecaster (e.g. a baseline): no interval. */
  public static ForecastScores ofPoint(
      double[] ttfDays,
      double[] magnitude,
      double[] trueTtfDays,
      double[] trueMagnitude,
      double meanRecurrenceDays) {
    return scores(ttfDays, magnitude, trueTtfDays, trueMagnitude, meanRecurrenceDays, Double.NaN);
  }

  private static ForecastScores scores(
      double[] ttf,
      double[] magnitude,
      double[] trueTtf,
      double[] trueMagnitude,
      double meanRecurrenceDays,
      double coverage) {
    if (!(meanRecurrenceDays > 0)) {
      throw new IllegalArgumentException(
          "the mean recurrence must be positive, not " + meanRecurrenceDays);
    }
    double mae = ForecastMetrics.meanAbsoluteError(trueTtf, ttf);
    return new ForecastScores(
        ForecastMetrics.r2(trueTtf, ttf),
        ForecastMetrics.r2(log1p(trueTtf), log1p(ttf)),
        mae,
        mae / meanRecurrenceDays,
        coverage,
        ForecastMetrics.r2(trueMagnitude, magnitude),
        ForecastMetrics.meanAbsoluteError(trueMagnitude, magnitude));
  }

  public double[] values() {
    return new double[] {
      ttfR2, ttfR2Log, ttfMaeDays, ttfMaeRecurrences, ttfCoverageP10P90, magnitudeR2, magnitudeMae
    };
  }

  private static double[] log1p(double[] days) {
    double[] out = new double[days.length];
    for (int i = 0; i < days.length; i++) {
      out[i] = Math.log1p(Math.max(0, days[i]));
    }
    return out;
  }

  private static double[] column(float[] forecasts, int column, int rows) {
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = forecasts[r * OUTPUT_WIDTH + column];
    }
    return out;
  }
}
