package org.asperity.synthetic;

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
import java.util.List;
import org.asperity.model.ModelContract;
import org.asperity.model.ModelMetadata;

/**
 * Contract-valid ONNX models that are not trained, for tests (the Flink job, the end-to-end tests)
 * and benchmarks that need a feature configuration no trained model has: a gradient-boosted
 * ensemble of depth-one trees (stumps) on chosen features, written straight to {@code forecast}
 * with one TreeEnsembleRegressor node, like the trainer's export without its post-processing. With
 * every leaf ordered (0 &le; p10 &le; p50 &le; p90) the sums are ordered too, so the models pass
 * the job's probe.
 */
public final class StumpEnsemble {

  /**
   * One stump: rows with {@code features[feature] < threshold} (and missing values when {@code
   * missingGoesLeft}) add {@code left}, the others {@code right}; each a 4-vector in {@link
   * ModelContract#OUTPUTS} order.
   */
  public record Stump(
      int feature, float threshold, boolean missingGoesLeft, float[] left, float[] right) {
    public Stump {
      if (left.length != ModelContract.OUTPUT_WIDTH || right.length != ModelContract.OUTPUT_WIDTH) {
        throw new IllegalArgumentException("leaves need " + ModelContract.OUTPUT_WIDTH + " values");
      }
      left = left.clone();
      right = right.clone();
    }
  }

  private StumpEnsemble() {}

  /**
   * The ONNX bytes of {@code base} (a single-leaf first tree) plus the stumps, carrying {@code
   * metadata} as metadata_props; its input width is the metadata's feature count.
   */
  public static byte[] build(ModelMetadata metadata, float[] base, List<Stump> stumps) {
    return build(metadata, base, stumps, 0);
  }

  /**
   * Like {@link #build} but broken for every batch size except {@code batchRows}: the trees' output
   * goes through a Reshape to the fixed shape [batchRows, 4], which ONNX Runtime refuses for any
   * other number of rows, while the declared input and output keep a dynamic batch dimension. A
   * model that passes a probe of one batch size and fails live.
   */
  public static byte[] buildBatchLocked(
      ModelMetadata metadata, float[] base, List<Stump> stumps, int batchRows) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1");
    }
    return build(metadata, base, stumps, batchRows);
  }

  private static byte[] build(
      ModelMetadata metadata, float[] base, List<Stump> stumps, int lockedBatchRows) {
    if (base.length != ModelContract.OUTPUT_WIDTH) {
      throw new IllegalArgumentException("base needs " + ModelContract.OUTPUT_WIDTH + " values");
    }
    List<Long> treeIds = new ArrayList<>();
    List<Long> nodeIds = new ArrayList<>();
    List<Long> featureIds = new ArrayList<>();
    List<Float> values = new ArrayList<>();
    List<String> modes = new ArrayList<>();
    List<Long> trueIds = new ArrayList<>();
    List<Long> falseIds = new ArrayList<>();
    List<Long> missingTracksTrue = new ArrayList<>();
    List<Long> targetTrees = new ArrayList<>();
    List<Long> targetNodes = new ArrayList<>();
    List<Long> targetIds = new ArrayList<>();
    List<Float> weights = new ArrayList<>();

    addNode(
        0,
        0,
        0,
        0f,
        "LEAF",
        0,
        0,
        false,
        treeIds,
        nodeIds,
        featureIds,
        values,
        modes,
        trueIds,
        falseIds,
        missingTracksTrue);
    addLeaf(0, 0, base, targetTrees, targetNodes, targetIds, weights);
    for (int s = 0; s < stumps.size(); s++) {
      Stump stump = stumps.get(s);
      long tree = s + 1L;
      addNode(
          tree,
          0,
          stump.feature(),
          stump.threshold(),
          "BRANCH_LT",
          1,
          2,
          stump.missingGoesLeft(),
          treeIds,
          nodeIds,
          featureIds,
          values,
          modes,
          trueIds,
          falseIds,
          missingTracksTrue);
      addNode(
          tree,
          1,
          0,
          0f,
          "LEAF",
          0,
          0,
          false,
          treeIds,
          nodeIds,
          featureIds,
          values,
          modes,
          trueIds,
          falseIds,
          missingTracksTrue);
      addNode(
          tree,
          2,
          0,
          0f,
          "LEAF",
          0,
          0,
          false,
          treeIds,
          nodeIds,
          featureIds,
          values,
          modes,
          trueIds,
          falseIds,
          missingTracksTrue);
      addLeaf(tree, 1, stump.left(), targetTrees, targetNodes, targetIds, weights);
      addLeaf(tree, 2, stump.right(), targetTrees, targetNodes, targetIds, weights);
    }

    NodeProto.Builder trees =
        NodeProto.newBuilder()
            .setOpType("TreeEnsembleRegressor")
            .setDomain("ai.onnx.ml")
            .setName("trees")
            .addInput(ModelContract.INPUT_NAME)
            .addOutput(lockedBatchRows > 0 ? "raw" : ModelContract.OUTPUT_NAME);
    trees.addAttribute(
        AttributeProto.newBuilder()
            .setName("n_targets")
            .setType(AttributeProto.AttributeType.INT)
            .setI(ModelContract.OUTPUT_WIDTH));
    trees.addAttribute(ints("nodes_treeids", treeIds));
    trees.addAttribute(ints("nodes_nodeids", nodeIds));
    trees.addAttribute(ints("nodes_featureids", featureIds));
    trees.addAttribute(floats("nodes_values", values));
    trees.addAttribute(strings("nodes_modes", modes));
    trees.addAttribute(ints("nodes_truenodeids", trueIds));
    trees.addAttribute(ints("nodes_falsenodeids", falseIds));
    trees.addAttribute(ints("nodes_missing_value_tracks_true", missingTracksTrue));
    trees.addAttribute(ints("target_treeids", targetTrees));
    trees.addAttribute(ints("target_nodeids", targetNodes));
    trees.addAttribute(ints("target_ids", targetIds));
    trees.addAttribute(floats("target_weights", weights));
    GraphProto.Builder graphBuilder =
        GraphProto.newBuilder()
            .setName("stumps")
            .addNode(trees)
            .addInput(matrix(ModelContract.INPUT_NAME, metadata.featureCount()))
            .addOutput(matrix(ModelContract.OUTPUT_NAME, ModelContract.OUTPUT_WIDTH));
    if (lockedBatchRows > 0) {
      graphBuilder
          .addInitializer(
              TensorProto.newBuilder()
                  .setName("locked_shape")
                  .setDataType(TensorProto.DataType.INT64_VALUE)
                  .addDims(2)
                  .addInt64Data(lockedBatchRows)
                  .addInt64Data(ModelContract.OUTPUT_WIDTH))
          .addNode(
              NodeProto.newBuilder()
                  .setOpType("Reshape")
                  .setName("lock_batch")
                  .addInput("raw")
                  .addInput("locked_shape")
                  .addOutput(ModelContract.OUTPUT_NAME));
    }
    GraphProto graph = graphBuilder.build();
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("asperity-stumps")
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3))
            .setGraph(graph);
    metadata
        .toProperties()
        .forEach(
            (k, v) ->
                model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build().toByteArray();
  }

  private static void addNode(
      long tree,
      long node,
      long feature,
      float value,
      String mode,
      long trueId,
      long falseId,
      boolean missingTrue,
      List<Long> treeIds,
      List<Long> nodeIds,
      List<Long> featureIds,
      List<Float> values,
      List<String> modes,
      List<Long> trueIds,
      List<Long> falseIds,
      List<Long> missingTracksTrue) {
    treeIds.add(tree);
    nodeIds.add(node);
    featureIds.add(feature);
    values.add(value);
    modes.add(mode);
    trueIds.add(trueId);
    falseIds.add(falseId);
    missingTracksTrue.add(missingTrue ? 1L : 0L);
  }

  private static void addLeaf(
      long tree,
      long node,
      float[] leaf,
      List<Long> targetTrees,
      List<Long> targetNodes,
      List<Long> targetIds,
      List<Float> weights) {
    for (int target = 0; target < ModelContract.OUTPUT_WIDTH; target++) {
      targetTrees.add(tree);
      targetNodes.add(node);
      targetIds.add((long) target);
      weights.add(leaf[target]);
    }
  }

  private static ValueInfoProto matrix(String name, long width) {
    TensorShapeProto shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
            .build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape)))
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
