package org.asperity.trainer.gbrt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asperity.trainer.Golden;
import org.asperity.trainer.SyntheticData;
import org.junit.jupiter.api.Test;

class GbrtTrainerTest {

  private static final SyntheticData TRAINING = new SyntheticData(1200, 11);
  private static final SyntheticData VALIDATION = new SyntheticData(400, 12);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sameSeedAndThreadsGiveTheStoredModel() throws Exception {
    GbrtParams params = new GbrtParams(4, 0.2, 40, 0.7, 5, 2, 0);
    byte[] first = trainQuantiles(params);
    Golden.assertMatches("quantile-model.sha256", Golden.sha256(first) + "\n");

    byte[] otherSeed = trainQuantiles(new GbrtParams(4, 0.2, 40, 0.7, 6, 2, 0));
    assertFalse(java.util.Arrays.equals(first, otherSeed), "the seed drives the row sampling");
  }

  @Test
  void earlyStoppingKeepsExactlyTheBestRounds() throws Exception {
    GbrtParams stopping = new GbrtParams(4, 0.3, 500, 0.8, 5, 1, 5);
    try (TrainedBooster stopped =
        new GbrtTrainer(stopping)
            .train(
                magnitudeMatrix(TRAINING), magnitudeMatrix(VALIDATION), Objective.squaredError())) {
      LearningCurve curve = stopped.learningCurve();
      int kept = stopped.rounds();

      assertTrue(kept < 500, "the validation error must stop improving long before 500 rounds");
      assertEquals(curve.bestRound() + 1, kept);
      assertEquals(kept + 5, curve.rounds(), "XGBoost ran 5 rounds past the best before stopping");
      double[] validation = curve.validation();
      for (int r = 0; r < validation.length; r++) {
        assertTrue(validation[curve.bestRound()] <= validation[r]);
      }
      assertEquals("rmse", curve.metric());

      // The refit is the prefix of an uninterrupted training with the same seed.
      GbrtParams longer = new GbrtParams(4, 0.3, kept + 5, 0.8, 5, 1, 0);
      try (TrainedBooster full =
          new GbrtTrainer(longer)
              .train(
                  magnitudeMatrix(TRAINING),
                  magnitudeMatrix(VALIDATION),
                  Objective.squaredError())) {
        assertEquals(trees(stopped.modelJson()), trees(full.modelJson()).subList(0, kept));
      }
    }
  }

  @Test
  void gainImportanceNamesEveryFeatureStrongestFirst() throws Exception {
    try (TrainedBooster ttf =
        new GbrtTrainer(new GbrtParams(4, 0.2, 60, 1.0, 5, 1, 0))
            .train(
                ttfMatrix(TRAINING), ttfMatrix(VALIDATION), Objective.quantiles(0.1, 0.5, 0.9))) {
      Map<String, Double> gain = ttf.gainImportance();

      assertEquals(SyntheticData.FEATURES, gain.size());
      assertEquals(
          List.of("feature_0"),
          new ArrayList<>(gain.keySet()).subList(0, 1),
          "TTF depends on feature 0 most: " + gain);
      List<Double> values = new ArrayList<>(gain.values());
      for (int i = 1; i < values.size(); i++) {
        assertTrue(values.get(i - 1) >= values.get(i));
      }
    }
  }

  @Test
  void quantileModelOutputsOneColumnPerLevelInOrder() throws Exception {
    SyntheticData test = new SyntheticData(2000, 13);
    try (TrainedBooster ttf =
        new GbrtTrainer(new GbrtParams(4, 0.1, 400, 0.8, 5, 1, 10))
            .train(
                ttfMatrix(TRAINING), ttfMatrix(VALIDATION), Objective.quantiles(0.1, 0.5, 0.9))) {
      float[] predicted = ttf.predict(test.features, test.rows);
      assertEquals(3 * test.rows, predicted.length);
      int[] below = new int[3];
      for (int r = 0; r < test.rows; r++) {
        double target = Math.log1p(test.ttfDays[r]);
        for (int q = 0; q < 3; q++) {
          if (target < predicted[3 * r + q]) {
            below[q]++;
          }
        }
      }
      // Share of outcomes below each predicted quantile is near its level.
      assertEquals(0.1, below[0] / (double) test.rows, 0.05);
      assertEquals(0.5, below[1] / (double) test.rows, 0.05);
      assertEquals(0.9, below[2] / (double) test.rows, 0.05);
    }
  }

  @Test
  void largeLeavesMakeCoarserTrees() throws Exception {
    GbrtParams fine = new GbrtParams(4, 0.3, 20, 1.0, 1.0, 1, 5, 1, 0);
    GbrtParams coarse = new GbrtParams(4, 0.3, 20, 1.0, 1.0, 300, 5, 1, 0);
    try (TrainedBooster a =
            new GbrtTrainer(fine)
                .train(
                    magnitudeMatrix(TRAINING),
                    magnitudeMatrix(VALIDATION),
                    Objective.squaredError());
        TrainedBooster b =
            new GbrtTrainer(coarse)
                .train(
                    magnitudeMatrix(TRAINING),
                    magnitudeMatrix(VALIDATION),
                    Objective.squaredError())) {
      assertTrue(
          leaves(b.modelJson()) < leaves(a.modelJson()), "min_child_weight must reach XGBoost");
    }
  }

  private static int leaves(byte[] json) throws Exception {
    int leaves = 0;
    for (JsonNode tree :
        JSON.readTree(json).path("learner").path("gradient_booster").path("model").path("trees")) {
      for (JsonNode left : tree.path("left_children")) {
        if (left.asInt() == -1) {
          leaves++;
        }
      }
    }
    return leaves;
  }

  @Test
  void rejectsMismatchedColumnsAndBadSettings() {
    TrainingMatrix other = new TrainingMatrix(new float[2], 1, List.of("x", "y"), new float[1]);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new GbrtTrainer(new GbrtParams(3, 0.1, 10, 1, 1, 1, 0))
                .train(magnitudeMatrix(TRAINING), other, Objective.squaredError()));
    assertThrows(IllegalArgumentException.class, () -> new GbrtParams(3, 0.1, 10, 1.5, 1, 1, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new GbrtParams(3, 0.1, 10, 1, 0, 1, 1, 1, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new GbrtParams(3, 0.1, 10, 1, 1, -1, 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Objective.quantiles(0.5, 0.1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TrainingMatrix(new float[2], 1, List.of("x", "y"), new float[] {Float.NaN}));
  }

  private static byte[] trainQuantiles(GbrtParams params) throws Exception {
    try (TrainedBooster booster =
        new GbrtTrainer(params)
            .train(
                ttfMatrix(TRAINING), ttfMatrix(VALIDATION), Objective.quantiles(0.1, 0.5, 0.9))) {
      return booster.modelJson();
    }
  }

  private static TrainingMatrix ttfMatrix(SyntheticData data) {
    return data.matrix(data.ttfLabels(Math::log1p));
  }

  private static TrainingMatrix magnitudeMatrix(SyntheticData data) {
    return data.matrix(data.magnitude);
  }

  private static List<JsonNode> trees(byte[] modelJson) throws Exception {
    List<JsonNode> trees = new ArrayList<>();
    JSON.readTree(modelJson)
        .path("learner")
        .path("gradient_booster")
        .path("model")
        .path("trees")
        .forEach(trees::add);
    return trees;
  }
}
