package org.asperity.features;

/**
 * Cholesky factorisation A = L L<sup>T</sup> of a small symmetric positive-definite matrix and the
 * two triangular solves (Golub &amp; Van Loan, Matrix Computations, 4th ed., alg. 4.2.1). Enough
 * for the K&times;K normal equations of the slip-deficit inversion (K = asperities + 1, a handful),
 * so no linear-algebra library is needed. Plain loops in a fixed order: results are deterministic.
 */
final class Cholesky {
  private final int n;
  private final double[] lower;

  /**
   * Factors {@code a} (only the lower triangle is read).
   *
   * @throws IllegalArgumentException if {@code a} is not square or not positive definite
   */
  Cholesky(double[][] a) {
    n = a.length;
    lower = new double[n * n];
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException("matrix is not square");
      }
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= lower[i * n + k] * lower[j * n + k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalArgumentException(
                "matrix is not positive definite (pivot " + i + " = " + s + ")");
          }
          lower[i * n + i] = Math.sqrt(s);
        } else {
          lower[i * n + j] = s / lower[j * n + j];
        }
      }
    }
  }

  /** Solves A x = b into a new array. */
  double[] solve(double[] b) {
    if (b.length != n) {
      throw new IllegalArgumentException(
          "right-hand side has " + b.length + " rows, expected " + n);
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= lower[i * n + k] * y[k];
      }
      y[i] = s / lower[i * n + i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= lower[k * n + i] * x[k];
      }
      x[i] = s / lower[i * n + i];
    }
    return x;
  }
}
