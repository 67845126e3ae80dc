package org.asperity.trainer.onnx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The trees of an XGBoost model, read from its JSON form ({@code Booster.saveModel(out, "json")},
 * schema of XGBoost 2.x/3.x): per tree {@code left_children}, {@code right_children} (-1 marks a
 * leaf), {@code split_indices}, {@code split_conditions} (the threshold, or for a leaf its weight,
 * already scaled by the learning rate), {@code default_left} (where a missing value goes); {@code
 * tree_info} gives each tree's output; {@code base_score} (a vector since 2.0, one value per
 * output) is added to the sum of leaf weights. XGBoost sends a row left iff {@code x < threshold}.
 *
 * <p>Only what an ONNX tree ensemble reproduces exactly is accepted: gbtree boosters, numerical
 * splits, one weight per leaf, identity-link objectives.
 */
record XgboostModel(
    String objective,
    double[] quantileAlphas,
    int featureCount,
    int targetCount,
    float[] baseScores,
    List<String> featureNames,
    List<Tree> trees) {

  /** Objectives whose prediction is the raw sum (no sigmoid, exp, softmax). */
  static final Set<String> IDENTITY_LINK_OBJECTIVES =
      Set.of("reg:squarederror", "reg:quantileerror", "reg:absoluteerror");

  /** One regression tree in XGBoost's array layout, contributing to output {@code target}. */
  record Tree(
      int target,
      int[] left,
      int[] right,
      int[] splitFeature,
      float[] splitCondition,
      boolean[] defaultLeft) {

    boolean isLeaf(int node) {
      return left[node] == -1;
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  static XgboostModel parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("Not an XGBoost JSON model: " + e.getMessage(), e);
    }
    JsonNode learner = required(root, "learner");
    JsonNode booster = required(learner, "gradient_booster");
    if (!"gbtree".equals(required(booster, "name").asText())) {
      throw new IllegalArgumentException(
          "Only gbtree boosters export to ONNX, not " + booster.path("name").asText());
    }
    JsonNode objectiveNode = required(learner, "objective");
    String objective = required(objectiveNode, "name").asText();
    if (!IDENTITY_LINK_OBJECTIVES.contains(objective)) {
      throw new IllegalArgumentException(
          "Objective " + objective + " is not one of " + IDENTITY_LINK_OBJECTIVES);
    }
    double[] alphas = new double[0];
    if (objective.equals("reg:quantileerror")) {
      float[] parsed =
          floatList(
              required(required(objectiveNode, "quantile_loss_param"), "quantile_alpha").asText());
      alphas = new double[parsed.length];
      for (int i = 0; i < parsed.length; i++) {
        alphas[i] = parsed[i];
      }
    }
    JsonNode modelParam = required(learner, "learner_model_param");
    int featureCount = Integer.parseInt(required(modelParam, "num_feature").asText());
    int targetCount = Math.max(1, Integer.parseInt(modelParam.path("num_target").asText("1")));
    float[] baseScores = floatList(required(modelParam, "base_score").asText());
    if (baseScores.length == 1 && targetCount > 1) {
      float single = baseScores[0];
      baseScores = new float[targetCount];
      Arrays.fill(baseScores, single);
    }
    if (baseScores.length != targetCount) {
      throw new IllegalArgumentException(
          baseScores.length + " base scores for " + targetCount + " outputs");
    }
    List<String> featureNames = new ArrayList<>();
    learner.path("feature_names").forEach(n -> featureNames.add(n.asText()));

    JsonNode model = required(booster, "model");
    JsonNode treeInfo = required(model, "tree_info");
    JsonNode treeNodes = required(model, "trees");
    if (treeInfo.size() != treeNodes.size()) {
      throw new IllegalArgumentException(
          treeInfo.size() + " tree_info entries for " + treeNodes.size() + " trees");
    }
    List<Tree> trees = new ArrayList<>(treeNodes.size());
    for (int t = 0; t < treeNodes.size(); t++) {
      trees.add(tree(t, treeNodes.get(t), treeInfo.get(t).asInt(), featureCount, targetCount));
    }
    return new XgboostModel(
        objective,
        alphas,
        featureCount,
        targetCount,
        baseScores,
        List.copyOf(featureNames),
        List.copyOf(trees));
  }

  private static Tree tree(
      int index, JsonNode node, int target, int featureCount, int targetCount) {
    String where = "tree " + index;
    if (target < 0 || target >= targetCount) {
      throw new IllegalArgumentException(where + " feeds output " + target + " of " + targetCount);
    }
    String leafVector = node.path("tree_param").path("size_leaf_vector").asText("1");
    if (!leafVector.equals("1") && !leafVector.equals("0")) {
      throw new IllegalArgumentException(
          where + " has vector leaves (multi_output_tree); not exportable");
    }
    int[] left = ints(required(node, "left_children"));
    int[] right = ints(required(node, "right_children"));
    int[] splitFeature = ints(required(node, "split_indices"));
    float[] condition = floats(required(node, "split_conditions"));
    int[] defaultLeft = ints(required(node, "default_left"));
    int[] splitType = node.has("split_type") ? ints(node.get("split_type")) : new int[left.length];
    int n = left.length;
    if (n == 0
        || right.length != n
        || splitFeature.length != n
        || condition.length != n
        || defaultLeft.length != n
        || splitType.length != n) {
      throw new IllegalArgumentException(where + " has node arrays of different lengths");
    }
    boolean[] missingLeft = new boolean[n];
    for (int i = 0; i < n; i++) {
      missingLeft[i] = defaultLeft[i] != 0;
      if (left[i] == -1) {
        continue;
      }
      if (splitType[i] != 0) {
        throw new IllegalArgumentException(
            where + " node " + i + " is a categorical split; not exportable");
      }
      if (left[i] <= 0 || left[i] >= n || right[i] <= 0 || right[i] >= n) {
        throw new IllegalArgumentException(where + " node " + i + " has children outside the tree");
      }
      if (splitFeature[i] < 0 || splitFeature[i] >= featureCount) {
        throw new IllegalArgumentException(
            where + " node " + i + " splits on feature " + splitFeature[i] + " of " + featureCount);
      }
    }
    return new Tree(target, left, right, splitFeature, condition, missingLeft);
  }

  private static JsonNode required(JsonNode parent, String field) {
    JsonNode child = parent.get(field);
    if (child == null || child.isNull()) {
      throw new IllegalArgumentException("XGBoost JSON model lacks '" + field + "'");
    }
    return child;
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  /** Parses each number from its decimal text straight to float32, as XGBoost stored it. */
  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Float.parseFloat(array.get(i).asText());
    }
    return out;
  }

  /** "[1.5E0,2E0]" (XGBoost 2+) or "1.5" (older) to floats. */
  private static float[] floatList(String text) {
    String body = text.strip();
    if (body.startsWith("[") && body.endsWith("]")) {
      body = body.substring(1, body.length() - 1);
    }
    String[] parts = body.split(",");
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Float.parseFloat(parts[i].strip());
    }
    return out;
  }
}
