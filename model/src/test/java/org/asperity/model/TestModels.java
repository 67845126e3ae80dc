package org.asperity.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Small ONNX models for the tests: by default a valid artifact whose graph is one
 * TreeEnsembleRegressor tree: feature 0 below {@link #THRESHOLD} or missing goes left, writing
 * {@link #LEFT} or {@link #RIGHT} straight to {@code forecast}. Every part can be broken on
 * purpose.
 */
final class TestModels {

  static final float THRESHOLD = 0.5f;
  static final float[] LEFT = {10f, 20f, 40f, 7.1f};
  static final float[] RIGHT = {1f, 2f, 3f, 8.2f};

  int featureCount = 5;
  Map<String, String> metadata;
  float threshold = THRESHOLD;
  float[] leftLeaf = LEFT.clone();
  float[] rightLeaf = RIGHT.clone();
  String inputName = ModelContract.INPUT_NAME;
  String outputName = ModelContract.OUTPUT_NAME;
  TensorProto.DataType inputType = TensorProto.DataType.FLOAT;
  Long batchDim = null;
  long declaredInputWidth = -1;
  long declaredOutputWidth = ModelContract.OUTPUT_WIDTH;
  String opType = "TreeEnsembleRegressor";

  TestModels() {
    metadata = new LinkedHashMap<>(metadata(featureCount).toProperties());
  }

  static ModelMetadata metadata(int featureCount) {
    List<String> names =
        IntStream.range(0, featureCount).mapToObj(i -> "station_" + i + "_east_velocity").toList();
    return new ModelMetadata(
        ModelContract.DEFAULT_MODEL_NAME,
        "test-1",
        names,
        "feature-hash-1",
        "{\"windowDays\":30}",
        "{\"stations\":[\"S0\",\"S1\"]}",
        "layout-hash-1",
        7.0,
        86400,
        3600,
        42L,
        "data-hash-1",
        "{\"r2_ttf_p50\":0.5}",
        "asperity train --seed 42");
  }

  static byte[] valid() {
    return new TestModels().build();
  }

  byte[] build() {
    long inputWidth = declaredInputWidth >= 0 ? declaredInputWidth : featureCount;
    NodeProto.Builder trees =
        NodeProto.newBuilder()
            .setOpType(opType)
            .setDomain("ai.onnx.ml")
            .setName("trees")
            .addInput(inputName)
            .addOutput(outputName);
    trees.addAttribute(
        AttributeProto.newBuilder()
            .setName("n_targets")
            .setType(AttributeProto.AttributeType.INT)
            .setI(ModelContract.OUTPUT_WIDTH));
    trees.addAttribute(ints("nodes_treeids", List.of(0L, 0L, 0L)));
    trees.addAttribute(ints("nodes_nodeids", List.of(0L, 1L, 2L)));
    trees.addAttribute(ints("nodes_featureids", List.of(0L, 0L, 0L)));
    trees.addAttribute(floats("nodes_values", List.of(threshold, 0f, 0f)));
    trees.addAttribute(strings("nodes_modes", List.of("BRANCH_LT", "LEAF", "LEAF")));
    trees.addAttribute(ints("nodes_truenodeids", List.of(1L, 0L, 0L)));
    trees.addAttribute(ints("nodes_falsenodeids", List.of(2L, 0L, 0L)));
    trees.addAttribute(ints("nodes_missing_value_tracks_true", List.of(1L, 0L, 0L)));
    List<Long> targetNodes = new ArrayList<>();
    List<Long> targetIds = new ArrayList<>();
    List<Float> weights = new ArrayList<>();
    for (int leaf = 1; leaf <= 2; leaf++) {
      for (int target = 0; target < ModelContract.OUTPUT_WIDTH; target++) {
        targetNodes.add((long) leaf);
        targetIds.add((long) target);
        weights.add((leaf == 1 ? leftLeaf : rightLeaf)[target]);
      }
    }
    trees.addAttribute(ints("target_treeids", targetNodes.stream().map(n -> 0L).toList()));
    trees.addAttribute(ints("target_nodeids", targetNodes));
    trees.addAttribute(ints("target_ids", targetIds));
    trees.addAttribute(floats("target_weights", weights));
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("test")
            .addNode(trees)
            .addInput(matrix(inputName, inputType, inputWidth))
            .addOutput(matrix(outputName, TensorProto.DataType.FLOAT, declaredOutputWidth))
            .build();
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("asperity-test")
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3))
            .setGraph(graph);
    metadata.forEach(
        (k, v) ->
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build().toByteArray();
  }

  private ValueInfoProto matrix(String name, TensorProto.DataType type, long width) {
    TensorShapeProto.Dimension batch =
        batchDim == null
            ? TensorShapeProto.Dimension.newBuilder().setDimParam("N").build()
            : TensorShapeProto.Dimension.newBuilder().setDimValue(batchDim).build();
    TensorShapeProto shape =
        TensorShapeProto.newBuilder()
            .addDim(batch)
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
            .build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }

  private static AttributeProto ints(String name, List<Long> values) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INTS)
        .addAllInts(values)
        .build();
  }

  private static AttributeProto floats(String name, List<Float> values) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.FLOATS)
        .addAllFloats(values)
        .build();
  }

  private static AttributeProto strings(String name, List<String> values) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.STRINGS)
        .addAllStrings(values.stream().map(ByteString::copyFromUtf8).toList())
        .build();
  }
}
