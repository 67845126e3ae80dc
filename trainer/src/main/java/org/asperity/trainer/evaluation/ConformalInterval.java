package org.asperity.trainer.evaluation;

import java.util.Arrays;

/**
 * Conformalized quantile regression (Romano, Patterson and Candès 2019, NeurIPS): the quantile
 * trees' interval [lo, hi] is widened (or narrowed) by the same amount Q on both sides so that, on
 * a calibration set the trees were not fitted on, [lo &minus; Q, hi + Q] holds the wanted share of
 * outcomes. Q is the ⌈(n + 1) &middot; coverage⌉-th smallest conformity score max(lo &minus; y, y
 * &minus; hi). The guarantee assumes exchangeable rows; rows of one cycle are correlated, so it
 * holds for whole cycles drawn like the calibration ones, approximately.
 */
public final class ConformalInterval {

  private ConformalInterval() {}

  /**
   * @param rawQuantiles row-major {@code labels.length x 3} quantile outputs (any order within a
   *     row; the lowest and highest are the interval)
   * @param labels the outcomes, in the same space as the outputs
   * @param coverage the share of outcomes the interval should hold, in (0, 1)
   * @return Q, in the outputs' space
   */
  public static double offset(float[] rawQuantiles, float[] labels, double coverage) {
    int n = labels.length;
    if (n == 0 || rawQuantiles.length != 3 * n) {
      throw new IllegalArgumentException(
          "need three quantile outputs per label, got " + rawQuantiles.length + " for " + n);
    }
    if (!(coverage > 0 && coverage < 1)) {
      throw new IllegalArgumentException("coverage must be in (0, 1), not " + coverage);
    }
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      float a = rawQuantiles[3 * i];
      float b = rawQuantiles[3 * i + 1];
      float c = rawQuantiles[3 * i + 2];
      double lo = Math.min(a, Math.min(b, c));
      double hi = Math.max(a, Math.max(b, c));
      scores[i] = Math.max(lo - labels[i], labels[i] - hi);
    }
    Arrays.sort(scores);
    int rank = (int) Math.ceil((n + 1) * coverage);
    return scores[Math.min(n, rank) - 1];
  }
}
