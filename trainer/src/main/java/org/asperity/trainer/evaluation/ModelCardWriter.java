package org.asperity.trainer.evaluation;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelMetadata;

/**
 * Renders a {@link ModelCard} as Markdown: targets, data, features, training, metrics against the
 * baselines, learning curve over training cycles, forecasts on test cycles, boosting rounds,
 * feature importance, ONNX parity, and the command that reproduces the model. The text depends only
 * on the card (no dates), so re-running the same training gives the same card.
 */
public final class ModelCardWriter {

  /** Rows of the feature-importance table; the rest are counted. */
  static final int IMPORTANCE_ROWS = 20;

  /** The multi-seed evaluation beside the card, rendered into it when present. */
  public static final String EVALUATION_FILE = "evaluation.json";

  private ModelCardWriter() {}

  public static void write(ModelCard card, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    String text = markdown(card);
    // the multi-seed evaluation of the same directory, when one was run, belongs on the card
    Path evaluation = parent.resolve(EVALUATION_FILE);
    if (Files.isRegularFile(evaluation)) {
      text = EvaluationSection.into(text, EvaluationSection.markdown(evaluation));
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  public static String markdown(ModelCard card) {
    ModelArtifact artifact = card.artifact();
    ModelMetadata metadata = artifact.metadata();
    ModelCard.Figures figures = card.figures();
    StringBuilder md = new StringBuilder();
    md.append("# Model card: ")
        .append(metadata.modelName())
        .append(' ')
        .append(metadata.modelVersion())
        .append("\n\n");
    md.append(
            "Forecasts the time to failure (p10, p50, p90, days) and moment magnitude of the next ")
        .append("event at or above Mw ")
        .append(number(metadata.magnitudeThreshold()))
        .append(" from rolling GNSS deformation features, with gradient-boosted regression trees ")
        .append("(after Corbi et al. 2019, GRL 46, 1303–1311).\n\n");
    md.append("- Artifact SHA-256: `").append(artifact.sha256()).append("`\n");
    md.append("- Sampling interval: ")
        .append(number(metadata.samplingIntervalSeconds()))
        .append(" s; forecast tick: ")
        .append(number(metadata.tickIntervalSeconds()))
        .append(" s\n");
    md.append("- Training seed: ").append(metadata.trainingSeed()).append("\n\n");

    if (!card.findings().isEmpty()) {
      md.append("## Targets\n\n");
      card.findings().forEach(line -> md.append("- ").append(line).append('\n'));
      md.append('\n');
    }

    md.append("## Data\n\n");
    card.data().forEach(line -> md.append("- ").append(line).append('\n'));
    md.append("- Training data hash: `").append(metadata.trainingDataHash()).append("`\n\n");

    md.append("## Features\n\n");
    md.append(artifact.featureCount())
        .append(" features, hash `")
        .append(metadata.featureHash())
        .append("`, station layout hash `")
        .append(metadata.layoutHash())
        .append("`.\n\n");
    md.append("<details><summary>Input columns, in order</summary>\n\n");
    List<String> names = artifact.featureNames();
    for (int i = 0; i < names.size(); i++) {
      md.append(i).append(". `").append(names.get(i)).append("`\n");
    }
    md.append("\n</details>\n\n");

    md.append("## Training\n\n| setting | value |\n|---|---|\n");
    card.training()
        .forEach(
            (k, v) -> md.append("| ").append(cell(k)).append(" | ").append(cell(v)).append(" |\n"));
    md.append('\n');

    md.append("## Metrics on the test cycles\n\n| model |");
    ForecastScores.COLUMNS.forEach(c -> md.append(' ').append(cell(c)).append(" |"));
    md.append("\n|---|");
    ForecastScores.COLUMNS.forEach(c -> md.append("---:|"));
    md.append('\n');
    for (ModelCard.ScoredModel scored : card.scores()) {
      md.append("| ").append(cell(scored.name())).append(" |");
      for (double value : scored.scores().values()) {
        md.append(' ').append(metric(value)).append(" |");
      }
      md.append('\n');
    }
    md.append(
        "\nAll forecasters are scored on the same test rows. R² and MAE use the median forecast; "
            + "R² (log) is the R² of ln(1 + days); — marks a score a forecaster does not have.\n\n");

    if (!card.learningCurve().isEmpty()) {
      md.append("## Learning curve over training cycles\n\n")
          .append("The model retrained on the first N training cycles (shuffled with the seed), ")
          .append("scored on the same test rows.\n\n")
          .append(
              "| training cycles | training rows | TTF R² | TTF MAE (days) |\n|---:|---:|---:|---:|\n");
      for (ModelCard.LearningPoint p : card.learningCurve()) {
        md.append("| ")
            .append(p.cycles())
            .append(" | ")
            .append(p.rows())
            .append(" | ")
            .append(metric(p.ttfR2()))
            .append(" | ")
            .append(metric(p.ttfMaeDays()))
            .append(" |\n");
      }
      md.append('\n');
      if (figures.learningCurve() != null) {
        md.append("![Test R² against the number of training cycles](")
            .append(figures.learningCurve())
            .append(")\n\n");
      }
    }
    if (figures.forecasts() != null) {
      md.append(
              "## Forecasts on test cycles\n\n![Predicted (p50, p10–p90 band) and true time to failure](")
          .append(figures.forecasts())
          .append(")\n\n");
    }
    if (figures.boostingRounds() != null) {
      md.append("## Boosting rounds\n\n![Training and validation loss per boosting round](")
          .append(figures.boostingRounds())
          .append(")\n\n");
    }

    md.append(
        "## Feature importance (average split gain, TTF trees)\n\n| rank | feature | gain |\n|---:|---|---:|\n");
    int rank = 0;
    for (Map.Entry<String, Double> entry : card.gainImportance().entrySet()) {
      if (rank == IMPORTANCE_ROWS) {
        break;
      }
      rank++;
      md.append("| ")
          .append(rank)
          .append(" | `")
          .append(entry.getKey())
          .append("` | ")
          .append(number(entry.getValue()))
          .append(" |\n");
    }
    int rest = card.gainImportance().size() - rank;
    if (rest > 0) {
      md.append("\n").append(rest).append(" more features with lower gain.\n");
    }
    md.append('\n');

    if (card.parity() != null) {
      md.append("## ONNX parity\n\n").append(card.parity()).append("\n\n");
    }

    md.append("## Reproduce\n\n```\n").append(metadata.createdBy()).append("\n```\n");
    return md.toString();
  }

  /** A metrics-table cell: three decimals, aligned; — for a score the forecaster lacks. */
  public static String metric(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.3f", value);
  }

  /** At most three decimals, trailing zeros dropped ("7", "0.5", "1234.568"). */
  public static String number(double value) {
    return BigDecimal.valueOf(value)
        .setScale(3, RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
