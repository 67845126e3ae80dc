package org.asperity.trainer.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Small XGBoost models written out in XGBoost 3's JSON layout (only the fields the exporter reads),
 * over features a, b, c. XGBoost keeps scalars of {@code learner_model_param} and {@code
 * quantile_alpha} as strings holding numbers or arrays, so those are passed as such.
 */
public final class XgboostJson {

  public static final List<String> NAMES = List.of("a", "b", "c");
  private static final ObjectMapper JSON = new ObjectMapper();

  private XgboostJson() {}

  public static byte[] quantileModel(String baseScore, List<ObjectNode> trees) {
    return xgboost("reg:quantileerror", "[1E-1,5E-1,9E-1]", baseScore, 3, trees, NAMES);
  }

  public static byte[] regression(String baseScore, List<ObjectNode> trees) {
    return xgboost("reg:squarederror", null, baseScore, 1, trees, NAMES);
  }

  /** A single-leaf tree of weight {@code w} feeding output {@code target}. */
  public static ObjectNode leaf(float w, int target) {
    ObjectNode tree = tree(target);
    tree.putArray("left_children").add(-1);
    tree.putArray("right_children").add(-1);
    tree.putArray("split_indices").add(0);
    tree.putArray("split_conditions").add(w);
    tree.putArray("default_left").add(0);
    tree.putArray("split_type").add(0);
    return withParam(tree);
  }

  /** Root split on {@code feature} at {@code threshold}; leaves {@code left}, {@code right}. */
  public static ObjectNode split(
      int feature, float threshold, boolean defaultLeft, float left, float right, int target) {
    ObjectNode tree = tree(target);
    tree.putArray("left_children").add(1).add(-1).add(-1);
    tree.putArray("right_children").add(2).add(-1).add(-1);
    tree.putArray("split_indices").add(feature).add(0).add(0);
    tree.putArray("split_conditions").add(threshold).add(left).add(right);
    tree.putArray("default_left").add(defaultLeft ? 1 : 0).add(0).add(0);
    tree.putArray("split_type").add(0).add(0).add(0);
    return withParam(tree);
  }

  private static ObjectNode tree(int target) {
    return JSON.createObjectNode().put("target", target);
  }

  private static ObjectNode withParam(ObjectNode tree) {
    tree.putObject("tree_param").put("size_leaf_vector", "1");
    return tree;
  }

  /** A model in XGBoost 3's JSON layout (only the fields the exporter reads). */
  public static byte[] xgboost(
      String objective,
      String alphas,
      String baseScore,
      int targets,
      List<ObjectNode> trees,
      List<String> featureNames) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode learner = root.putObject("learner");
    ArrayNode names = learner.putArray("feature_names");
    featureNames.forEach(names::add);
    ObjectNode booster = learner.putObject("gradient_booster").put("name", "gbtree");
    ObjectNode model = booster.putObject("model");
    ArrayNode treeInfo = model.putArray("tree_info");
    trees.forEach(tree -> treeInfo.add(tree.get("target").intValue()));
    model.putArray("trees").addAll(trees);
    learner
        .putObject("learner_model_param")
        .put("base_score", baseScore)
        .put("num_feature", Integer.toString(featureNames.size()))
        .put("num_target", Integer.toString(targets));
    ObjectNode objectiveNode = learner.putObject("objective").put("name", objective);
    if (alphas != null) {
      objectiveNode.putObject("quantile_loss_param").put("quantile_alpha", alphas);
    }
    root.putArray("version").add(3).add(4).add(0);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of nodes always serializes", e);
    }
  }
}
