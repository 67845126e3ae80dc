package org.asperity.trainer.gbrt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient-boosted tree settings. Training is deterministic for a fixed {@code seed} and {@code
 * nthread} (histogram method).
 *
 * @param maxDepth maximum tree depth
 * @param eta learning rate (shrinkage of each tree's leaf weights)
 * @param nEstimators maximum number of boosting rounds
 * @param subsample fraction of rows sampled (with the seed) for each tree, in (0, 1]
 * @param colsampleBytree fraction of the feature columns sampled (with the seed) for each tree, in
 *     (0, 1]: less than 1 keeps the trees from leaning on a few columns
 * @param minChildWeight minimum sum of row hessians in a leaf (rows, for squared error and quantile
 *     losses): rows of one cycle are strongly correlated, so a large value keeps leaves from
 *     isolating a stretch of one cycle
 * @param seed random seed of the row sampling
 * @param nthread threads XGBoost uses
 * @param earlyStoppingRounds stop when the validation metric has not improved for this many rounds
 *     and keep the best round count; 0 trains all {@code nEstimators} rounds
 */
public record GbrtParams(
    int maxDepth,
    double eta,
    int nEstimators,
    double subsample,
    double colsampleBytree,
    double minChildWeight,
    long seed,
    int nthread,
    int earlyStoppingRounds) {

  /** Settings that use every column for every tree, with XGBoost's smallest leaves (weight 1). */
  public GbrtParams(
      int maxDepth,
      double eta,
      int nEstimators,
      double subsample,
      long seed,
      int nthread,
      int earlyStoppingRounds) {
    this(maxDepth, eta, nEstimators, subsample, 1.0, 1.0, seed, nthread, earlyStoppingRounds);
  }

  public GbrtParams {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1, not " + maxDepth);
    }
    if (!(eta > 0 && eta <= 1)) {
      throw new IllegalArgumentException("eta must be in (0, 1], not " + eta);
    }
    if (nEstimators < 1) {
      throw new IllegalArgumentException("nEstimators must be at least 1, not " + nEstimators);
    }
    if (!(subsample > 0 && subsample <= 1)) {
      throw new IllegalArgumentException("subsample must be in (0, 1], not " + subsample);
    }
    if (!(colsampleBytree > 0 && colsampleBytree <= 1)) {
      throw new IllegalArgumentException(
          "colsampleBytree must be in (0, 1], not " + colsampleBytree);
    }
    if (!(minChildWeight >= 0) || Double.isInfinite(minChildWeight)) {
      throw new IllegalArgumentException(
          "minChildWeight must be finite and >= 0, not " + minChildWeight);
    }
    if (nthread < 1) {
      throw new IllegalArgumentException("nthread must be at least 1, not " + nthread);
    }
    if (earlyStoppingRounds < 0) {
      throw new IllegalArgumentException(
          "earlyStoppingRounds must be >= 0, not " + earlyStoppingRounds);
    }
  }

  /** The XGBoost parameter map for an objective. */
  Map<String, Object> xgboostParameters(Objective objective) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("booster", "gbtree");
    p.put("tree_method", "hist");
    p.put("objective", objective.xgboostName());
    p.putAll(objective.parameters());
    p.put("eval_metric", objective.metric());
    p.put("max_depth", maxDepth);
    p.put("eta", eta);
    p.put("subsample", subsample);
    p.put("colsample_bytree", colsampleBytree);
    p.put("min_child_weight", minChildWeight);
    p.put("seed", seed);
    p.put("nthread", nthread);
    p.put("verbosity", 0);
    // Read by XGBoost4J itself (as the string "false"): no per-round lines on stdout.
    p.put("verbose_eval", "false");
    return p;
  }
}
