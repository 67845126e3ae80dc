package org.asperity.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlipDeficitInversionTest {

  private static double[][] randomBasis(SplittableRandom random, int rows, int parameters) {
    double[][] g = new double[rows][parameters];
    for (double[] row : g) {
      for (int k = 0; k < parameters; k++) {
        row[k] = random.nextGaussian() * 0.3;
      }
    }
    return g;
  }

  private static double[] forward(double[][] g, double[] m) {
    double[] u = new double[g.length];
    for (int r = 0; r < g.length; r++) {
      for (int k = 0; k < m.length; k++) {
        u[r] += g[r][k] * m[k];
      }
    }
    return u;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void noiseFreeDisplacementsGiveBackTheDeficitsExactly(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int parameters = 2 + (int) seed;
    double[][] g = randomBasis(random, 3 * 40, parameters);
    double[] sigmas = new double[g.length];
    for (int r = 0; r < sigmas.length; r++) {
      sigmas[r] = r % 3 == 2 ? 0.005 : 0.002;
    }
    double[] truth = new double[parameters];
    for (int k = 0; k < parameters; k++) {
      truth[k] = random.nextDouble(-5, 10);
    }
    // Negligible damping: the damped solution differs from the exact one by ~damping * condition^2.
    SlipDeficitInversion inversion = new SlipDeficitInversion(g, sigmas, 1e-13);
    double[] estimate = inversion.estimate(forward(g, truth));
    assertArrayEquals(truth, estimate, 1e-9);
    boolean[] all = new boolean[g.length];
    Arrays.fill(all, true);
    assertArrayEquals(truth, inversion.estimateSubset(forward(g, truth), all), 1e-9);
    // Half the stations missing: the subset operator still recovers the exact deficits.
    boolean[] half = new boolean[g.length];
    for (int r = 0; r < g.length; r++) {
      half[r] = (r / 3) % 2 == 0;
    }
    double[] observed = forward(g, truth);
    for (int r = 0; r < g.length; r++) {
      if (!half[r]) {
        observed[r] = 1e6;
      }
    }
    assertArrayEquals(truth, inversion.estimateSubset(observed, half), 1e-9);
  }

  /**
   * With noise the weighted least-squares error has covariance (G^T W G)^-1: every component must
   * fall within 4 standard deviations of the truth (a false failure rate ~6e-5 per component).
   */
  @ParameterizedTest
  @ValueSource(longs = {10, 11, 12})
  void noisyDisplacementsGiveTheDeficitsWithinTheirUncertainty(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int parameters = 4;
    double[][] g = randomBasis(random, 3 * 60, parameters);
    double[] sigmas = new double[g.length];
    Arrays.fill(sigmas, 0.003);
    double[] truth = {2.0, -1.0, 0.5, 3.0};
    SlipDeficitInversion inversion = new SlipDeficitInversion(g, sigmas, 1e-8);
    double[] u = forward(g, truth);
    for (int r = 0; r < u.length; r++) {
      u[r] += sigmas[r] * random.nextGaussian();
    }
    double[] estimate = inversion.estimate(u);
    // Standard deviations from the operator: var(m_k) = sum_r P_kr^2 sigma_r^2.
    for (int k = 0; k < parameters; k++) {
      double variance = 0;
      for (int r = 0; r < g.length; r++) {
        variance += Math.pow(inversion.operator(k, r) * sigmas[r], 2);
      }
      double sd = Math.sqrt(variance);
      assertTrue(sd > 0 && sd < 0.01, "standard deviation " + sd);
      assertEquals(truth[k], estimate[k], 4 * sd);
    }
  }

  @Test
  void dampingShrinksTowardZeroAsTikhonovPrescribes() {
    // One parameter, G = column of ones, unit sigmas: m = sum(u) / (n + lambda), lambda = damping *
    // n.
    int n = 10;
    double[][] g = new double[n][1];
    double[] sigmas = new double[n];
    double[] u = new double[n];
    for (int r = 0; r < n; r++) {
      g[r][0] = 1;
      sigmas[r] = 1;
      u[r] = 2.0;
    }
    SlipDeficitInversion inversion = new SlipDeficitInversion(g, sigmas, 0.25);
    assertEquals(2.5, inversion.lambda(), 1e-15);
    assertEquals(20.0 / 12.5, inversion.estimate(u)[0], 1e-15);
  }

  @Test
  void predictIsTheForwardModel() {
    double[][] g = {{1, 2}, {3, 4}, {5, 6}};
    SlipDeficitInversion inversion = new SlipDeficitInversion(g, new double[] {1, 1, 1}, 1e-6);
    assertEquals(1 * 0.5 + 2 * -1.0, inversion.predict(0, new double[] {0.5, -1}), 0);
    assertEquals(5 * 0.5 + 6 * -1.0, inversion.predict(2, new double[] {0.5, -1}), 0);
  }

  @Test
  void rejectsInvalidInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SlipDeficitInversion(new double[][] {{0}, {0}}, new double[] {1, 1}, 1e-3));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SlipDeficitInversion(new double[][] {{1}}, new double[] {0}, 1e-3));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SlipDeficitInversion(new double[][] {{1}}, new double[] {1}, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SlipDeficitInversion(new double[][] {{1, 2}, {1}}, new double[] {1, 1}, 1e-3));
    assertThrows(
        IllegalArgumentException.class, () -> new Cholesky(new double[][] {{1, 2}, {2, 1}}));
  }

  @Test
  void choleskySolvesASymmetricPositiveDefiniteSystem() {
    double[][] a = {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}};
    double[] x = {1, -2, 0.5};
    double[] b = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        b[i] += a[i][j] * x[j];
      }
    }
    assertArrayEquals(x, new Cholesky(a).solve(b), 1e-12);
  }
}
