package org.asperity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {

  @Test
  void propertiesRoundTrip() throws Exception {
    ModelMetadata metadata = TestModels.metadata(3);
    assertEquals(metadata, ModelMetadata.fromProperties(metadata.toProperties()));
  }

  @Test
  void writesEveryRequiredKeyInContractOrder() {
    Map<String, String> props = TestModels.metadata(3).toProperties();
    assertEquals(ModelContract.REQUIRED_KEYS, List.copyOf(props.keySet()));
    assertEquals(
        "ttf_p10_days,ttf_p50_days,ttf_p90_days,moment_magnitude",
        props.get(ModelContract.KEY_OUTPUTS));
    assertEquals(
        "[\"station_0_east_velocity\",\"station_1_east_velocity\",\"station_2_east_velocity\"]",
        props.get(ModelContract.KEY_FEATURE_NAMES));
  }

  @Test
  void numbersAreWrittenInPlainShortestForm() {
    Map<String, String> props = TestModels.metadata(3).toProperties();
    assertEquals("7", props.get(ModelContract.KEY_MAGNITUDE_THRESHOLD));
    assertEquals("86400", props.get(ModelContract.KEY_SAMPLING_INTERVAL_SECONDS));
    assertEquals("3600", props.get(ModelContract.KEY_TICK_INTERVAL_SECONDS));
    assertEquals("42", props.get(ModelContract.KEY_TRAINING_SEED));
  }

  @Test
  void rejectsWhatTheJobWouldReject() {
    ModelMetadata ok = TestModels.metadata(2);
    IllegalArgumentException duplicate =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ModelMetadata(
                    ok.modelName(),
                    ok.modelVersion(),
                    List.of("a", "a"),
                    ok.featureHash(),
                    ok.featureConfigJson(),
                    ok.regionLayoutJson(),
                    ok.layoutHash(),
                    ok.magnitudeThreshold(),
                    ok.samplingIntervalSeconds(),
                    ok.tickIntervalSeconds(),
                    ok.trainingSeed(),
                    ok.trainingDataHash(),
                    ok.metricsJson(),
                    ok.createdBy()));
    assertTrue(duplicate.getMessage().contains("'a' twice"), duplicate.getMessage());

    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ModelMetadata(
                ok.modelName(),
                ok.modelVersion(),
                ok.featureNames(),
                ok.featureHash(),
                ok.featureConfigJson(),
                ok.regionLayoutJson(),
                ok.layoutHash(),
                Double.NaN,
                ok.samplingIntervalSeconds(),
                ok.tickIntervalSeconds(),
                ok.trainingSeed(),
                ok.trainingDataHash(),
                ok.metricsJson(),
                ok.createdBy()));

    IllegalArgumentException metricsNotObject =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ModelMetadata(
                    ok.modelName(),
                    ok.modelVersion(),
                    ok.featureNames(),
                    ok.featureHash(),
                    ok.featureConfigJson(),
                    ok.regionLayoutJson(),
                    ok.layoutHash(),
                    ok.magnitudeThreshold(),
                    ok.samplingIntervalSeconds(),
                    ok.tickIntervalSeconds(),
                    ok.trainingSeed(),
                    ok.trainingDataHash(),
                    "[1,2]",
                    ok.createdBy()));
    assertTrue(
        metricsNotObject.getMessage().contains(ModelContract.KEY_METRICS),
        metricsNotObject.getMessage());

    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ModelMetadata(
                ok.modelName(),
                ok.modelVersion(),
                ok.featureNames(),
                ok.featureHash(),
                "{} trailing",
                ok.regionLayoutJson(),
                ok.layoutHash(),
                ok.magnitudeThreshold(),
                ok.samplingIntervalSeconds(),
                ok.tickIntervalSeconds(),
                ok.trainingSeed(),
                ok.trainingDataHash(),
                ok.metricsJson(),
                ok.createdBy()));
  }
}
