package org.asperity.trainer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelContract;
import org.asperity.model.ModelMetadata;
import org.asperity.model.OnnxForecaster;
import org.asperity.trainer.SyntheticData;
import org.asperity.trainer.gbrt.GbrtParams;
import org.asperity.trainer.gbrt.GbrtTrainer;
import org.asperity.trainer.gbrt.Objective;
import org.asperity.trainer.gbrt.TrainedBooster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported graph scores like XGBoost itself: trees trained here, exported, scored by ONNX
 * Runtime through {@link OnnxForecaster}, compared with XGBoost's predictions put through the same
 * post-processing in Java (float32 arithmetic, as in the graph).
 */
class OnnxExporterParityTest {

  /**
   * The model contract's parity bound; what remains in practice is ONNX Runtime's Exp vs the JDK's
   * (~1 ulp).
   */
  private static final double MAX_RELATIVE_DIFFERENCE = 1e-5;

  private static final GbrtParams PARAMS = new GbrtParams(5, 0.1, 150, 0.8, 7, 1, 10);
  private static SyntheticData test;
  private static TrainedBooster ttfLog;
  private static TrainedBooster ttfDays;
  private static TrainedBooster magnitude;

  @BeforeAll
  static void train() throws Exception {
    SyntheticData training = new SyntheticData(1500, 1);
    SyntheticData validation = new SyntheticData(400, 2);
    test = withEdgeRows(new SyntheticData(1000, 3));
    GbrtTrainer trainer = new GbrtTrainer(PARAMS);
    Objective quantiles = Objective.quantiles(0.1, 0.5, 0.9);
    ttfLog =
        trainer.train(
            training.matrix(training.ttfLabels(Math::log1p)),
            validation.matrix(validation.ttfLabels(Math::log1p)),
            quantiles);
    ttfDays =
        trainer.train(
            training.matrix(training.ttfLabels(d -> d)),
            validation.matrix(validation.ttfLabels(d -> d)),
            quantiles);
    magnitude =
        trainer.train(
            training.matrix(training.magnitude),
            validation.matrix(validation.magnitude),
            Objective.squaredError());
  }

  @AfterAll
  static void release() {
    ttfLog.close();
    ttfDays.close();
    magnitude.close();
  }

  @Test
  void log1pModelScoresLikeXgboost(@TempDir Path dir) throws Exception {
    assertParity(ttfLog, TtfTransform.LOG1P, dir);
  }

  @Test
  void identityModelScoresLikeXgboost(@TempDir Path dir) throws Exception {
    assertParity(ttfDays, TtfTransform.IDENTITY, dir);
  }

  @Test
  void intervalOffsetsScoreLikeXgboostWithTheSameOffsets(@TempDir Path dir) throws Exception {
    // A conformal widening in ln(1 + days): p10 down, p90 up; also crossing quantiles get sorted.
    assertParity(ttfLog, TtfTransform.LOG1P, new float[] {-0.35f, 0f, 0.35f}, dir);
    assertParity(ttfDays, TtfTransform.IDENTITY, new float[] {-40f, 0f, 25f}, dir);
  }

  @Test
  void offsetsWidenTheInterval() throws Exception {
    float[] plain =
        Parity.expectedForecasts(ttfLog, magnitude, TtfTransform.LOG1P, test.features, test.rows);
    float[] wide =
        Parity.expectedForecasts(
            ttfLog,
            magnitude,
            TtfTransform.LOG1P,
            new float[] {-0.2f, 0f, 0.2f},
            test.features,
            test.rows);
    for (int r = 0; r < test.rows; r++) {
      assertTrue(wide[4 * r] <= plain[4 * r] && wide[4 * r + 2] >= plain[4 * r + 2], "row " + r);
    }
  }

  private static void assertParity(TrainedBooster ttf, TtfTransform transform, Path dir)
      throws Exception {
    assertParity(ttf, transform, null, dir);
  }

  private static void assertParity(
      TrainedBooster ttf, TtfTransform transform, float[] offsets, Path dir) throws Exception {
    ModelMetadata metadata = metadata(SyntheticData.featureNames());
    byte[] onnx =
        OnnxExporter.export(ttf.modelJson(), magnitude.modelJson(), transform, offsets, metadata);
    Path file = dir.resolve("model.onnx");
    OnnxExporter.write(onnx, file);
    ModelArtifact artifact = ModelArtifact.read(file);
    assertEquals(metadata, artifact.metadata());

    float[] expected =
        Parity.expectedForecasts(ttf, magnitude, transform, offsets, test.features, test.rows);
    float[] actual;
    try (OnnxForecaster forecaster = OnnxForecaster.open(artifact)) {
      actual = forecaster.score(test.features, test.rows);
    }

    Parity.Difference difference = Parity.compare(actual, expected);
    assertTrue(difference.maxRelative() <= MAX_RELATIVE_DIFFERENCE, difference.toString());
    if (transform == TtfTransform.IDENTITY) {
      // Same float32 operations in the same order (base score first): bit-identical.
      assertEquals(0.0, difference.maxAbsolute(), difference.toString());
    }
  }

  /**
   * The test rows with an all-missing row, an all-zero row and two rows of extreme values first.
   * (No infinities: XGBoost refuses them, so features must never be infinite.)
   */
  private static SyntheticData withEdgeRows(SyntheticData data) {
    int n = data.rows;
    int f = SyntheticData.FEATURES;
    Arrays.fill(data.features, 0, f, Float.NaN);
    Arrays.fill(data.features, f, 2 * f, 0f);
    Arrays.fill(data.features, 2 * f, 3 * f, 1e6f);
    Arrays.fill(data.features, 3 * f, 4 * f, -1e6f);
    assertEquals(1000, n);
    return data;
  }

  static ModelMetadata metadata(List<String> featureNames) {
    return new ModelMetadata(
        ModelContract.DEFAULT_MODEL_NAME,
        "parity-test",
        featureNames,
        "feature-hash",
        "{\"features\":\"synthetic\"}",
        "{\"stations\":[]}",
        "layout-hash",
        7.0,
        30,
        3600,
        7L,
        "data-hash",
        "{}",
        "mvn -pl trainer test");
  }
}
