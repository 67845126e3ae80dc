package org.asperity.trainer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.asperity.model.ModelArtifact;
import org.asperity.trainer.data.Dataset;
import org.asperity.trainer.evaluation.ModelCard;
import org.asperity.trainer.onnx.Parity;

/**
 * What a training run produced and measured.
 *
 * @param data the labelled rows and their sets
 * @param artifact the written ONNX model
 * @param card the model card's content (scores, learning curve, importance, findings)
 * @param parity ONNX Runtime against XGBoost on the test rows
 * @param testRows the rows every forecaster was scored on (indices into {@code data})
 * @param xgboostTestForecasts XGBoost's own forecasts of the test rows, post-processed as the graph
 *     does (contract layout): what an ONNX Runtime scoring of the written model must reproduce
 * @param files every file written, by role ("model", "card", figures)
 * @param phaseSeconds wall time of each phase, in order (not part of any artifact)
 */
public record TrainingResult(
    Dataset data,
    ModelArtifact artifact,
    ModelCard card,
    Parity.Difference parity,
    int[] testRows,
    float[] xgboostTestForecasts,
    Map<String, Path> files,
    Map<String, Double> phaseSeconds) {

  public TrainingResult {
    testRows = testRows.clone();
    xgboostTestForecasts = xgboostTestForecasts.clone();
    files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
    phaseSeconds =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phaseSeconds));
  }

  @Override
  public int[] testRows() {
    return testRows.clone();
  }

  @Override
  public float[] xgboostTestForecasts() {
    return xgboostTestForecasts.clone();
  }

  public List<ModelCard.ScoredModel> scores() {
    return card.scores();
  }
}
