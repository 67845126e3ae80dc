package org.asperity.trainer.gbrt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains XGBoost gradient-boosted trees (Friedman 2001; Chen and Guestrin 2016) with early stopping
 * on a validation set.
 *
 * <p>With early stopping the model is refit for exactly the best number of rounds, so that the
 * booster, its JSON and everything exported from it hold the same trees (XGBoost's own training
 * loop keeps the extra rounds it needed to notice the stop). Refitting reproduces the first rounds
 * exactly because each round's sampling depends only on the seed and the round.
 */
public final class GbrtTrainer {

  private final GbrtParams params;

  public GbrtTrainer(GbrtParams params) {
    this.params = params;
  }

  public TrainedBooster train(
      TrainingMatrix training, TrainingMatrix validation, Objective objective) throws XGBoostError {
    if (!training.featureNames().equals(validation.featureNames())) {
      throw new IllegalArgumentException(
          "Training and validation sets have different feature columns");
    }
    Map<String, Object> xgbParams = params.xgboostParameters(objective);
    DMatrix trainMatrix = toDMatrix(training);
    DMatrix validationMatrix = toDMatrix(validation);
    try {
      Map<String, DMatrix> watches = new LinkedHashMap<>();
      watches.put("train", trainMatrix);
      watches.put("validation", validationMatrix); // last watch = early-stopping criterion
      float[][] metrics = new float[2][params.nEstimators()];
      Booster booster =
          XGBoost.train(
              trainMatrix,
              xgbParams,
              params.nEstimators(),
              watches,
              metrics,
              null,
              null,
              params.earlyStoppingRounds());
      int roundsRun = booster.getNumBoostedRound();
      int bestRound =
          params.earlyStoppingRounds() > 0 ? bestRound(booster, roundsRun) : roundsRun - 1;
      LearningCurve curve =
          new LearningCurve(
              objective.metric(),
              toDoubles(metrics[0], roundsRun),
              toDoubles(metrics[1], roundsRun),
              bestRound);
      if (bestRound + 1 < roundsRun) {
        booster.dispose();
        booster =
            XGBoost.train(trainMatrix, xgbParams, bestRound + 1, Map.of(), null, null, null, 0);
      }
      return new TrainedBooster(booster, objective, training.featureNames(), curve);
    } finally {
      trainMatrix.dispose();
      validationMatrix.dispose();
    }
  }

  /** A DMatrix whose missing values are NaN (XGBoost4J's default would treat 0 as missing). */
  static DMatrix toDMatrix(float[] features, int rows, List<String> featureNames)
      throws XGBoostError {
    DMatrix matrix = new DMatrix(features, rows, featureNames.size(), Float.NaN);
    matrix.setFeatureNames(featureNames.toArray(String[]::new));
    return matrix;
  }

  private static DMatrix toDMatrix(TrainingMatrix data) throws XGBoostError {
    DMatrix matrix = toDMatrix(data.features(), data.rows(), data.featureNames());
    matrix.setLabel(data.labels());
    return matrix;
  }

  private static int bestRound(Booster booster, int roundsRun) throws XGBoostError {
    String best = booster.getAttr("best_iteration");
    return best == null ? roundsRun - 1 : Math.min(Integer.parseInt(best), roundsRun - 1);
  }

  private static double[] toDoubles(float[] values, int length) {
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
