package org.asperity.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.asperity.model.InvalidModelException.Reason;
import org.junit.jupiter.api.Test;

class OnnxForecasterTest {

  private static final int F = 5;

  @Test
  void scoresRowsThroughTheTree() throws Exception {
    float[] rows = new float[3 * F];
    rows[0] = 0.2f; // row 0: feature 0 below the threshold -> left
    rows[F] = 0.9f; // row 1: above -> right
    rows[2 * F] = Float.NaN; // row 2: missing -> left (missing tracks true)
    try (OnnxForecaster forecaster = OnnxForecaster.open(ModelArtifact.parse(TestModels.valid()))) {
      float[] forecasts = forecaster.score(rows, 3);

      assertEquals(3 * ModelContract.OUTPUT_WIDTH, forecasts.length);
      assertArrayEquals(TestModels.LEFT, slice(forecasts, 0));
      assertArrayEquals(TestModels.RIGHT, slice(forecasts, 1));
      assertArrayEquals(TestModels.LEFT, slice(forecasts, 2));
    }
  }

  @Test
  void zeroRowsScoreToNothing() throws Exception {
    try (OnnxForecaster forecaster = OnnxForecaster.open(ModelArtifact.parse(TestModels.valid()))) {
      assertEquals(0, forecaster.score(new float[0], 0).length);
    }
  }

  @Test
  void rejectsARowCountThatDoesNotMatchTheValues() throws Exception {
    try (OnnxForecaster forecaster = OnnxForecaster.open(ModelArtifact.parse(TestModels.valid()))) {
      assertThrows(IllegalArgumentException.class, () -> forecaster.score(new float[2 * F + 1], 2));
    }
  }

  @Test
  void scoringAfterCloseFailsCleanly() throws Exception {
    OnnxForecaster forecaster = OnnxForecaster.open(ModelArtifact.parse(TestModels.valid()));
    forecaster.close();
    forecaster.close();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> forecaster.score(new float[F], 1));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void manySessionsOpenScoreAndClose() throws Exception {
    ModelArtifact artifact = ModelArtifact.parse(TestModels.valid());
    float[] row = new float[F];
    for (int i = 0; i < 200; i++) {
      try (OnnxForecaster forecaster = OnnxForecaster.open(artifact)) {
        assertArrayEquals(TestModels.LEFT, forecaster.score(row, 1));
      }
    }
  }

  @Test
  void concurrentScoringGivesTheSameAnswers() throws Exception {
    int rows = 64;
    float[] features = new float[rows * F];
    for (int r = 0; r < rows; r++) {
      features[r * F] = r % 2 == 0 ? 0.1f : 0.7f;
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (OnnxForecaster forecaster =
        OnnxForecaster.open(ModelArtifact.parse(TestModels.valid()), 2)) {
      float[] expected = forecaster.score(features, rows);
      List<Future<float[]>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> forecaster.score(features, rows)));
      }
      for (Future<float[]> result : results) {
        assertArrayEquals(expected, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void crossingQuantilesFailTheProbe() throws Exception {
    TestModels model = new TestModels();
    model.leftLeaf = new float[] {30f, 20f, 10f, 7f};
    ModelArtifact artifact = ModelArtifact.parse(model.build());

    InvalidModelException e =
        assertThrows(InvalidModelException.class, () -> OnnxForecaster.open(artifact));
    assertEquals(Reason.PROBE_FAILED, e.reason());
    assertTrue(e.getMessage().contains("all features missing"), e.getMessage());
  }

  @Test
  void nonFiniteForecastFailsTheProbe() throws Exception {
    TestModels model = new TestModels();
    model.leftLeaf = new float[] {1f, 2f, 3f, Float.NaN};
    ModelArtifact artifact = ModelArtifact.parse(model.build());

    InvalidModelException e =
        assertThrows(InvalidModelException.class, () -> OnnxForecaster.open(artifact));
    assertEquals(Reason.PROBE_FAILED, e.reason());
  }

  @Test
  void realFeatureRowsJoinTheProbe() throws Exception {
    TestModels model = new TestModels();
    model.rightLeaf = new float[] {1f, 2f, 3f, Float.NaN}; // missing and zero go left
    ModelArtifact artifact = ModelArtifact.parse(model.build());
    OnnxForecaster.open(artifact).close();
    float[] real = new float[2 * model.featureCount];
    real[model.featureCount] = 1f;

    InvalidModelException e =
        assertThrows(InvalidModelException.class, () -> OnnxForecaster.open(artifact, real));
    assertEquals(Reason.PROBE_FAILED, e.reason());
    assertTrue(e.getMessage().contains("real feature row 1"), e.getMessage());
  }

  @Test
  void negativeTimeToFailureFailsTheProbe() throws Exception {
    TestModels model = new TestModels();
    model.threshold = -1f; // zero goes right, missing still left
    model.rightLeaf = new float[] {-1f, 2f, 3f, 7f};
    ModelArtifact artifact = ModelArtifact.parse(model.build());

    InvalidModelException e =
        assertThrows(InvalidModelException.class, () -> OnnxForecaster.open(artifact));
    assertEquals(Reason.PROBE_FAILED, e.reason());
    assertTrue(e.getMessage().contains("all features zero"), e.getMessage());
  }

  @Test
  void unknownOperatorIsRejectedByTheRuntime() throws Exception {
    TestModels model = new TestModels();
    model.opType = "TreeEnsembleRegressorThatDoesNotExist";
    ModelArtifact artifact = ModelArtifact.parse(model.build());

    InvalidModelException e =
        assertThrows(InvalidModelException.class, () -> OnnxForecaster.open(artifact));
    assertEquals(Reason.RUNTIME_REJECTED, e.reason());
    assertTrue(e.getMessage().startsWith("ONNX Runtime cannot load the model: "), e.getMessage());
  }

  private static float[] slice(float[] forecasts, int row) {
    float[] out = new float[ModelContract.OUTPUT_WIDTH];
    System.arraycopy(forecasts, row * ModelContract.OUTPUT_WIDTH, out, 0, out.length);
    return out;
  }
}
