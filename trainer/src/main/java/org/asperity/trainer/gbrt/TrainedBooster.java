package org.asperity.trainer.gbrt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** A trained XGBoost model with what the model card needs about its training. Close to free it. */
public final class TrainedBooster implements AutoCloseable {

  private final Booster booster;
  private final Objective objective;
  private final List<String> featureNames;
  private final LearningCurve learningCurve;

  TrainedBooster(
      Booster booster,
      Objective objective,
      List<String> featureNames,
      LearningCurve learningCurve) {
    this.booster = booster;
    this.objective = objective;
    this.featureNames = List.copyOf(featureNames);
    this.learningCurve = learningCurve;
  }

  public Objective objective() {
    return objective;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public LearningCurve learningCurve() {
    return learningCurve;
  }

  /** Boosting rounds in the model. */
  public int rounds() throws XGBoostError {
    return booster.getNumBoostedRound();
  }

  /** XGBoost's JSON model: the input of the ONNX export. */
  public byte[] modelJson() throws XGBoostError {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      booster.saveModel(out, "json");
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Average gain of the splits on each feature (XGBoost's "gain" importance), every feature listed
   * (0 when never split on), highest first, ties by name.
   */
  public Map<String, Double> gainImportance() throws XGBoostError {
    Map<String, Double> scores = booster.getScore("", "gain");
    Map<String, Double> ranked = new LinkedHashMap<>();
    featureNames.stream()
        .sorted(
            Comparator.comparingDouble((String name) -> -scores.getOrDefault(name, 0.0))
                .thenComparing(Comparator.naturalOrder()))
        .forEach(name -> ranked.put(name, scores.getOrDefault(name, 0.0)));
    return ranked;
  }

  /**
   * XGBoost's own prediction, row-major {@code rows * objective().targets()} values in the trees'
   * target space (before any transform the export adds).
   */
  public float[] predict(float[] features, int rows) throws XGBoostError {
    DMatrix matrix = GbrtTrainer.toDMatrix(features, rows, featureNames);
    try {
      float[][] predictions = booster.predict(matrix);
      int targets = objective.targets();
      float[] out = new float[rows * targets];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(predictions[r], 0, out, r * targets, targets);
      }
      return out;
    } finally {
      matrix.dispose();
    }
  }

  @Override
  public void close() {
    booster.dispose();
  }
}
