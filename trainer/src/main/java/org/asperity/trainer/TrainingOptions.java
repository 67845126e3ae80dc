package org.asperity.trainer;

import java.util.List;
import java.util.Objects;
import org.asperity.trainer.data.DataSpec;
import org.asperity.trainer.gbrt.GbrtParams;
import org.asperity.trainer.onnx.TtfTransform;

/**
 * Everything a training run depends on. Same options, same artifact bytes.
 *
 * @param data the simulated training data
 * @param gbrt tree settings of the model and of the GBRT baselines
 * @param ttfTransform the space the time-to-failure trees are trained in
 * @param calibrateInterval whether the p10–p90 interval is calibrated on the validation cycles
 *     (conformalized quantile regression) before export
 * @param learningCurveCycles training-cycle counts of the learning curve (those above the number of
 *     training cycles are skipped; the full set is always the last point)
 * @param threads simulation runs computed in parallel (XGBoost's threads are {@code
 *     gbrt.nthread()})
 * @param modelName the artifact's model name (and file name)
 * @param createdBy the command that reproduces the artifact, written into it and its card
 */
public record TrainingOptions(
    DataSpec data,
    GbrtParams gbrt,
    TtfTransform ttfTransform,
    boolean calibrateInterval,
    List<Integer> learningCurveCycles,
    int threads,
    String modelName,
    String createdBy) {

  public TrainingOptions {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(gbrt, "gbrt");
    Objects.requireNonNull(ttfTransform, "ttfTransform");
    learningCurveCycles = List.copyOf(learningCurveCycles);
    for (int n : learningCurveCycles) {
      if (n < 1) {
        throw new IllegalArgumentException("learning-curve points need at least 1 cycle, not " + n);
      }
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    if (modelName == null || !modelName.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("model name must be a plain file name, not " + modelName);
    }
    if (createdBy == null || createdBy.isBlank()) {
      throw new IllegalArgumentException("createdBy (the reproducing command) is required");
    }
  }

  /** The learning curve's default cycle counts (Corbi et al. 2019 needed about 10 cycles). */
  public static final List<Integer> DEFAULT_LEARNING_CURVE = List.of(5, 10, 20, 50);
}
