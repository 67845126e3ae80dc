package org.asperity.trainer;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.asperity.trainer.gbrt.TrainingMatrix;

/**
 * Seeded synthetic regression data shaped like the real problem: ~30 features, some missing, a time
 * to failure (days, log-normal, driven by a few features) and a moment magnitude.
 */
public final class SyntheticData {

  public static final int FEATURES = 30;

  public final float[] features;
  public final int rows;
  public final double[] ttfDays;
  public final float[] magnitude;

  public SyntheticData(int rows, long seed) {
    this.rows = rows;
    SplittableRandom random = new SplittableRandom(seed);
    features = new float[rows * FEATURES];
    ttfDays = new double[rows];
    magnitude = new float[rows];
    for (int r = 0; r < rows; r++) {
      double[] x = new double[FEATURES];
      for (int f = 0; f < FEATURES; f++) {
        x[f] = random.nextDouble();
        // 10% missing, as when a station has a gap
        features[r * FEATURES + f] = random.nextDouble() < 0.1 ? Float.NaN : (float) x[f];
      }
      ttfDays[r] = Math.exp(1 + 3 * x[0] + 1.5 * x[1] * x[2] + 0.4 * random.nextGaussian());
      magnitude[r] = (float) (6.5 + 1.5 * x[3] - 0.5 * x[4] + 0.2 * random.nextGaussian());
    }
  }

  public static List<String> featureNames() {
    return IntStream.range(0, FEATURES).mapToObj(i -> "feature_" + i).toList();
  }

  public TrainingMatrix matrix(float[] labels) {
    return new TrainingMatrix(features, rows, featureNames(), labels);
  }

  public float[] ttfLabels(java.util.function.DoubleUnaryOperator transform) {
    float[] labels = new float[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = (float) transform.applyAsDouble(ttfDays[r]);
    }
    return labels;
  }
}
