package org.asperity.app.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;
import org.asperity.model.ModelMetadata;

/**
 * The metadata a trained model carries (feature names and hash of {@code config} on {@code layout}),
 * for an untrained {@link org.asperity.model.synthetic.StumpEnsemble}: benchmarks need feature
 * configurations no trained model has, such as one tick per second; what such a model forecasts is
 * meaningless, what the job does to serve it is not.
 */
public final class StumpModel {
  private static final ObjectMapper JSON = new ObjectMapper();

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
}
