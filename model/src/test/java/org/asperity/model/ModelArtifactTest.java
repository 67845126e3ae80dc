package org.asperity.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.asperity.model.InvalidModelException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ModelArtifactTest {

  static final java.util.List<String> REQUIRED_KEYS = ModelContract.REQUIRED_KEYS;

  @Test
  void validModelParsesWithItsMetadataAndHash() throws Exception {
    byte[] bytes = TestModels.valid();
    ModelArtifact artifact = ModelArtifact.parse(bytes);

    assertEquals(TestModels.metadata(5), artifact.metadata());
    assertEquals(5, artifact.featureCount());
    assertEquals("station_4_east_velocity", artifact.featureNames().get(4));
    String expectedSha =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertEquals(expectedSha, artifact.sha256());
    assertArrayEquals(bytes, artifact.bytes());
  }

  @Test
  void readsFromFileAndKeepsUnknownMetadata(@TempDir Path dir) throws Exception {
    TestModels model = new TestModels();
    model.metadata.put("producer.note", "kept");
    Path file = dir.resolve("model.onnx");
    Files.write(file, model.build());

    ModelArtifact artifact = ModelArtifact.read(file);

    assertEquals("kept", artifact.metadataProps().get("producer.note"));
    assertEquals(
        ModelMetadata.OUTPUTS_VALUE, artifact.metadataProps().get(ModelContract.KEY_OUTPUTS));
  }

  @Test
  void textIsNotAnOnnxModel() {
    assertReason(Reason.NOT_ONNX, "this is not an onnx model".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void emptyBytesAreNotAnOnnxModel() {
    assertReason(Reason.NOT_ONNX, new byte[0]);
  }

  @Test
  void truncatedModelIsNotAnOnnxModel() {
    byte[] valid = TestModels.valid();
    assertReason(Reason.NOT_ONNX, Arrays.copyOf(valid, valid.length / 2));
  }

  @ParameterizedTest
  @FieldSource("REQUIRED_KEYS")
  void everyRequiredMetadataKeyIsChecked(String key) {
    TestModels model = new TestModels();
    model.metadata.remove(key);

    InvalidModelException e = assertReason(Reason.MISSING_METADATA, model.build());
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }

  @Test
  void blankMetadataCountsAsMissing() {
    TestModels model = new TestModels();
    model.metadata.put(ModelContract.KEY_MODEL_VERSION, "  ");
    assertReason(Reason.MISSING_METADATA, model.build());
  }

  @Test
  void outputsInAnotherOrderAreRejected() {
    TestModels model = new TestModels();
    model.metadata.put(
        ModelContract.KEY_OUTPUTS, "ttf_p50_days,ttf_p10_days,ttf_p90_days,moment_magnitude");
    assertReason(Reason.OUTPUTS_MISMATCH, model.build());
  }

  @Test
  void featureNamesMustBeAJsonArrayOfDistinctNames() {
    TestModels notJson = new TestModels();
    notJson.metadata.put(ModelContract.KEY_FEATURE_NAMES, "a,b,c,d,e");
    assertReason(Reason.INVALID_METADATA, notJson.build());

    TestModels duplicate = new TestModels();
    duplicate.metadata.put(ModelContract.KEY_FEATURE_NAMES, "[\"a\",\"b\",\"c\",\"d\",\"a\"]");
    InvalidModelException e = assertReason(Reason.INVALID_METADATA, duplicate.build());
    assertTrue(e.getMessage().contains("'a'"), e.getMessage());
  }

  @Test
  void opaqueJsonMustStillBeWellFormed() {
    TestModels model = new TestModels();
    model.metadata.put(ModelContract.KEY_FEATURE_CONFIG, "{\"windowDays\":30");
    assertReason(Reason.INVALID_METADATA, model.build());
  }

  @Test
  void numbersMustParse() {
    TestModels threshold = new TestModels();
    threshold.metadata.put(ModelContract.KEY_MAGNITUDE_THRESHOLD, "large");
    assertReason(Reason.INVALID_METADATA, threshold.build());

    TestModels interval = new TestModels();
    interval.metadata.put(ModelContract.KEY_SAMPLING_INTERVAL_SECONDS, "-30");
    assertReason(Reason.INVALID_METADATA, interval.build());
  }

  @Test
  void inputWidthMustMatchTheFeatureNames() {
    TestModels model = new TestModels();
    model.declaredInputWidth = 6;
    InvalidModelException e = assertReason(Reason.FEATURE_COUNT_MISMATCH, model.build());
    assertTrue(
        e.getMessage().contains("6 columns") && e.getMessage().contains("5 features"),
        e.getMessage());
  }

  @Test
  void inputMustBeFloatFeaturesWithDynamicBatch() {
    TestModels renamed = new TestModels();
    renamed.inputName = "X";
    assertReason(Reason.WRONG_INPUT, renamed.build());

    TestModels doubles = new TestModels();
    doubles.inputType = TensorProto.DataType.DOUBLE;
    assertReason(Reason.WRONG_INPUT, doubles.build());

    TestModels fixedBatch = new TestModels();
    fixedBatch.batchDim = 1L;
    assertReason(Reason.WRONG_INPUT, fixedBatch.build());
  }

  @Test
  void outputMustBeForecastWithFourColumns() {
    TestModels threeColumns = new TestModels();
    threeColumns.declaredOutputWidth = 3;
    InvalidModelException e = assertReason(Reason.WRONG_OUTPUT, threeColumns.build());
    assertTrue(e.getMessage().contains("3 columns"), e.getMessage());

    TestModels renamed = new TestModels();
    renamed.outputName = "variable";
    assertReason(Reason.WRONG_OUTPUT, renamed.build());
  }

  @Test
  void messagesAreOneSentence() {
    TestModels model = new TestModels();
    model.metadata.remove(ModelContract.KEY_LAYOUT_HASH);
    InvalidModelException e = assertReason(Reason.MISSING_METADATA, model.build());
    assertEquals("The model has no metadata entry 'asperity.layout_hash'.", e.getMessage());
  }

  private static InvalidModelException assertReason(Reason expected, byte[] bytes) {
    InvalidModelException e =
        assertThrows(InvalidModelException.class, () -> ModelArtifact.parse(bytes));
    assertEquals(expected, e.reason(), e.getMessage());
    return e;
  }
}
