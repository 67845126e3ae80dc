package org.asperity.trainer.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Hand-written XGBoost models in XGBoost 3's JSON layout (only the fields the exporter reads), over
 * features a, b, c.
 */
public final class XgboostJson {

  public static final List<String> NAMES = List.of("a", "b", "c");

  private XgboostJson() {}

  public static byte[] quantileModel(String baseScore, List<String> trees) {
    return xgboost("reg:quantileerror", "[1E-1,5E-1,9E-1]", baseScore, 3, trees, NAMES);
  }

  public static byte[] regression(String baseScore, List<String> trees) {
    return xgboost("reg:squarederror", null, baseScore, 1, trees, NAMES);
  }

  /** A single-leaf tree of weight {@code w} feeding output {@code target}. */
  public static String leaf(float w, int target) {
    return tree(target, "[-1]", "[-1]", "[0]", "[" + w + "]", "[0]", "[0]");
  }

  /** Root split on {@code feature} at {@code threshold}; leaves {@code left}, {@code right}. */
  public static String split(
      int feature, float threshold, boolean defaultLeft, float left, float right, int target) {
    return tree(
        target,
        "[1,-1,-1]",
        "[2,-1,-1]",
        "[" + feature + ",0,0]",
        "[" + threshold + "," + left + "," + right + "]",
        "[" + (defaultLeft ? 1 : 0) + ",0,0]",
        "[0,0,0]");
  }

  private static String tree(
      int target,
      String left,
      String right,
      String splitIndices,
      String conditions,
      String defaultLeft,
      String splitType) {
    return "{\"target\":"
        + target
        + ",\"left_children\":"
        + left
        + ",\"right_children\":"
        + right
        + ",\"split_indices\":"
        + splitIndices
        + ",\"split_conditions\":"
        + conditions
        + ",\"default_left\":"
        + defaultLeft
        + ",\"split_type\":"
        + splitType
        + ",\"tree_param\":{\"size_leaf_vector\":\"1\"}}";
  }

  /** A model in XGBoost 3's JSON layout (only the fields the exporter reads). */
  public static byte[] xgboost(
      String objective,
      String alphas,
      String baseScore,
      int targets,
      List<String> trees,
      List<String> featureNames) {
    List<Integer> treeInfo = new ArrayList<>();
    for (String tree : trees) {
      treeInfo.add(Integer.parseInt(tree.substring("{\"target\":".length(), tree.indexOf(','))));
    }
    String objectiveJson =
        "{\"name\":\""
            + objective
            + "\""
            + (alphas == null
                ? ""
                : ",\"quantile_loss_param\":{\"quantile_alpha\":\"" + alphas + "\"}")
            + "}";
    String json =
        "{\"learner\":{\"feature_names\":["
            + featureNames.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","))
            + "],\"gradient_booster\":{\"name\":\"gbtree\",\"model\":{\"tree_info\":"
            + treeInfo
            + ",\"trees\":["
            + String.join(",", trees)
            + "]}},"
            + "\"learner_model_param\":{\"base_score\":\""
            + baseScore
            + "\",\"num_feature\":\""
            + featureNames.size()
            + "\",\"num_target\":\""
            + targets
            + "\"},\"objective\":"
            + objectiveJson
            + "},\"version\":[3,4,0]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
