package org.asperity.model;

import java.util.List;

/**
 * The names the trainer writes and the job reads: the only coupling between them besides {@code
 * features/}. An artifact is one ONNX file whose single input {@value #INPUT_NAME} is float32 [N,
 * F] (F = number of feature names, row-major, NaN = missing) and whose single output {@value
 * #OUTPUT_NAME} is float32 [N, 4] in final units, columns in the order of {@link #OUTPUTS};
 * quantiles are ascending and TTF is never negative (the graph does it).
 */
public final class ModelContract {

  public static final String INPUT_NAME = "features";
  public static final String OUTPUT_NAME = "forecast";

  /** Output columns, in order. */
  public static final List<String> OUTPUTS =
      List.of("ttf_p10_days", "ttf_p50_days", "ttf_p90_days", "moment_magnitude");

  public static final int OUTPUT_WIDTH = OUTPUTS.size();
  public static final int TTF_P10 = 0;
  public static final int TTF_P50 = 1;
  public static final int TTF_P90 = 2;
  public static final int MOMENT_MAGNITUDE = 3;

  public static final String DEFAULT_MODEL_NAME = "ttf-gbrt";

  private static final String PREFIX = "asperity.";
  public static final String KEY_MODEL_NAME = PREFIX + "model_name";
  public static final String KEY_MODEL_VERSION = PREFIX + "model_version";
  public static final String KEY_OUTPUTS = PREFIX + "outputs";
  public static final String KEY_FEATURE_NAMES = PREFIX + "feature_names";
  public static final String KEY_FEATURE_HASH = PREFIX + "feature_hash";
  public static final String KEY_FEATURE_CONFIG = PREFIX + "feature_config";
  public static final String KEY_REGION_LAYOUT = PREFIX + "region_layout";
  public static final String KEY_LAYOUT_HASH = PREFIX + "layout_hash";
  public static final String KEY_MAGNITUDE_THRESHOLD = PREFIX + "magnitude_threshold";
  public static final String KEY_SAMPLING_INTERVAL_SECONDS = PREFIX + "sampling_interval_seconds";
  public static final String KEY_TICK_INTERVAL_SECONDS = PREFIX + "tick_interval_seconds";
  public static final String KEY_TRAINING_SEED = PREFIX + "training_seed";
  public static final String KEY_TRAINING_DATA_HASH = PREFIX + "training_data_hash";
  public static final String KEY_METRICS = PREFIX + "metrics";
  public static final String KEY_CREATED_BY = PREFIX + "created_by";

  /** Every key an artifact must carry (non-empty). */
  public static final List<String> REQUIRED_KEYS =
      List.of(
          KEY_MODEL_NAME,
          KEY_MODEL_VERSION,
          KEY_OUTPUTS,
          KEY_FEATURE_NAMES,
          KEY_FEATURE_HASH,
          KEY_FEATURE_CONFIG,
          KEY_REGION_LAYOUT,
          KEY_LAYOUT_HASH,
          KEY_MAGNITUDE_THRESHOLD,
          KEY_SAMPLING_INTERVAL_SECONDS,
          KEY_TICK_INTERVAL_SECONDS,
          KEY_TRAINING_SEED,
          KEY_TRAINING_DATA_HASH,
          KEY_METRICS,
          KEY_CREATED_BY);

  private ModelContract() {}
}
