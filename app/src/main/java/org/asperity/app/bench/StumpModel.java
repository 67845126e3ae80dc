package org.asperity.app.bench;

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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;
import org.asperity.model.ModelContract;
import org.asperity.model.ModelMetadata;

/**
 * A contract-valid model that is not trained: a base forecast plus decision stumps (depth-one trees)
 * in one TreeEnsembleRegressor node, with the metadata a trained model carries (feature names and
 * hash of {@code config} on {@code layout}). For benchmarks that need a feature configuration no
 * trained model has, such as one tick per second; what it forecasts is meaningless, what the job
 * does to serve it is not. With every leaf ordered (p10 &le; p50 &le; p90) the sums are ordered too,
 * so the job's probe accepts it.
 */
public final class StumpModel {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Rows with {@code features[feature] < threshold} (and missing values when {@code missingGoesLeft})
   * add {@code left}, the others {@code right}; each a 4-vector in {@link ModelContract#OUTPUTS} order.
   */
  public record Stump(int feature, float threshold, boolean missingGoesLeft, float[] left, float[] right) {
    public Stump {
      if (left.length != ModelContract.OUTPUT_WIDTH || right.length != ModelContract.OUTPUT_WIDTH) {
        throw new IllegalArgumentException("leaves need " + ModelContract.OUTPUT_WIDTH + " values");
      }
      left = left.clone();
      right = right.clone();
    }
  }

  private StumpModel() {}

  /** The metadata a model of {@code config} on {@code layout} carries; {@code createdBy} says what it is. */
  public static ModelMetadata metadata(RegionLayout layout, FeatureConfig config, String name, String version,
      String createdBy) {
    FeatureSchema schema = FeatureSchema.of(config, layout);
    String configJson;
    try {
      configJson = JSON.writeValueAsString(config.canonicalString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    double tickSeconds = config.tickIntervalMicros() / 1e6;
    return new ModelMetadata(name, version, schema.names(), schema.hash(), configJson, layout.toJson(),
        layout.layoutHash(), 7.0, tickSeconds, tickSeconds, 0L, "not-trained", "{}", createdBy);
  }

  /** The ONNX bytes of {@code base} (a single-leaf first tree) plus {@code stumps}, carrying {@code metadata}. */
  public static byte[] onnx(ModelMetadata metadata, float[] base, List<Stump> stumps) {
    if (base.length != ModelContract.OUTPUT_WIDTH) {
      throw new IllegalArgumentException("base needs " + ModelContract.OUTPUT_WIDTH + " values");
    }
    Trees trees = new Trees();
    trees.node(0, 0, 0, 0f, "LEAF", 0, 0, false);
    trees.leaf(0, 0, base);
    for (int s = 0; s < stumps.size(); s++) {
      Stump stump = stumps.get(s);
      long tree = s + 1L;
      trees.node(tree, 0, stump.feature(), stump.threshold(), "BRANCH_LT", 1, 2, stump.missingGoesLeft());
      trees.node(tree, 1, 0, 0f, "LEAF", 0, 0, false);
      trees.node(tree, 2, 0, 0f, "LEAF", 0, 0, false);
      trees.leaf(tree, 1, stump.left());
      trees.leaf(tree, 2, stump.right());
    }
    GraphProto graph = GraphProto.newBuilder().setName("stumps").addNode(trees.toNode())
        .addInput(matrix(ModelContract.INPUT_NAME, metadata.featureCount()))
        .addOutput(matrix(ModelContract.OUTPUT_NAME, ModelContract.OUTPUT_WIDTH))
        .build();
    // The opsets and IR version the trainer exports with (STACK.md: accepted by ONNX Runtime 1.29).
    ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(8).setProducerName("asperity-bench")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml").setVersion(3))
        .setGraph(graph);
    metadata.toProperties().forEach((k, v) ->
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build().toByteArray();
  }

  /** The parallel attribute lists of a TreeEnsembleRegressor. */
  private static final class Trees {
    final List<Long> treeIds = new ArrayList<>();
    final List<Long> nodeIds = new ArrayList<>();
    final List<Long> featureIds = new ArrayList<>();
    final List<Float> values = new ArrayList<>();
    final List<String> modes = new ArrayList<>();
    final List<Long> trueIds = new ArrayList<>();
    final List<Long> falseIds = new ArrayList<>();
    final List<Long> missingTracksTrue = new ArrayList<>();
    final List<Long> targetTrees = new ArrayList<>();
    final List<Long> targetNodes = new ArrayList<>();
    final List<Long> targetIds = new ArrayList<>();
    final List<Float> weights = new ArrayList<>();

    void node(long tree, long node, long feature, float value, String mode, long trueId, long falseId,
        boolean missingTrue) {
      treeIds.add(tree);
      nodeIds.add(node);
      featureIds.add(feature);
      values.add(value);
      modes.add(mode);
      trueIds.add(trueId);
      falseIds.add(falseId);
      missingTracksTrue.add(missingTrue ? 1L : 0L);
    }

    void leaf(long tree, long node, float[] leaf) {
      for (int target = 0; target < ModelContract.OUTPUT_WIDTH; target++) {
        targetTrees.add(tree);
        targetNodes.add(node);
        targetIds.add((long) target);
        weights.add(leaf[target]);
      }
    }

    NodeProto toNode() {
      return NodeProto.newBuilder().setOpType("TreeEnsembleRegressor").setDomain("ai.onnx.ml")
          .setName("trees").addInput(ModelContract.INPUT_NAME).addOutput(ModelContract.OUTPUT_NAME)
          .addAttribute(AttributeProto.newBuilder().setName("n_targets").setType(AttributeProto.AttributeType.INT)
              .setI(ModelContract.OUTPUT_WIDTH))
          .addAttribute(ints("nodes_treeids", treeIds))
          .addAttribute(ints("nodes_nodeids", nodeIds))
          .addAttribute(ints("nodes_featureids", featureIds))
          .addAttribute(floats("nodes_values", values))
          .addAttribute(strings("nodes_modes", modes))
          .addAttribute(ints("nodes_truenodeids", trueIds))
          .addAttribute(ints("nodes_falsenodeids", falseIds))
          .addAttribute(ints("nodes_missing_value_tracks_true", missingTracksTrue))
          .addAttribute(ints("target_treeids", targetTrees))
          .addAttribute(ints("target_nodeids", targetNodes))
          .addAttribute(ints("target_ids", targetIds))
          .addAttribute(floats("target_weights", weights))
          .build();
    }
  }

  private static ValueInfoProto matrix(String name, long width) {
    TensorShapeProto shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber())
            .setShape(shape))).build();
  }

  private static AttributeProto ints(String name, List<Long> values) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
        .addAllInts(values).build();
  }

  private static AttributeProto floats(String name, List<Float> values) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS)
        .addAllFloats(values).build();
  }

  private static AttributeProto strings(String name, List<String> values) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS)
        .addAllStrings(values.stream().map(ByteString::copyFromUtf8).toList()).build();
  }
}
