package org.asperity.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelContract;
import org.asperity.model.ModelMetadata;
import org.asperity.model.OnnxForecaster;
import org.junit.jupiter.api.Test;

/** The built ensembles pass the model contract and score as the sum of their leaves. */
class StumpEnsembleTest {
  private static final float[] BASE = {5f, 10f, 30f, 7f};
  private static final float[] LOW_RATE = {1f, 2f, 3f, 0.5f};
  private static final float[] HIGH_RATE = {100f, 200f, 300f, 0f};
  private static final float[] FEW_STATIONS = {0f, 0f, 0f, 0.25f};
  private static final float[] MANY_STATIONS = {10f, 20f, 40f, 0f};

  private static ModelMetadata metadata() {
    return new ModelMetadata(
        ModelContract.DEFAULT_MODEL_NAME,
        "stumps-1",
        List.of("f0", "rate", "stations"),
        "h",
        "{}",
        "{}",
        "h",
        7,
        86_400,
        86_400,
        1,
        "h",
        "{}",
        "StumpEnsembleTest");
  }

  private static float[] plus(float[]... vectors) {
    float[] sum = new float[ModelContract.OUTPUT_WIDTH];
    for (float[] v : vectors) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[i];
      }
    }
    return sum;
  }

  @Test
  void scoresTheBasePlusOneLeafPerStump() throws Exception {
    byte[] onnx =
        StumpEnsemble.build(
            metadata(),
            BASE,
            List.of(
                new StumpEnsemble.Stump(1, 0.5f, true, LOW_RATE, HIGH_RATE),
                new StumpEnsemble.Stump(2, 10f, false, FEW_STATIONS, MANY_STATIONS)));
    ModelArtifact artifact = ModelArtifact.parse(onnx);
    assertEquals(metadata(), artifact.metadata());
    float[] rows = {
      0f, 0.2f, 20f, // low rate, many stations
      0f, 0.9f, 5f, // high rate, few stations
      0f, Float.NaN, Float.NaN // missing: the first stump goes left, the second right
    };
    float[] forecasts;
    try (OnnxForecaster forecaster = OnnxForecaster.open(artifact)) {
      forecasts = forecaster.score(rows, 3);
    }
    float[] expected = new float[3 * ModelContract.OUTPUT_WIDTH];
    System.arraycopy(plus(BASE, LOW_RATE, MANY_STATIONS), 0, expected, 0, 4);
    System.arraycopy(plus(BASE, HIGH_RATE, FEW_STATIONS), 0, expected, 4, 4);
    System.arraycopy(plus(BASE, LOW_RATE, MANY_STATIONS), 0, expected, 8, 4);
    assertArrayEquals(expected, forecasts);
  }

  @Test
  void leavesNeedOneValuePerOutput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new StumpEnsemble.Stump(0, 0f, true, new float[] {1f, 2f, 3f}, new float[4]));
    assertThrows(
        IllegalArgumentException.class,
        () -> StumpEnsemble.build(metadata(), new float[] {1f}, List.of()));
  }
}
