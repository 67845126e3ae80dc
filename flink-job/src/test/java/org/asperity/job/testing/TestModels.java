package org.asperity.job.testing;

import java.util.List;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;
import org.asperity.job.scoring.JobModel;
import org.asperity.job.scoring.ModelRejection;
import org.asperity.model.ModelContract;
import org.asperity.model.ModelMetadata;
import org.asperity.synthetic.StumpEnsemble;

/**
 * Contract-valid models for a given layout and feature configuration, as the trainer would write
 * them (the metadata the job rebuilds its feature pipeline from) but with a hand-made ensemble of
 * stumps instead of trained trees: enough for the job's tests, which check plumbing and
 * determinism, not forecast skill.
 */
public final class TestModels {
  private TestModels() {}

  /** Metadata of a model for {@code layout} and {@code config}, version {@code version}. */
  public static ModelMetadata metadata(RegionLayout layout, FeatureConfig config, String version) {
    return JobModel.metadataFor(
        layout, config, ModelContract.DEFAULT_MODEL_NAME, version, 42L, "test-data", "job tests");
  }

  /** ONNX bytes: a base forecast plus the stumps. */
  public static byte[] onnx(
      RegionLayout layout,
      FeatureConfig config,
      String version,
      float[] base,
      List<StumpEnsemble.Stump> stumps) {
    return StumpEnsemble.build(metadata(layout, config, version), base, stumps);
  }

  /**
   * A model whose median TTF falls below a year when the coast's short-window trench-normal rate
   * (mean) is below {@code rateThresholdMmPerYr}, and whose magnitude follows the stations used:
   * forecasts (and alerts) that change with the data.
   */
  public static byte[] rateSensitive(
      RegionLayout layout, FeatureConfig config, String version, float rateThresholdMmPerYr) {
    FeatureSchema schema = FeatureSchema.of(config, layout);
    int rate =
        schema.indexOf("coast.w" + config.shortWindowSamples() + ".rateTrenchNormal.mean.mmPerYr");
    int used = schema.indexOf("quality.stationsUsed.count");
    List<StumpEnsemble.Stump> stumps =
        List.of(
            new StumpEnsemble.Stump(
                rate,
                rateThresholdMmPerYr,
                false,
                new float[] {0f, 0f, 0f, 0.5f},
                new float[] {400f, 2000f, 4000f, 0f}),
            new StumpEnsemble.Stump(
                used,
                layout.stationCount() / 2f,
                true,
                new float[] {0f, 0f, 0f, 0f},
                new float[] {0f, 0f, 0f, 0.3f}));
    return onnx(layout, config, version, new float[] {100f, 200f, 600f, 7.0f}, stumps);
  }

  public static JobModel jobModel(byte[] onnx) {
    try {
      return JobModel.of(onnx);
    } catch (ModelRejection e) {
      throw new IllegalStateException(e);
    }
  }
}
