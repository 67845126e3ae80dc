package org.asperity.features;

/**
 * Regularised weighted least squares for a few slip parameters from many displacements: minimise
 * &Sigma;<sub>r</sub> w<sub>r</sub>(u<sub>r</sub> &minus; (G m)<sub>r</sub>)&sup2; +
 * &lambda;|m|&sup2; (Tikhonov 1963), w<sub>r</sub> = 1/&sigma;<sub>r</sub>&sup2;, solved from the
 * normal equations (G<sup>T</sup>WG + &lambda;I) m = G<sup>T</sup>W u by {@link Cholesky}.
 *
 * <p>&lambda; = {@code relativeDamping} &times; trace(G<sup>T</sup>WG)/K, so the damping is
 * scale-free (it does not depend on the units of G or on the number of stations) and fixed for the
 * basis: the same &lambda; is used when only a subset of rows is observed, so fewer data mean a
 * stronger pull to zero.
 *
 * <p>The full-data pseudo-inverse P = (G<sup>T</sup>WG +
 * &lambda;I)<sup>&minus;1</sup>G<sup>T</sup>W (K &times; rows) is precomputed: an estimate is one K
 * &times; rows product. Rows are station-major (east, north, up of station 0, then station 1, ...),
 * matching {@link RegionLayout}.
 */
public final class SlipDeficitInversion {
  private final int rows;
  private final int parameters;
  private final double[] basis;
  private final double[] weights;
  private final double lambda;
  private final double[] operator;

  /**
   * @param basis Green's functions, {@code basis[row][k]} = displacement at row per unit of
   *     parameter k (m/m)
   * @param rowSigmaMeters one-sigma uncertainty per row, m (weights are 1/&sigma;&sup2;)
   * @param relativeDamping Tikhonov damping relative to the mean diagonal of G<sup>T</sup>WG, &gt;
   *     0
   */
  public SlipDeficitInversion(double[][] basis, double[] rowSigmaMeters, double relativeDamping) {
    rows = basis.length;
    if (rows == 0 || basis[0].length == 0) {
      throw new IllegalArgumentException("basis must have at least one row and one column");
    }
    parameters = basis[0].length;
    if (rowSigmaMeters.length != rows) {
      throw new IllegalArgumentException(
          "need one sigma per basis row: " + rowSigmaMeters.length + " != " + rows);
    }
    if (!(relativeDamping > 0) || Double.isInfinite(relativeDamping)) {
      throw new IllegalArgumentException(
          "relativeDamping must be finite and > 0: " + relativeDamping);
    }
    this.basis = new double[rows * parameters];
    this.weights = new double[rows];
    for (int r = 0; r < rows; r++) {
      if (basis[r].length != parameters) {
        throw new IllegalArgumentException(
            "basis row " + r + " has " + basis[r].length + " columns, expected " + parameters);
      }
      double sigma = rowSigmaMeters[r];
      if (!(sigma > 0) || Double.isInfinite(sigma)) {
        throw new IllegalArgumentException(
            "sigma of row " + r + " must be finite and > 0: " + sigma);
      }
      weights[r] = 1.0 / (sigma * sigma);
      for (int k = 0; k < parameters; k++) {
        double g = basis[r][k];
        if (!Double.isFinite(g)) {
          throw new IllegalArgumentException("basis[" + r + "][" + k + "] is not finite");
        }
        this.basis[r * parameters + k] = g;
      }
    }
    double[][] normal = normalMatrix(null, 0.0);
    double trace = 0;
    for (int k = 0; k < parameters; k++) {
      trace += normal[k][k];
    }
    if (!(trace > 0)) {
      throw new IllegalArgumentException("basis is identically zero");
    }
    lambda = relativeDamping * trace / parameters;
    for (int k = 0; k < parameters; k++) {
      normal[k][k] += lambda;
    }
    Cholesky factor = new Cholesky(normal);
    operator = new double[parameters * rows];
    double[] rhs = new double[parameters];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < parameters; k++) {
        rhs[k] = weights[r] * this.basis[r * parameters + k];
      }
      double[] column = factor.solve(rhs);
      for (int k = 0; k < parameters; k++) {
        operator[k * rows + r] = column[k];
      }
    }
  }

  /**
   * G<sup>T</sup>WG over the used rows (all when {@code rowUsed} is null) plus {@code
   * diagonal}&middot;I.
   */
  private double[][] normalMatrix(boolean[] rowUsed, double diagonal) {
    double[][] normal = new double[parameters][parameters];
    for (int r = 0; r < rows; r++) {
      if (rowUsed != null && !rowUsed[r]) {
        continue;
      }
      int o = r * parameters;
      for (int i = 0; i < parameters; i++) {
        double wi = weights[r] * basis[o + i];
        for (int j = 0; j <= i; j++) {
          normal[i][j] += wi * basis[o + j];
        }
      }
    }
    for (int i = 0; i < parameters; i++) {
      normal[i][i] += diagonal;
      for (int j = 0; j < i; j++) {
        normal[j][i] = normal[i][j];
      }
    }
    return normal;
  }

  /** Number of parameters K. */
  public int parameters() {
    return parameters;
  }

  /** Number of observation rows. */
  public int observations() {
    return rows;
  }

  /** The absolute Tikhonov &lambda; in use. */
  public double lambda() {
    return lambda;
  }

  /** Element (k, row) of the precomputed pseudo-inverse. */
  public double operator(int k, int row) {
    return operator[k * rows + row];
  }

  /**
   * Estimate from all rows with the precomputed pseudo-inverse, written into {@code out} (length
   * K).
   */
  public void estimate(double[] observations, double[] out) {
    if (observations.length != rows || out.length != parameters) {
      throw new IllegalArgumentException(
          "expected " + rows + " observations and " + parameters + " outputs");
    }
    for (int k = 0; k < parameters; k++) {
      double s = 0;
      int o = k * rows;
      for (int r = 0; r < rows; r++) {
        s += operator[o + r] * observations[r];
      }
      out[k] = s;
    }
  }

  /** Estimate from all rows, new array. */
  public double[] estimate(double[] observations) {
    double[] out = new double[parameters];
    estimate(observations, out);
    return out;
  }

  /**
   * Estimate from the rows with {@code rowUsed[r]} only (others ignored, their values unread): the
   * normal equations are rebuilt for that subset, with the same &lambda;.
   */
  public double[] estimateSubset(double[] observations, boolean[] rowUsed) {
    if (observations.length != rows || rowUsed.length != rows) {
      throw new IllegalArgumentException("expected " + rows + " observations and mask entries");
    }
    double[][] normal = normalMatrix(rowUsed, lambda);
    double[] rhs = new double[parameters];
    for (int r = 0; r < rows; r++) {
      if (!rowUsed[r]) {
        continue;
      }
      double wu = weights[r] * observations[r];
      int o = r * parameters;
      for (int k = 0; k < parameters; k++) {
        rhs[k] += basis[o + k] * wu;
      }
    }
    return new Cholesky(normal).solve(rhs);
  }

  /** Forward model G m for row {@code row}. */
  public double predict(int row, double[] model) {
    double s = 0;
    int o = row * parameters;
    for (int k = 0; k < parameters; k++) {
      s += basis[o + k] * model[k];
    }
    return s;
  }
}
