package org.asperity.trainer.onnx;

import java.util.Arrays;
import java.util.Locale;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.asperity.model.ModelContract;
import org.asperity.trainer.gbrt.TrainedBooster;

/**
 * XGBoost's predictions put through the graph's post-processing in Java (float32, as in the graph),
 * and the comparison with what ONNX Runtime computes. The trainer scores baselines with {@link
 * #expectedForecasts} and checks every exported model against it.
 */
public final class Parity {

  /** Largest differences between ONNX Runtime and XGBoost, and where the relative one is. */
  public record Difference(double maxRelative, double maxAbsolute, int row, String column) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "max relative %.3g (row %d, %s), max absolute %.3g",
          maxRelative,
          row,
          column,
          maxAbsolute);
    }
  }

  private Parity() {}

  /** Raw tree outputs to forecasts as the graph computes them, in float32. */
  public static float[] expectedForecasts(
      TrainedBooster ttf,
      TrainedBooster magnitude,
      TtfTransform transform,
      float[] features,
      int rows)
      throws XGBoostError {
    return expectedForecasts(ttf, magnitude, transform, null, features, rows);
  }

  /**
   * The same with the exporter's TTF offsets (trees' space, added before the transform), or null
   * for none.
   */
  public static float[] expectedForecasts(
      TrainedBooster ttf,
      TrainedBooster magnitude,
      TtfTransform transform,
      float[] ttfOffsets,
      float[] features,
      int rows)
      throws XGBoostError {
    float[] quantiles = ttf.predict(features, rows);
    float[] magnitudes = magnitude.predict(features, rows);
    float[] out = new float[rows * 4];
    for (int r = 0; r < rows; r++) {
      float[] ttfRow = Arrays.copyOfRange(quantiles, r * 3, r * 3 + 3);
      if (ttfOffsets != null) {
        // XGBoost already returns crossing quantiles in order; the graph sorts them here too.
        Arrays.sort(ttfRow);
        for (int q = 0; q < 3; q++) {
          ttfRow[q] += ttfOffsets[q];
        }
      }
      if (transform == TtfTransform.LOG1P) {
        for (int q = 0; q < 3; q++) {
          ttfRow[q] = (float) Math.exp(ttfRow[q]) - 1f;
        }
      }
      Arrays.sort(ttfRow);
      for (int q = 0; q < 3; q++) {
        out[r * 4 + q] = Math.max(0f, ttfRow[q]);
      }
      out[r * 4 + 3] = magnitudes[r];
    }
    return out;
  }

  public static Difference compare(float[] onnx, float[] expected) {
    double worstRelative = 0;
    double worstAbsolute = 0;
    int at = 0;
    for (int i = 0; i < expected.length; i++) {
      double absolute = Math.abs(onnx[i] - expected[i]);
      double relative = absolute / Math.max(Math.abs(expected[i]), 1e-6);
      worstAbsolute = Math.max(worstAbsolute, absolute);
      if (relative > worstRelative || Double.isNaN(relative)) {
        worstRelative = Double.isNaN(relative) ? Double.POSITIVE_INFINITY : relative;
        at = i;
      }
    }
    return new Difference(worstRelative, worstAbsolute, at / 4, ModelContract.OUTPUTS.get(at % 4));
  }
}
