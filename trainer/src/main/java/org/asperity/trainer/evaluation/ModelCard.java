package org.asperity.trainer.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asperity.model.ModelArtifact;

/**
 * What a model card says about a released artifact beyond its metadata.
 *
 * @param artifact the released model: name, version, hash, features and reproducing command
 * @param data one line per fact about the training data (cycles, windows, splits, data hash)
 * @param training training settings in display order (e.g. "max_depth" -> "6")
 * @param scores the model first, then its baselines, on the same test set
 * @param gainImportance average split gain per feature, highest first
 * @param learningCurvePng path of the learning-curve image relative to the card, or null
 * @param forecastPng path of the predicted-vs-true image relative to the card, or null
 */
public record ModelCard(ModelArtifact artifact, List<String> data, Map<String, String> training,
                        List<ScoredModel> scores, Map<String, Double> gainImportance, String learningCurvePng,
                        String forecastPng) {

    /** A forecaster's scores on the test set. */
    public record ScoredModel(String name, ForecastScores scores) {
    }

    public ModelCard {
        data = List.copyOf(data);
        training = new LinkedHashMap<>(training);
        scores = List.copyOf(scores);
        gainImportance = new LinkedHashMap<>(gainImportance);
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("A model card needs at least the model's own scores");
        }
    }
}
