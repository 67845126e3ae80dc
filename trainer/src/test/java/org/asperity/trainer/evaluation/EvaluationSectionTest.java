package org.asperity.trainer.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationSectionTest {

  private static final String EVALUATION =
      """
      {"complete": true, "preset": "variable", "magnitudeThreshold": 7.0,
       "cyclesPerSeed": 30, "ablationCyclesPerSeed": 14, "seeds": [1001, 1002],
       "forecasters": {
         "model: GBRT on GNSS features": {
           "ttfR2": {"mean": -0.0607, "lower": -0.9531, "upper": 0.1962},
           "ttfMaeOverMeanRecurrence": {"mean": 0.3786, "lower": 0.2681, "upper": 0.4891},
           "pinballLossOverMeanRecurrence": {"mean": 0.1188, "lower": 0.0732, "upper": 0.1645},
           "ttfCoverageP10P90": {"mean": 0.61, "lower": 0.3836, "upper": 0.8364},
           "mwMae": {"mean": 0.1272, "lower": 0.0888, "upper": 0.1656},
           "mwMaeOverConstantMean": {"mean": 1.0213, "lower": 0.9294, "upper": 1.2242}},
         "constant mean (Mw)": {
           "mwMae": {"mean": 0.125, "lower": 0.0853, "upper": 0.1648},
           "mwMaeOverConstantMean": {"mean": 1.0, "lower": 1.0, "upper": 1.0}}},
       "targets": {
         "modelTtfR2": {"mean": -0.0607, "lower": -0.9531, "upper": 0.1962,
           "target": "lower bound >= 0.75", "met": false},
         "marginOverBestBaseline": {"mean": 0.3, "lower": 0.01, "upper": 0.6,
           "bestNonOracleBaseline": "slip deficit, true",
           "target": "mean >= 0.2 and lower bound > 0", "met": true}},
       "ablations": {
         "precursor on": {"seeds": 3,
           "modelTtfR2": {"mean": -0.036, "lower": -1.8211, "upper": 0.7829},
           "bestDeficitBaseline": "slip deficit, true",
           "bestDeficitTtfR2": {"mean": 0.6168, "lower": -0.199, "upper": 1.4326},
           "margin": {"mean": -0.6528, "lower": -1.9009, "upper": 0.2537}}}}
      """;

  private static JsonNode evaluation(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  @Test
  void everyForecasterAndMetricIsARowWithItsInterval() throws Exception {
    String md = EvaluationSection.markdown(evaluation(EVALUATION));
    assertTrue(
        md.contains(
            "| forecaster | TTF R² | TTF MAE / mean recurrence | pinball loss / mean recurrence"
                + " | p10–p90 coverage | Mw MAE | Mw MAE / constant mean's |\n"),
        md);
    assertTrue(
        md.contains(
            "| model: GBRT on GNSS features | -0.061 [-0.953, 0.196] | 0.379 [0.268, 0.489]"
                + " | 0.119 [0.073, 0.165] | 0.610 [0.384, 0.836] | 0.127 [0.089, 0.166]"
                + " | 1.021 [0.929, 1.224] |\n"),
        md);
    assertTrue(
        md.contains(
            "| constant mean (Mw) | — | — | — | — | 0.125 [0.085, 0.165] | 1.000 [1.000, 1.000] |\n"),
        md);
  }

  @Test
  void targetsCarryTheirVerdict() throws Exception {
    String md = EvaluationSection.markdown(evaluation(EVALUATION));
    assertTrue(
        md.contains(
            "| model TTF R² | -0.061 [-0.953, 0.196] | lower bound >= 0.75 | **not met** |\n"),
        md);
    assertTrue(
        md.contains(
            "| model TTF R² − best non-oracle baseline's (slip deficit, true) | 0.300 [0.010,"
                + " 0.600] | mean >= 0.2 and lower bound > 0 | met |\n"),
        md);
  }

  @Test
  void ablationsAreARowEachWithTheirIntervals() throws Exception {
    String md = EvaluationSection.markdown(evaluation(EVALUATION));
    assertTrue(
        md.contains(
            "| precursor on | 3 | -0.036 [-1.821, 0.783] | slip deficit, true"
                + " | 0.617 [-0.199, 1.433] | -0.653 [-1.901, 0.254] |\n"),
        md);
    assertTrue(md.contains("**Underpowered:** 14 simulated cycles per ablation seed"), md);
  }

  @Test
  void fewCyclesPerSeedAreCalledUnderpowered() throws Exception {
    String few = EvaluationSection.markdown(evaluation(EVALUATION));
    assertTrue(few.contains("**Underpowered:** each seed simulated only 30 cycles"), few);
    String enough =
        EvaluationSection.markdown(
            evaluation(
                EVALUATION
                    .replace("\"cyclesPerSeed\": 30", "\"cyclesPerSeed\": 200")
                    .replace("\"ablationCyclesPerSeed\": 14", "\"ablationCyclesPerSeed\": 60")));
    assertFalse(enough.contains("Underpowered"), enough);
    String incomplete =
        EvaluationSection.markdown(
            evaluation(EVALUATION.replace("\"complete\": true", "\"complete\": false")));
    assertTrue(incomplete.contains("**Incomplete:**"), incomplete);
  }

  @Test
  void theSectionGoesBeforeTheDataAndIsReplacedInPlace() throws Exception {
    String card = "# Card\n\n## Targets\n\n- x\n\n## Data\n\n- y\n";
    String first = EvaluationSection.into(card, "S1\n\n");
    assertEquals("# Card\n\n## Targets\n\n- x\n\nS1\n\n## Data\n\n- y\n", first);
    String section = EvaluationSection.markdown(evaluation(EVALUATION));
    String once = EvaluationSection.into(card, section);
    assertEquals(once, EvaluationSection.into(once, section));
    String other =
        EvaluationSection.markdown(
            evaluation(EVALUATION.replace("\"cyclesPerSeed\": 30", "\"cyclesPerSeed\": 31")));
    String refreshed = EvaluationSection.into(once, other);
    assertTrue(refreshed.contains("31 simulated cycles per seed"), refreshed);
    assertFalse(refreshed.contains("30 simulated cycles per seed"), refreshed);
    assertTrue(refreshed.endsWith("## Data\n\n- y\n"), refreshed);
  }

  @Test
  void refreshRewritesACardBesideAnEvaluation(@TempDir Path dir) throws Exception {
    Path card = dir.resolve("MODEL_CARD.md");
    Path json = dir.resolve("evaluation.json");
    assertFalse(EvaluationSection.refresh(card, json));
    Files.writeString(json, EVALUATION, StandardCharsets.UTF_8);
    Files.writeString(card, "# Card\n\n## Data\n", StandardCharsets.UTF_8);
    assertTrue(EvaluationSection.refresh(card, json));
    String text = Files.readString(card, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("# Card\n\n" + EvaluationSection.BEGIN), text);
    assertTrue(text.endsWith(EvaluationSection.END + "\n\n## Data\n"), text);
  }
}
