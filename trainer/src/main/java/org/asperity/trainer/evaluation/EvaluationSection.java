package org.asperity.trainer.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model card's multi-seed evaluation and ablation tables, rendered from an {@code
 * evaluation.json} (written by {@code ./asperity train --evaluate-seeds}). The card keeps them
 * between two markers so a later evaluation refreshes them in place; the text depends only on the
 * JSON, so the card stays reproducible.
 */
public final class EvaluationSection {

  /** First line of the section: what writes it. */
  public static final String BEGIN =
      "<!-- multi-seed evaluation: rendered from evaluation.json by ./asperity train"
          + " --evaluate-seeds -->";

  public static final String END = "<!-- end of the multi-seed evaluation -->";

  /**
   * Cycles per seed below which the card calls an evaluation underpowered: the default of {@code
   * --evaluation-cycles}, and of {@code --ablation-cycles} for an ablation.
   */
  public static final int ADEQUATE_CYCLES_PER_SEED = 100;

  public static final int ADEQUATE_ABLATION_CYCLES_PER_SEED = 60;

  /** The metrics of evaluation.json in table order, with their column headings. */
  static final Map<String, String> METRICS = new LinkedHashMap<>();

  static {
    METRICS.put("ttfR2", "TTF R²");
    METRICS.put("ttfMaeOverMeanRecurrence", "TTF MAE / mean recurrence");
    METRICS.put("pinballLossOverMeanRecurrence", "pinball loss / mean recurrence");
    METRICS.put("ttfCoverageP10P90", "p10–p90 coverage");
    METRICS.put("mwMae", "Mw MAE");
    METRICS.put("mwMaeOverConstantMean", "Mw MAE / constant mean's");
  }

  private static final Map<String, String> TARGETS =
      Map.of(
          "modelTtfR2", "model TTF R²",
          "marginOverBestBaseline", "model TTF R² − best non-oracle baseline's",
          "mwMaeOverConstantMean", "model Mw MAE / constant mean's");

  private static final ObjectMapper JSON = new ObjectMapper();

  private EvaluationSection() {}

  /** The section rendered from an evaluation file. */
  public static String markdown(Path evaluationJson) throws IOException {
    return markdown(JSON.readTree(evaluationJson.toFile()));
  }

  /** The section, markers included, ending with an empty line. */
  public static String markdown(JsonNode evaluation) {
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append("\n\n## Multi-seed evaluation\n\n");
    JsonNode seeds = evaluation.path("seeds");
    int cycles = evaluation.path("cyclesPerSeed").asInt();
    md.append("From `evaluation.json` beside this card: preset `")
        .append(evaluation.path("preset").asText("?"))
        .append("`, ")
        .append(seeds.size())
        .append(" master seeds (")
        .append(join(seeds))
        .append("), ")
        .append(cycles)
        .append(" simulated cycles per seed (training, validation and test together), events at")
        .append(" or above Mw ")
        .append(ModelCardWriter.number(evaluation.path("magnitudeThreshold").asDouble()))
        .append(". Each cell is the mean over the seeds and, in brackets, the 95 % interval: the")
        .append(" outer ends of the interval across seeds (Student t) and of the cycle bootstrap.")
        .append(" The verdicts are made on the interval's pessimistic end.\n\n");
    if (!evaluation.path("complete").asBoolean(false)) {
      md.append("**Incomplete:** the evaluation stopped after ")
          .append(evaluation.path("seedsDone").asInt())
          .append(" of ")
          .append(seeds.size())
          .append(" seeds; the ablations may be missing or partial.\n\n");
    }
    if (cycles < ADEQUATE_CYCLES_PER_SEED) {
      md.append("**Underpowered:** each seed simulated only ")
          .append(cycles)
          .append(" cycles in all (")
          .append(ADEQUATE_CYCLES_PER_SEED)
          .append(" is the default), so each seed's forecasters trained on a fraction of them and")
          .append(" were scored on a handful of test cycles. The intervals are wide, and the")
          .append(" numbers say little about a model trained on more cycles, such as the one this")
          .append(" card describes (see its learning curve).\n\n");
    }

    JsonNode forecasters = evaluation.path("forecasters");
    md.append("| forecaster |");
    METRICS.values().forEach(h -> md.append(' ').append(h).append(" |"));
    md.append("\n|---|");
    METRICS.values().forEach(h -> md.append("---|"));
    md.append('\n');
    for (Iterator<Map.Entry<String, JsonNode>> it = forecasters.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      md.append("| ").append(cell(f.getKey())).append(" |");
      for (String metric : METRICS.keySet()) {
        md.append(' ').append(interval(f.getValue().get(metric))).append(" |");
      }
      md.append('\n');
    }
    md.append("\n— marks a metric a forecaster does not have.\n\n");

    JsonNode targets = evaluation.path("targets");
    if (targets.size() > 0) {
      md.append("| target | mean [95 % interval] | required | verdict |\n|---|---|---|---|\n");
      for (Iterator<Map.Entry<String, JsonNode>> it = targets.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> t = it.next();
        JsonNode v = t.getValue();
        String name = TARGETS.getOrDefault(t.getKey(), t.getKey());
        if (v.hasNonNull("bestNonOracleBaseline")) {
          name += " (" + v.get("bestNonOracleBaseline").asText() + ")";
        }
        md.append("| ")
            .append(cell(name))
            .append(" | ")
            .append(interval(v))
            .append(" | ")
            .append(cell(v.path("target").asText()))
            .append(" | ")
            .append(v.path("met").asBoolean(false) ? "met" : "**not met**")
            .append(" |\n");
      }
      md.append('\n');
    }

    JsonNode ablations = evaluation.path("ablations");
    if (ablations.size() > 0) {
      md.append("## Ablations\n\n")
          .append("Each physics ingredient switched in turn (off when the preset has it, on when")
          .append(" not), the model and the deficit baselines retrained and scored as above;")
          .append(" the margin is the model's TTF R² minus the best deficit baseline's.");
      JsonNode ablationCycles = evaluation.get("ablationCyclesPerSeed");
      if (ablationCycles == null) {
        md.append(" The cycles per ablation seed are not recorded in the JSON.\n\n");
      } else if (ablationCycles.asInt() < ADEQUATE_ABLATION_CYCLES_PER_SEED) {
        md.append("\n\n**Underpowered:** ")
            .append(ablationCycles.asInt())
            .append(" simulated cycles per ablation seed (")
            .append(ADEQUATE_ABLATION_CYCLES_PER_SEED)
            .append(" is the default), so indicative only: a margin whose interval spans 0 does")
            .append(" not show that the skill depends on the ingredient.\n\n");
      } else {
        md.append(' ').append(ablationCycles.asInt()).append(" simulated cycles per seed.\n\n");
      }
      md.append(
          "| ingredient | seeds | model TTF R² | best deficit baseline | its TTF R² | margin |\n"
              + "|---|---:|---|---|---|---|\n");
      for (Iterator<Map.Entry<String, JsonNode>> it = ablations.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> a = it.next();
        JsonNode v = a.getValue();
        md.append("| ")
            .append(cell(a.getKey()))
            .append(" | ")
            .append(v.path("seeds").asInt())
            .append(" | ")
            .append(interval(v.get("modelTtfR2")))
            .append(" | ")
            .append(cell(v.path("bestDeficitBaseline").asText("—")))
            .append(" | ")
            .append(interval(v.get("bestDeficitTtfR2")))
            .append(" | ")
            .append(interval(v.get("margin")))
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append(END).append("\n\n");
    return md.toString();
  }

  /**
   * The card with the section put in: in place of an earlier one, else before the Data section,
   * else at the end.
   */
  public static String into(String card, String section) {
    int begin = card.indexOf(BEGIN);
    int end = card.indexOf(END);
    if (begin >= 0 && end > begin) {
      int after = end + END.length();
      while (after < card.length() && card.charAt(after) == '\n') {
        after++;
      }
      return card.substring(0, begin) + section + card.substring(after);
    }
    int data = card.indexOf("\n## Data\n");
    return data < 0
        ? card + "\n" + section
        : card.substring(0, data + 1) + section + card.substring(data + 1);
  }

  /** Puts the section rendered from {@code evaluationJson} into the card file, if it exists. */
  public static boolean refresh(Path cardFile, Path evaluationJson) throws IOException {
    if (!Files.isRegularFile(cardFile) || !Files.isRegularFile(evaluationJson)) {
      return false;
    }
    String card = Files.readString(cardFile, StandardCharsets.UTF_8);
    Files.writeString(cardFile, into(card, markdown(evaluationJson)), StandardCharsets.UTF_8);
    return true;
  }

  /** "mean [lower, upper]"; — when the metric is absent. */
  static String interval(JsonNode m) {
    if (m == null || !m.path("mean").isNumber()) {
      return "—";
    }
    return ModelCardWriter.metric(m.get("mean").asDouble())
        + " ["
        + bound(m.get("lower"))
        + ", "
        + bound(m.get("upper"))
        + "]";
  }

  private static String bound(JsonNode b) {
    return b != null && b.isNumber() ? ModelCardWriter.metric(b.asDouble()) : "—";
  }

  private static String join(JsonNode values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(v.asText()));
    return String.join(", ", out);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
