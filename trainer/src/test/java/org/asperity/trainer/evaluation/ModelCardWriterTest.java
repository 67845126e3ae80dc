package org.asperity.trainer.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelContract;
import org.asperity.model.ModelMetadata;
import org.asperity.trainer.Golden;
import org.asperity.trainer.onnx.OnnxExporter;
import org.asperity.trainer.onnx.TtfTransform;
import org.asperity.trainer.onnx.XgboostJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardWriterTest {

  private static final List<String> NAMES =
      IntStream.range(0, 25).mapToObj(i -> "station_" + i + "_up").toList();
  private static ModelArtifact artifact;

  @BeforeAll
  static void exportAnArtifact() throws Exception {
    ModelMetadata metadata =
        new ModelMetadata(
            ModelContract.DEFAULT_MODEL_NAME,
            "2.0.1",
            NAMES,
            "fh-1",
            "{}",
            "{}",
            "lh-1",
            7.5,
            86400,
            3600,
            42,
            "dh-1",
            "{\"ttf_r2\":0.7}",
            "./asperity train --cycles 200 --seed 42");
    byte[] ttf =
        XgboostJson.xgboost(
            "reg:quantileerror",
            "[1E-1,5E-1,9E-1]",
            "[1E0,2E0,3E0]",
            3,
            List.of(XgboostJson.leaf(0f, 0), XgboostJson.leaf(0f, 1), XgboostJson.leaf(0f, 2)),
            NAMES);
    byte[] magnitude =
        XgboostJson.xgboost(
            "reg:squarederror", null, "[7.8E0]", 1, List.of(XgboostJson.leaf(0f, 0)), NAMES);
    artifact =
        ModelArtifact.parse(OnnxExporter.export(ttf, magnitude, TtfTransform.LOG1P, metadata));
  }

  @Test
  void writesEverySection(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("card/MODEL_CARD.md");
    ModelCardWriter.write(card(), file);
    String md = Files.readString(file);

    assertTrue(md.startsWith("# Model card: ttf-gbrt 2.0.1\n"), md);
    assertTrue(md.contains("`" + artifact.sha256() + "`"));
    assertTrue(md.contains("event at or above Mw 7.5 "));
    assertTrue(md.contains("- 200 simulated cycles, 4 held out for testing\n"));
    assertTrue(md.contains("- Training data hash: `dh-1`\n"));
    assertTrue(md.contains("25 features, hash `fh-1`, station layout hash `lh-1`."));
    assertTrue(md.contains("24. `station_24_up`\n"));
    assertTrue(md.contains("| max_depth | 6 |\n"));
    assertTrue(
        md.contains(
            "| model | TTF R² | TTF R² (log) | TTF MAE (days) | TTF MAE / recurrence "
                + "| TTF p10–p90 coverage | Mw R² | Mw MAE |\n"),
        md);
    assertTrue(
        md.contains("| GBRT | 0.700 | 0.750 | 12.346 | 0.123 | 0.810 | 0.400 | 0.210 |\n"), md);
    assertTrue(
        md.contains(
            "| slip deficit \\| linear | 0.100 | 0.200 | 40.000 | 0.400 | — | 0.000 | 0.500 |\n"),
        md);
    assertTrue(md.contains("## Targets\n\n- TTF R² 0.7 (target 0.9): **not met**\n"), md);
    assertTrue(
        md.contains("| 5 | 1200 | 0.400 | 30.000 |\n| 200 | 40000 | 0.700 | 12.346 |\n"), md);
    assertTrue(md.contains("![Test R² against the number of training cycles](cycles.png)"));
    assertTrue(md.contains("![Training and validation loss per boosting round](rounds.png)"));
    assertTrue(md.contains("(forecast.png)"));
    assertTrue(md.contains("## ONNX parity\n\nmax relative 1e-7\n"), md);
    assertTrue(md.contains("| 1 | `station_0_up` | 24 |\n"), md);
    assertTrue(md.contains("| 20 | `station_19_up` | 5 |\n"), md);
    assertFalse(md.contains("station_20_up` |"));
    assertTrue(md.contains("5 more features with lower gain."));
    assertTrue(
        md.endsWith("## Reproduce\n\n```\n./asperity train --cycles 200 --seed 42\n```\n"), md);
  }

  @Test
  void theCardRendersTheStoredText() {
    Golden.assertMatches("model-card.md", ModelCardWriter.markdown(card()));
  }

  @Test
  void figuresAreOptional() {
    ModelCard card = card();
    String md =
        ModelCardWriter.markdown(
            new ModelCard(
                artifact,
                card.data(),
                card.training(),
                card.scores(),
                List.of(),
                card.gainImportance(),
                List.of(),
                null,
                null));
    assertFalse(md.contains("## Learning curve"));
    assertFalse(md.contains("## Targets"));
    assertFalse(md.contains("## ONNX parity"));
    assertFalse(md.contains("png"));
  }

  @Test
  void numbersAreShortAndPlain() {
    assertEquals("7", ModelCardWriter.number(7.0));
    assertEquals("0.5", ModelCardWriter.number(0.5));
    assertEquals("1234.568", ModelCardWriter.number(1234.5678));
    assertEquals("86400", ModelCardWriter.number(86400));
    assertEquals("—", ModelCardWriter.metric(Double.NaN));
    assertEquals("-0.250", ModelCardWriter.metric(-0.25));
  }

  private static ModelCard card() {
    Map<String, String> training = new LinkedHashMap<>();
    training.put("max_depth", "6");
    training.put("eta", "0.05");
    Map<String, Double> gain = new LinkedHashMap<>();
    for (int i = 0; i < NAMES.size(); i++) {
      gain.put(NAMES.get(i), (double) (NAMES.size() - 1 - i));
    }
    return new ModelCard(
        artifact,
        List.of("200 simulated cycles, 4 held out for testing"),
        training,
        List.of(
            new ModelCard.ScoredModel(
                "GBRT", new ForecastScores(0.7, 0.75, 12.3456, 0.1234, 0.81, 0.4, 0.21)),
            new ModelCard.ScoredModel(
                "slip deficit | linear",
                new ForecastScores(0.1, 0.2, 40, 0.4, Double.NaN, 0, 0.5))),
        List.of(
            new ModelCard.LearningPoint(5, 1200, 0.4, 30),
            new ModelCard.LearningPoint(200, 40000, 0.7, 12.3456)),
        gain,
        List.of("TTF R² 0.7 (target 0.9): **not met**"),
        "max relative 1e-7",
        new ModelCard.Figures("forecast.png", "cycles.png", "rounds.png"));
  }
}
