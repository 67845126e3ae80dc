package org.asperity.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.asperity.simulator.physics.FailureOracle;
import org.asperity.simulator.physics.Rupture;
import org.asperity.simulator.physics.RuptureExtent;
import org.asperity.simulator.physics.SeismicCycle;
import org.junit.jupiter.api.Test;

/**
 * Time to failure is predictable in principle from the true state: over more than 200 cycles of the
 * nature preset, the physics oracle (time for each asperity's stress to reach its strength at its
 * current loading rate, minimum over asperities), sampled every quarter year, predicts the time to
 * the next earthquake with high skill, and the time to the next large one nearly as well.
 */
class FailureOracleTest {
  private static final double SAMPLE_YEARS = 0.25;
  private static final double RECORD_YEARS = 6500.0;

  @Test
  void oracleFromTheTrueStatePredictsTheTimeToTheNextEarthquake() {
    SimulationConfig config = SimulationConfig.builder().preset(Preset.NATURE).seed(1).build();
    SeismicCycle cycle =
        new SeismicCycle(
            Models.faultModel(config.model()),
            config.model().cycle(),
            Seeds.random(config.seed(), Seeds.CYCLE, 0, 0),
            -config.spinUpYears());
    cycle.advanceTo(0.0, rupture -> {});
    FailureOracle oracle = new FailureOracle(cycle);
    List<Rupture> ruptures = new ArrayList<>();
    int samples = (int) (RECORD_YEARS / SAMPLE_YEARS);
    double[] any = new double[samples];
    double[] large = new double[samples];
    for (int s = 0; s < samples; s++) {
      double t = (s + 1) * SAMPLE_YEARS;
      cycle.advanceTo(t, ruptures::add);
      any[s] = oracle.yearsToNextEarthquake(t);
      large[s] = oracle.yearsToNextLargeEarthquake(t);
    }
    assertTrue(ruptures.size() > 200, "cycles " + ruptures.size());
    double[][] next = skill(any, ruptures, false);
    double[][] nextLarge = skill(large, ruptures, true);
    assertTrue(rSquared(next) > 0.95, "R^2 next earthquake " + rSquared(next));
    assertTrue(spearman(next) > 0.98, "rank correlation next earthquake " + spearman(next));
    assertTrue(rSquared(nextLarge) > 0.9, "R^2 next large earthquake " + rSquared(nextLarge));
    assertTrue(
        spearman(nextLarge) > 0.95,
        "rank correlation next large earthquake " + spearman(nextLarge));
  }

  /**
   * {predicted, actual} time to the next (large) earthquake at every sample that has one after it.
   */
  private static double[][] skill(double[] predicted, List<Rupture> ruptures, boolean largeOnly) {
    List<double[]> pairs = new ArrayList<>();
    int next = 0;
    for (int s = 0; s < predicted.length; s++) {
      double t = (s + 1) * SAMPLE_YEARS;
      while (next < ruptures.size() && ruptures.get(next).onsetYears() <= t) {
        next++;
      }
      int k = next;
      while (largeOnly && k < ruptures.size() && ruptures.get(k).extent() == RuptureExtent.SMALL) {
        k++;
      }
      if (k == ruptures.size()) {
        break;
      }
      pairs.add(new double[] {predicted[s], ruptures.get(k).onsetYears() - t});
    }
    double[][] columns = new double[2][pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      columns[0][i] = pairs.get(i)[0];
      columns[1][i] = pairs.get(i)[1];
    }
    return columns;
  }

  /** Coefficient of determination of the prediction (not of a fitted line): 1 - SSE / SST. */
  private static double rSquared(double[][] xy) {
    double mean = Arrays.stream(xy[1]).average().orElseThrow();
    double sse = 0.0;
    double sst = 0.0;
    for (int i = 0; i < xy[0].length; i++) {
      sse += (xy[0][i] - xy[1][i]) * (xy[0][i] - xy[1][i]);
      sst += (xy[1][i] - mean) * (xy[1][i] - mean);
    }
    return 1.0 - sse / sst;
  }

  private static double spearman(double[][] xy) {
    return pearson(ranks(xy[0]), ranks(xy[1]));
  }

  private static double[] ranks(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] rank = new double[values.length];
    for (int r = 0; r < order.length; r++) {
      rank[order[r]] = r;
    }
    return rank;
  }

  private static double pearson(double[] a, double[] b) {
    double ma = Arrays.stream(a).average().orElseThrow();
    double mb = Arrays.stream(b).average().orElseThrow();
    double sab = 0.0;
    double saa = 0.0;
    double sbb = 0.0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
