package org.asperity.trainer.onnx;

import static org.asperity.trainer.onnx.XgboostJson.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelMetadata;
import org.asperity.model.OnnxForecaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph's semantics on hand-written XGBoost models, and what the exporter refuses. */
class OnnxExporterTest {

  /** One zero-weight leaf per TTF quantile: the output is the base scores. */
  private static final List<ObjectNode> ZERO_TREES = List.of(leaf(0f, 0), leaf(0f, 1), leaf(0f, 2));

  private static final ModelMetadata METADATA = OnnxExporterParityTest.metadata(NAMES);
  private static final float NAN = Float.NaN;

  @Test
  void quantilesAreSortedAndClampedAtZero() throws Exception {
    // Raw outputs 5, -2, 3 (crossing, one negative) from the base scores alone.
    byte[] ttf = quantileModel("[5E0,-2E0,3E0]", ZERO_TREES);
    byte[] magnitude = regression("[7.5E0]", List.of(leaf(0f, 0)));

    float[] forecast =
        score(OnnxExporter.export(ttf, magnitude, TtfTransform.IDENTITY, METADATA), row(0, 0, 0));

    assertArrayEquals(new float[] {0f, 3f, 5f, 7.5f}, forecast);
  }

  @Test
  void log1pIsInvertedBeforeSorting() throws Exception {
    float four = (float) Math.log1p(4);
    float one = (float) Math.log1p(1);
    byte[] ttf = quantileModel("[" + four + ",-1E0," + one + "]", ZERO_TREES);
    byte[] magnitude = regression("[8E0]", List.of(leaf(0f, 0)));

    float[] forecast =
        score(OnnxExporter.export(ttf, magnitude, TtfTransform.LOG1P, METADATA), row(0, 0, 0));

    // exp(-1) - 1 < 0 is clamped; the others come back to days.
    assertEquals(0f, forecast[0]);
    assertEquals(1f, forecast[1], 1e-6);
    assertEquals(4f, forecast[2], 1e-6);
    assertEquals(8f, forecast[3]);
  }

  @Test
  void splitsGoLeftBelowTheThresholdAndMissingFollowsDefaultLeft() throws Exception {
    // Magnitude: 7 + (b < 0.5 or b missing ? 1 : 2) + (c < 0.25 ? 0.1 : 0.2, c missing -> 0.2)
    byte[] magnitude =
        regression(
            "[7E0]",
            List.of(split(1, 0.5f, true, 1f, 2f, 0), split(2, 0.25f, false, 0.1f, 0.2f, 0)));
    byte[] ttf = quantileModel("[1E0,2E0,3E0]", ZERO_TREES);
    byte[] onnx = OnnxExporter.export(ttf, magnitude, TtfTransform.IDENTITY, METADATA);

    assertEquals(8.1f, score(onnx, row(0, 0.49f, 0.2f))[3], 1e-6);
    assertEquals(9.2f, score(onnx, row(0, 0.5f, 0.25f))[3], 1e-6);
    assertEquals(8.2f, score(onnx, row(0, NAN, NAN))[3], 1e-6);
  }

  @Test
  void rejectsOtherQuantileLevels() {
    byte[] ttf =
        xgboost("reg:quantileerror", "[5E-2,5E-1,9.5E-1]", "[1E0,2E0,3E0]", 3, ZERO_TREES, NAMES);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OnnxExporter.export(
                    ttf,
                    regression("[7E0]", List.of(leaf(0f, 0))),
                    TtfTransform.IDENTITY,
                    METADATA));
    assertTrue(e.getMessage().contains("levels [0.1, 0.5, 0.9]"), e.getMessage());
  }

  @Test
  void rejectsNonIdentityLinks() {
    byte[] logistic = xgboost("binary:logistic", null, "[5E-1]", 1, List.of(leaf(0f, 0)), NAMES);
    byte[] ttf = quantileModel("[1E0,2E0,3E0]", ZERO_TREES);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OnnxExporter.export(ttf, logistic, TtfTransform.IDENTITY, METADATA));
    assertTrue(e.getMessage().contains("binary:logistic"), e.getMessage());
  }

  @Test
  void rejectsColumnsThatDoNotMatchTheMetadata() {
    byte[] ttf = quantileModel("[1E0,2E0,3E0]", ZERO_TREES);
    byte[] reordered =
        xgboost("reg:squarederror", null, "[7E0]", 1, List.of(leaf(0f, 0)), List.of("b", "a", "c"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OnnxExporter.export(ttf, reordered, TtfTransform.IDENTITY, METADATA));
    assertTrue(e.getMessage().contains("other names"), e.getMessage());

    ModelMetadata twoFeatures = OnnxExporterParityTest.metadata(List.of("a", "b"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            OnnxExporter.export(
                ttf,
                regression("[7E0]", List.of(leaf(0f, 0))),
                TtfTransform.IDENTITY,
                twoFeatures));
  }

  @Test
  void rejectsCategoricalSplits() {
    ObjectNode categorical = split(0, 1f, true, 1f, 2f, 0);
    ((ArrayNode) categorical.get("split_type")).set(0, 1);
    byte[] magnitude = regression("[7E0]", List.of(categorical));
    byte[] ttf = quantileModel("[1E0,2E0,3E0]", ZERO_TREES);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OnnxExporter.export(ttf, magnitude, TtfTransform.IDENTITY, METADATA));
    assertTrue(e.getMessage().contains("categorical"), e.getMessage());
  }

  @Test
  void writesAReadableArtifactAtomically(@TempDir Path dir) throws Exception {
    byte[] onnx =
        OnnxExporter.export(
            quantileModel("[1E0,2E0,3E0]", ZERO_TREES),
            regression("[7E0]", List.of(leaf(0f, 0))),
            TtfTransform.IDENTITY,
            METADATA);
    Path file = dir.resolve("models/forecast.onnx");

    OnnxExporter.write(onnx, file);
    OnnxExporter.write(onnx, file);

    assertEquals(METADATA, ModelArtifact.read(file).metadata());
    try (var entries = Files.list(file.getParent())) {
      assertEquals(List.of(file), entries.toList(), "no temporary file left behind");
    }
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertTrue(Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_READ));
      assertEquals(
          Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain"))),
          Files.getPosixFilePermissions(file),
          "the artifact gets ordinary (umask) permissions");
    }
  }

  private static float[] score(byte[] onnx, float[] row) throws Exception {
    try (OnnxForecaster forecaster = OnnxForecaster.open(ModelArtifact.parse(onnx))) {
      return forecaster.score(row, 1);
    }
  }

  private static float[] row(float a, float b, float c) {
    return new float[] {a, b, c};
  }
}
