package org.asperity.trainer;

import static org.asperity.model.ModelContract.OUTPUT_WIDTH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The intervals and verdicts of the multi-seed evaluation on made-up forecasts. */
class MultiSeedEvaluationTest {

  @Test
  void aPerfectModelMeetsEveryTargetAndANoisyOneFailsOnItsLowerBound() {
    List<MultiSeedEvaluation.SeedResult> perfect = new ArrayList<>();
    List<MultiSeedEvaluation.SeedResult> noisy = new ArrayList<>();
    for (int seed = 0; seed < 5; seed++) {
      perfect.add(seed(seed, 0.0));
      noisy.add(seed(seed, 0.6));
    }
    Map<String, Object> good = MultiSeedEvaluation.targets(perfect);
    for (Object v : good.values()) {
      assertEquals(true, ((Map<?, ?>) v).get("met"), good.toString());
    }
    Map<?, ?> r2 = (Map<?, ?>) good.get("modelTtfR2");
    assertEquals(1.0, (double) r2.get("mean"), 1e-9);
    assertEquals(1.0, (double) r2.get("lower"), 1e-9);

    Map<String, Object> bad = MultiSeedEvaluation.targets(noisy);
    Map<?, ?> noisyR2 = (Map<?, ?>) bad.get("modelTtfR2");
    assertFalse((boolean) noisyR2.get("met"));
    double lower = (double) noisyR2.get("lower");
    double mean = (double) noisyR2.get("mean");
    double upper = (double) noisyR2.get("upper");
    assertTrue(lower < mean && mean < upper, noisyR2.toString());
    Map<String, Object> all = MultiSeedEvaluation.summarise(noisy);
    Map<?, ?> constant = (Map<?, ?>) all.get(MultiSeedEvaluation.CONSTANT);
    assertEquals(
        1.0,
        (double) ((Map<?, ?>) constant.get("mwMaeOverConstantMean")).get("mean"),
        1e-12,
        "the constant forecaster against itself");
    assertFalse(
        ((Map<?, ?>) all.get(MultiSeedEvaluation.RENEWAL)).containsKey("ttfCoverageP10P90"));
  }

  @Test
  void studentQuantilesApproachTheNormalOne() {
    assertEquals(2.776, MultiSeedEvaluation.studentT975(4), 1e-3);
    assertEquals(4.303, MultiSeedEvaluation.studentT975(2), 1e-3);
    assertTrue(Math.abs(MultiSeedEvaluation.studentT975(200) - 1.96) < 0.02);
  }

  /** Ten cycles of ten rows; the model's p50 is the truth plus noise of {@code noise} x spread. */
  private static MultiSeedEvaluation.SeedResult seed(int seed, double noise) {
    SplittableRandom random = new SplittableRandom(seed);
    int rows = 100;
    double[] ttf = new double[rows];
    double[] mw = new double[rows];
    int[] cycle = new int[rows];
    for (int r = 0; r < rows; r++) {
      cycle[r] = r / 10;
      ttf[r] = 1000.0 * (10 - r % 10);
      mw[r] = 7.5 + 0.5 * ((r / 10) % 2);
    }
    Map<String, float[]> forecasts = new LinkedHashMap<>();
    Map<String, Boolean> point = new LinkedHashMap<>();
    for (String name :
        List.of(
            MultiSeedEvaluation.MODEL,
            MultiSeedEvaluation.GNSS_DEFICIT,
            MultiSeedEvaluation.TRUE_DEFICIT,
            MultiSeedEvaluation.ORACLE,
            MultiSeedEvaluation.RENEWAL,
            MultiSeedEvaluation.CONSTANT)) {
      boolean model = name.equals(MultiSeedEvaluation.MODEL);
      float[] f = new float[rows * OUTPUT_WIDTH];
      for (int r = 0; r < rows; r++) {
        double p50 =
            model
                ? ttf[r] + noise * 3000.0 * random.nextGaussian()
                : 5500.0 + 0.2 * (ttf[r] - 5500);
        f[r * OUTPUT_WIDTH] = (float) (p50 - 500);
        f[r * OUTPUT_WIDTH + 1] = (float) p50;
        f[r * OUTPUT_WIDTH + 2] = (float) (p50 + 500);
        f[r * OUTPUT_WIDTH + 3] = (float) (model && noise == 0.0 ? mw[r] : 7.75);
      }
      forecasts.put(name, f);
      point.put(
          name,
          name.equals(MultiSeedEvaluation.RENEWAL) || name.equals(MultiSeedEvaluation.CONSTANT));
    }
    return new MultiSeedEvaluation.SeedResult(
        ttf, mw, cycle, 10, 5500.0, forecasts, point, List.of(), List.of());
  }
}
