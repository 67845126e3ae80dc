package org.asperity.trainer.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asperity.model.ModelArtifact;

/**
 * What a model card says about a released artifact beyond its metadata.
 *
 * @param artifact the released model: name, version, hash, features and reproducing command
 * @param data one line per fact about the training data (cycles, rows, splits, exclusions)
 * @param training training settings in display order (e.g. "max_depth" -> "6")
 * @param scores the model first, then its baselines, on the same test rows
 * @param learningCurve test scores of the model trained on fewer training cycles, fewest first
 * @param gainImportance average split gain per feature of the TTF trees, highest first
 * @param findings one line per target: what was measured and whether it is met
 * @param parity one line on how ONNX Runtime agrees with XGBoost on the test rows
 * @param figures the PNG files beside the card, any of them null
 */
public record ModelCard(
    ModelArtifact artifact,
    List<String> data,
    Map<String, String> training,
    List<ScoredModel> scores,
    List<LearningPoint> learningCurve,
    Map<String, Double> gainImportance,
    List<String> findings,
    String parity,
    Figures figures) {

  /** A forecaster's scores on the test set. */
  public record ScoredModel(String name, ForecastScores scores) {}

  /**
   * The model retrained on the first {@code cycles} training cycles.
   *
   * @param rows training rows of those cycles
   * @param ttfR2 R² (days) of the median TTF on the test rows
   * @param ttfMaeDays MAE of the median TTF on the test rows
   */
  public record LearningPoint(int cycles, int rows, double ttfR2, double ttfMaeDays) {}

  /**
   * Figure paths relative to the card.
   *
   * @param forecasts predicted (p50, p10–p90) and true TTF over test cycles
   * @param learningCurve test R² against the number of training cycles
   * @param boostingRounds training and validation loss per boosting round
   */
  public record Figures(String forecasts, String learningCurve, String boostingRounds) {}

  public ModelCard {
    data = List.copyOf(data);
    training = new LinkedHashMap<>(training);
    scores = List.copyOf(scores);
    learningCurve = List.copyOf(learningCurve);
    gainImportance = new LinkedHashMap<>(gainImportance);
    findings = List.copyOf(findings);
    if (scores.isEmpty()) {
      throw new IllegalArgumentException("A model card needs at least the model's own scores");
    }
    if (figures == null) {
      figures = new Figures(null, null, null);
    }
  }
}
