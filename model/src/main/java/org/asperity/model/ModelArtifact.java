package org.asperity.model;

import static org.asperity.model.ModelContract.INPUT_NAME;
import static org.asperity.model.ModelContract.OUTPUT_NAME;
import static org.asperity.model.ModelContract.OUTPUT_WIDTH;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.asperity.model.InvalidModelException.Reason;
import org.asperity.model.OnnxModelProto.ValueInfo;

/**
 * A model artifact whose bytes passed the contract checks of {@link ModelContract}: metadata
 * complete and well-formed, one float32 input {@code features} [N, F] with F = number of feature
 * names, one float32 output {@code forecast} [N, 4], batch dimension dynamic. Parsing needs no
 * native library; whether ONNX Runtime accepts the graph is checked by {@link OnnxForecaster}.
 * Immutable and thread-safe.
 */
public final class ModelArtifact {

  private final byte[] bytes;
  private final String sha256;
  private final ModelMetadata metadata;
  private final Map<String, String> metadataProps;

  private ModelArtifact(byte[] bytes, ModelMetadata metadata, Map<String, String> metadataProps) {
    this.bytes = bytes;
    this.sha256 = sha256Hex(bytes);
    this.metadata = metadata;
    this.metadataProps = Map.copyOf(metadataProps);
  }

  /** Validates ONNX bytes (copied) against the contract. */
  public static ModelArtifact parse(byte[] onnxBytes) throws InvalidModelException {
    byte[] bytes = onnxBytes.clone();
    OnnxModelProto proto;
    try {
      proto = OnnxModelProto.parse(bytes);
    } catch (OnnxModelProto.MalformedProtoException e) {
      throw new InvalidModelException(
          Reason.NOT_ONNX, "The bytes are not an ONNX model (" + e.getMessage() + ").", e);
    }
    if (!proto.hasGraph()) {
      throw new InvalidModelException(
          Reason.NOT_ONNX, "The bytes are not an ONNX model (no graph).");
    }
    ModelMetadata metadata = ModelMetadata.fromProperties(proto.metadata());
    checkInput(proto.feedInputs(), metadata.featureCount());
    checkOutput(proto.outputs());
    return new ModelArtifact(bytes, metadata, proto.metadata());
  }

  /** Reads and validates an ONNX file. */
  public static ModelArtifact read(Path onnxFile) throws IOException, InvalidModelException {
    return parse(Files.readAllBytes(onnxFile));
  }

  /** The ONNX file's bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex SHA-256 of the bytes: identifies the artifact in logs and forecasts. */
  public String sha256() {
    return sha256;
  }

  public ModelMetadata metadata() {
    return metadata;
  }

  /** Every metadata_props entry as stored, including keys outside the contract. */
  public Map<String, String> metadataProps() {
    return metadataProps;
  }

  public List<String> featureNames() {
    return metadata.featureNames();
  }

  public int featureCount() {
    return metadata.featureCount();
  }

  @Override
  public String toString() {
    return metadata.modelName()
        + " "
        + metadata.modelVersion()
        + " (sha256 "
        + sha256.substring(0, 12)
        + ", "
        + featureCount()
        + " features)";
  }

  private static void checkInput(List<ValueInfo> inputs, int featureCount)
      throws InvalidModelException {
    if (inputs.size() != 1 || !INPUT_NAME.equals(inputs.get(0).name())) {
      throw new InvalidModelException(
          Reason.WRONG_INPUT,
          "The model's inputs are "
              + names(inputs)
              + " but the contract has exactly one input '"
              + INPUT_NAME
              + "'.");
    }
    ValueInfo input = inputs.get(0);
    String problem = matrixProblem(input);
    if (problem != null) {
      throw new InvalidModelException(
          Reason.WRONG_INPUT, "The model's input '" + INPUT_NAME + "' " + problem + ".");
    }
    long width = input.dims().get(1).value();
    if (width != featureCount) {
      throw new InvalidModelException(
          Reason.FEATURE_COUNT_MISMATCH,
          "The model's input has "
              + width
              + " columns but its metadata names "
              + featureCount
              + " features.");
    }
  }

  private static void checkOutput(List<ValueInfo> outputs) throws InvalidModelException {
    if (outputs.size() != 1 || !OUTPUT_NAME.equals(outputs.get(0).name())) {
      throw new InvalidModelException(
          Reason.WRONG_OUTPUT,
          "The model's outputs are "
              + names(outputs)
              + " but the contract has exactly one output '"
              + OUTPUT_NAME
              + "'.");
    }
    ValueInfo output = outputs.get(0);
    String problem = matrixProblem(output);
    if (problem == null && output.dims().get(1).value() != OUTPUT_WIDTH) {
      problem = "has " + output.dims().get(1).value() + " columns instead of " + OUTPUT_WIDTH;
    }
    if (problem != null) {
      throw new InvalidModelException(
          Reason.WRONG_OUTPUT, "The model's output '" + OUTPUT_NAME + "' " + problem + ".");
    }
  }

  /** Why a value is not a float32 [dynamic N, fixed width] matrix, or null if it is one. */
  private static String matrixProblem(ValueInfo value) {
    if (value.elementType() != OnnxModelProto.ELEMENT_TYPE_FLOAT) {
      return "is not a float32 tensor (element type " + value.elementType() + ")";
    }
    if (!value.hasShape() || value.dims().size() != 2) {
      return "is not a matrix (shape " + shape(value) + ")";
    }
    if (value.dims().get(0).isFixed()) {
      return "has a fixed batch size " + value.dims().get(0).value() + " instead of a dynamic one";
    }
    if (!value.dims().get(1).isFixed()) {
      return "has no fixed number of columns";
    }
    return null;
  }

  private static String shape(ValueInfo value) {
    if (!value.hasShape()) {
      return "unknown";
    }
    return value.dims().stream()
        .map(d -> d.isFixed() ? Long.toString(d.value()) : (d.param().isEmpty() ? "?" : d.param()))
        .toList()
        .toString();
  }

  private static String names(List<ValueInfo> values) {
    return values.stream().map(v -> "'" + v.name() + "'").toList().toString();
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
