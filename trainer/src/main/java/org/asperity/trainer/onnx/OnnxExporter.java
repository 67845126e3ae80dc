package org.asperity.trainer.onnx;

import static org.asperity.model.ModelContract.INPUT_NAME;
import static org.asperity.model.ModelContract.OUTPUT_NAME;
import static org.asperity.model.ModelContract.OUTPUT_WIDTH;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.asperity.model.InvalidModelException;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelMetadata;

/**
 * Turns the two XGBoost models of a forecaster into the one ONNX artifact of {@link
 * org.asperity.model.ModelContract}:
 *
 * <pre>
 * features [N,F] -> TreeEnsembleRegressor (4 targets: 3 TTF quantiles, magnitude) -> raw [N,4]
 * raw -> Split [3,1] -> ttf_raw [N,3], magnitude [N,1]
 * ttf_raw -> (with offsets only: TopK, Add offsets [3]) -> (LOG1P only: Exp, Sub 1) -> TopK(k=3, largest=0)
 *         -> Relu -> ttf_days [N,3]
 * Concat(ttf_days, magnitude) -> forecast [N,4]
 * </pre>
 *
 * The sort (the quantile trees' sums may cross; XGBoost's own predict returns them in ascending
 * order, and so does the graph) and the clamp at zero (exp(x)-1 can dip below 0) are in the graph
 * so that offline evaluation and the online job run the same computation. Trees map one to one:
 * XGBoost's "left iff x &lt; threshold" is BRANCH_LT with the left child as the true branch, and
 * {@code default_left} is {@code nodes_missing_value_tracks_true}. Opsets "" 17 and ai.onnx.ml 3,
 * IR version 8.
 *
 * <p>Each base score is written as a single-leaf tree placed before the model's trees rather than
 * as {@code base_values} (left unset, i.e. zero): XGBoost starts its float32 sum at the base score
 * and adds the trees in order, ONNX Runtime (one thread) adds the trees in order and the base
 * values last, so this ordering makes the sums bit-identical instead of differing by a few ulps.
 *
 * <p>Written here on purpose: XGBoost's ONNX converters are Python only, and this exact tree
 * ordering and quantile post-processing are what make the artifact score like the trainer.
 */
public final class OnnxExporter {

  public static final String PRODUCER_NAME = "asperity-trainer";

  /** The quantile levels of the contract's ttf_p10/p50/p90 columns. */
  static final double[] TTF_QUANTILES = {0.1, 0.5, 0.9};

  static final long IR_VERSION = 8;
  static final long ONNX_OPSET = 17;
  static final long ONNX_ML_OPSET = 3;
  private static final String ML_DOMAIN = "ai.onnx.ml";

  private OnnxExporter() {}

  /**
   * Builds the artifact and checks it against the contract.
   *
   * @param ttfQuantilesJson XGBoost JSON of a {@code reg:quantileerror} model with levels 0.1, 0.5,
   *     0.9, trained on {@code ttfTransform.toTarget(days)}
   * @param magnitudeJson XGBoost JSON of a single-output model of the moment magnitude
   * @param metadata what the job needs to know; its feature names are the input columns
   * @return the ONNX model bytes
   */
  public static byte[] export(
      byte[] ttfQuantilesJson,
      byte[] magnitudeJson,
      TtfTransform ttfTransform,
      ModelMetadata metadata) {
    return export(ttfQuantilesJson, magnitudeJson, ttfTransform, null, metadata);
  }

  /**
   * Builds the artifact with offsets added to the three TTF outputs in the trees' space before the
   * transform back to days: an interval calibration such as conformalized quantile regression
   * (Romano, Patterson and Candès 2019) widens p10 and p90 by subtracting from the one and adding
   * to the other.
   *
   * @param ttfOffsets three offsets (p10, p50, p90) in the trees' space, or null for none
   */
  public static byte[] export(
      byte[] ttfQuantilesJson,
      byte[] magnitudeJson,
      TtfTransform ttfTransform,
      float[] ttfOffsets,
      ModelMetadata metadata) {
    if (ttfOffsets != null && (ttfOffsets.length != 3 || !finite(ttfOffsets))) {
      throw new IllegalArgumentException("TTF offsets must be three finite values");
    }
    XgboostModel ttf = XgboostModel.parse(ttfQuantilesJson);
    XgboostModel magnitude = XgboostModel.parse(magnitudeJson);
    if (!ttf.objective().equals("reg:quantileerror")
        || !sameLevels(ttf.quantileAlphas(), TTF_QUANTILES)) {
      throw new IllegalArgumentException(
          "The TTF model must be reg:quantileerror at levels "
              + Arrays.toString(TTF_QUANTILES)
              + ", not "
              + ttf.objective()
              + " "
              + Arrays.toString(ttf.quantileAlphas()));
    }
    if (magnitude.targetCount() != 1) {
      throw new IllegalArgumentException(
          "The magnitude model must have one output, not " + magnitude.targetCount());
    }
    checkColumns("TTF", ttf, metadata);
    checkColumns("magnitude", magnitude, metadata);

    GraphProto.Builder graph =
        GraphProto.newBuilder()
            .setName("asperity_forecast")
            .addInput(matrix(INPUT_NAME, metadata.featureCount()))
            .addOutput(matrix(OUTPUT_NAME, OUTPUT_WIDTH));
    graph.addNode(treeEnsemble(List.of(ttf, magnitude), INPUT_NAME, "raw"));
    graph.addInitializer(int64Tensor("split_sizes", 3, 1));
    graph.addInitializer(int64Tensor("quantile_count", 3));
    graph.addNode(
        node("Split", "split", List.of("raw", "split_sizes"), List.of("ttf_raw", "magnitude"))
            .addAttribute(intAttribute("axis", 1)));
    String ttfDays = "ttf_raw";
    if (ttfOffsets != null && !allZero(ttfOffsets)) {
      // Offsets belong to the lowest, middle and highest quantile, as XGBoost's own predict
      // orders crossing quantiles: sort first, then shift (the sort below fixes any new crossing).
      graph.addNode(
          node(
                  "TopK",
                  "order_raw_quantiles",
                  List.of("ttf_raw", "quantile_count"),
                  List.of("ttf_raw_sorted", "ttf_raw_order"))
              .addAttribute(intAttribute("axis", 1))
              .addAttribute(intAttribute("largest", 0))
              .addAttribute(intAttribute("sorted", 1)));
      graph.addInitializer(floatVector("ttf_offsets", ttfOffsets));
      graph.addNode(
          node(
              "Add",
              "calibrate_interval",
              List.of("ttf_raw_sorted", "ttf_offsets"),
              List.of("ttf_calibrated")));
      ttfDays = "ttf_calibrated";
    }
    if (ttfTransform == TtfTransform.LOG1P) {
      graph.addInitializer(floatScalar("one", 1f));
      graph.addNode(node("Exp", "exp", List.of(ttfDays), List.of("ttf_exp")));
      graph.addNode(node("Sub", "expm1", List.of("ttf_exp", "one"), List.of("ttf_unsorted")));
      ttfDays = "ttf_unsorted";
    }
    graph.addNode(
        node(
                "TopK",
                "sort_quantiles",
                List.of(ttfDays, "quantile_count"),
                List.of("ttf_sorted", "ttf_order"))
            .addAttribute(intAttribute("axis", 1))
            .addAttribute(intAttribute("largest", 0))
            .addAttribute(intAttribute("sorted", 1)));
    graph.addNode(node("Relu", "clamp_at_zero", List.of("ttf_sorted"), List.of("ttf_days")));
    graph.addNode(
        node("Concat", "forecast", List.of("ttf_days", "magnitude"), List.of(OUTPUT_NAME))
            .addAttribute(intAttribute("axis", 1)));

    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .setProducerName(PRODUCER_NAME)
            .setDocString(
                "Time to failure quantiles (days) and moment magnitude of the next megathrust event")
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(ONNX_OPSET))
            .addOpsetImport(
                OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(ONNX_ML_OPSET))
            .setGraph(graph);
    metadata
        .toProperties()
        .forEach(
            (key, value) ->
                model.addMetadataProps(
                    StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    byte[] bytes = model.build().toByteArray();
    try {
      ModelArtifact.parse(bytes);
    } catch (InvalidModelException e) {
      throw new IllegalStateException(
          "The exported model breaks the contract: " + e.getMessage(), e);
    }
    return bytes;
  }

  /**
   * Writes the artifact atomically (temporary file, then rename), so readers never see half a
   * model.
   */
  public static void write(byte[] onnxBytes, Path file) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    // Not Files.createTempFile: its 0600 permissions would carry over to the artifact.
    Path temporary =
        directory.resolve(file.getFileName() + ".tmp-" + Long.toHexString(System.nanoTime()));
    try {
      Files.write(temporary, onnxBytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void checkColumns(String which, XgboostModel model, ModelMetadata metadata) {
    if (model.featureCount() != metadata.featureCount()) {
      throw new IllegalArgumentException(
          "The "
              + which
              + " model has "
              + model.featureCount()
              + " features but the metadata names "
              + metadata.featureCount());
    }
    if (!model.featureNames().isEmpty() && !model.featureNames().equals(metadata.featureNames())) {
      throw new IllegalArgumentException(
          "The "
              + which
              + " model was trained on columns "
              + "in another order or with other names than the metadata's feature names");
    }
  }

  private static boolean sameLevels(double[] levels, double[] expected) {
    if (levels.length != expected.length) {
      return false;
    }
    for (int i = 0; i < levels.length; i++) {
      // XGBoost stores the levels as float32.
      if (Math.abs(levels[i] - expected[i]) > 1e-6) {
        return false;
      }
    }
    return true;
  }

  /** One TreeEnsembleRegressor whose targets are the models' outputs, concatenated in order. */
  private static NodeProto treeEnsemble(List<XgboostModel> models, String input, String output) {
    EnsembleAttributes ensemble = new EnsembleAttributes();
    long treeId = 0;
    int targetOffset = 0;
    for (XgboostModel model : models) {
      // The base scores lead, as single-leaf trees (see the class comment).
      for (int target = 0; target < model.baseScores().length; target++) {
        ensemble.leaf(treeId++, 0, false, targetOffset + target, model.baseScores()[target]);
      }
      for (XgboostModel.Tree tree : model.trees()) {
        // Walk from the root: only reachable nodes are emitted.
        Deque<Integer> pending = new ArrayDeque<>();
        pending.push(0);
        while (!pending.isEmpty()) {
          int n = pending.pop();
          boolean missingLeft = tree.defaultLeft()[n];
          if (tree.isLeaf(n)) {
            ensemble.leaf(
                treeId, n, missingLeft, targetOffset + tree.target(), tree.splitCondition()[n]);
          } else {
            ensemble.branch(
                treeId,
                n,
                missingLeft,
                tree.splitFeature()[n],
                tree.splitCondition()[n],
                tree.left()[n],
                tree.right()[n]);
            pending.push(tree.right()[n]);
            pending.push(tree.left()[n]);
          }
        }
        treeId++;
      }
      targetOffset += model.targetCount();
    }
    return ensemble.toNode(input, output, targetOffset);
  }

  /** The parallel node and leaf arrays of a TreeEnsembleRegressor (ai.onnx.ml opset 3). */
  private static final class EnsembleAttributes {
    private final List<Long> treeIds = new ArrayList<>();
    private final List<Long> nodeIds = new ArrayList<>();
    private final List<Long> featureIds = new ArrayList<>();
    private final List<String> modes = new ArrayList<>();
    private final List<Float> thresholds = new ArrayList<>();
    private final List<Long> trueIds = new ArrayList<>();
    private final List<Long> falseIds = new ArrayList<>();
    private final List<Long> missingTracksTrue = new ArrayList<>();
    private final List<Long> leafTreeIds = new ArrayList<>();
    private final List<Long> leafNodeIds = new ArrayList<>();
    private final List<Long> leafTargets = new ArrayList<>();
    private final List<Float> leafWeights = new ArrayList<>();

    /** A split: x[feature] &lt; threshold (or missing, if missingLeft) goes to {@code left}. */
    void branch(
        long tree,
        int node,
        boolean missingLeft,
        int feature,
        float threshold,
        int left,
        int right) {
      add(tree, node, missingLeft, feature, "BRANCH_LT", threshold, left, right);
    }

    void leaf(long tree, int node, boolean missingLeft, int target, float weight) {
      add(tree, node, missingLeft, 0, "LEAF", 0f, 0, 0);
      leafTreeIds.add(tree);
      leafNodeIds.add((long) node);
      leafTargets.add((long) target);
      leafWeights.add(weight);
    }

    private void add(
        long tree,
        int node,
        boolean missingLeft,
        int feature,
        String mode,
        float threshold,
        int trueId,
        int falseId) {
      treeIds.add(tree);
      nodeIds.add((long) node);
      featureIds.add((long) feature);
      modes.add(mode);
      thresholds.add(threshold);
      trueIds.add((long) trueId);
      falseIds.add((long) falseId);
      missingTracksTrue.add(missingLeft ? 1L : 0L);
    }

    NodeProto toNode(String input, String output, int targets) {
      return node("TreeEnsembleRegressor", "trees", List.of(input), List.of(output))
          .setDomain(ML_DOMAIN)
          .addAttribute(intAttribute("n_targets", targets))
          .addAttribute(stringAttribute("aggregate_function", "SUM"))
          .addAttribute(stringAttribute("post_transform", "NONE"))
          .addAttribute(intsAttribute("nodes_treeids", treeIds))
          .addAttribute(intsAttribute("nodes_nodeids", nodeIds))
          .addAttribute(intsAttribute("nodes_featureids", featureIds))
          .addAttribute(stringsAttribute("nodes_modes", modes))
          .addAttribute(floatsAttribute("nodes_values", thresholds))
          .addAttribute(intsAttribute("nodes_truenodeids", trueIds))
          .addAttribute(intsAttribute("nodes_falsenodeids", falseIds))
          .addAttribute(intsAttribute("nodes_missing_value_tracks_true", missingTracksTrue))
          .addAttribute(intsAttribute("target_treeids", leafTreeIds))
          .addAttribute(intsAttribute("target_nodeids", leafNodeIds))
          .addAttribute(intsAttribute("target_ids", leafTargets))
          .addAttribute(floatsAttribute("target_weights", leafWeights))
          .build();
    }
  }

  private static NodeProto.Builder node(
      String opType, String name, List<String> inputs, List<String> outputs) {
    return NodeProto.newBuilder()
        .setOpType(opType)
        .setName(name)
        .addAllInput(inputs)
        .addAllOutput(outputs);
  }

  /** A float32 [N, width] value with a symbolic batch dimension. */
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

  private static TensorProto int64Tensor(String name, long... values) {
    TensorProto.Builder tensor =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.INT64.getNumber())
            .addDims(values.length);
    for (long v : values) {
      tensor.addInt64Data(v);
    }
    return tensor.build();
  }

  private static TensorProto floatVector(String name, float[] values) {
    TensorProto.Builder tensor =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.FLOAT.getNumber())
            .addDims(values.length);
    for (float v : values) {
      tensor.addFloatData(v);
    }
    return tensor.build();
  }

  private static boolean finite(float[] values) {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(float[] values) {
    for (float v : values) {
      if (v != 0f) {
        return false;
      }
    }
    return true;
  }

  private static TensorProto floatScalar(String name, float value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.FLOAT.getNumber())
        .addFloatData(value)
        .build();
  }

  private static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  private static AttributeProto stringAttribute(String name, String value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value))
        .build();
  }

  private static AttributeProto intsAttribute(String name, List<Long> values) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INTS)
        .addAllInts(values)
        .build();
  }

  private static AttributeProto floatsAttribute(String name, List<Float> values) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.FLOATS)
        .addAllFloats(values)
        .build();
  }

  private static AttributeProto stringsAttribute(String name, List<String> values) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.STRINGS)
        .addAllStrings(values.stream().map(ByteString::copyFromUtf8).toList())
        .build();
  }
}
