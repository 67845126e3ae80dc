package org.asperity.app.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionLayout;
import org.asperity.job.LocalJob;
import org.asperity.job.features.RegionFeatures;
import org.asperity.job.testing.CollectingSink;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.TtfForecast;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SeismicCatalog;
import org.asperity.simulator.SimulationConfig;
import org.asperity.synthetic.StumpEnsemble;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Parity: a simulated stream (the nature preset, 100 stations, the default feature configuration
 * with its 30 / 365 / 3650-day windows; 11 years, so that an Mw 8.1 rupture comes after the windows
 * are full) through Kafka and the job on a MiniCluster gives the features the trainer's offline
 * pipeline computes from the simulator's own arrays, bit for bit, and forecasts equal to scoring
 * those offline vectors (ONNX Runtime, one batch) within 1e-6.
 */
class SimulatedParityIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final TopicNames TOPICS = TopicNames.defaults();

  @Test
  void featuresAreBitIdenticalAndForecastsEqualTheOfflinePredictions(EmbeddedKafkaBroker broker)
      throws Exception {
    TestKafka kafka = new TestKafka(broker);
    try (TopicAdmin admin = TopicAdmin.connect(kafka.settings())) {
      admin.ensureTopics(TOPICS.all(), Duration.ofSeconds(30));
    }
    SimulationConfig simulation =
        SimulationConfig.builder()
            .preset(Preset.NATURE)
            .seed(24)
            .regions(1)
            .durationYears(11.0)
            .spinUpYears(500)
            .build();
    FeatureConfig config = FeatureConfig.defaults();
    // seed 24 breaks both large asperities (Mw 8.1) 10.7 years in: after the 3650-day window fills
    double fullWindowsYears = config.longWindowSamples() / TimeUnits.DAYS_PER_YEAR;
    assertTrue(
        SeismicCatalog.generate(simulation).earthquakes().stream()
            .anyMatch(e -> e.momentMagnitude() >= 7.0 && e.onsetYears() > fullWindowsYears),
        "a great earthquake passes through the job with full windows");
    Map<String, List<FeatureVector>> offline =
        SimulatedNetworks.writeToKafka(simulation, kafka.settings(), TOPICS, config);
    RegionLayout layout = SimulatedNetworks.layout(simulation);
    byte[] model = model(layout, config);

    CollectingSink<RegionFeatures> features = new CollectingSink<>();
    try (LocalJob job =
        LocalJob.start(
            JobRuns.boundedReplay(kafka).build(),
            TestModels.jobModel(model),
            streams -> streams.features().sinkTo(features),
            new Configuration())) {
      job.awaitCompletion(Duration.ofMinutes(5));
    }

    Map<String, TreeMap<Long, RegionFeatures>> online = new TreeMap<>();
    for (RegionFeatures f : features.collected()) {
      online.computeIfAbsent(f.region(), k -> new TreeMap<>()).put(f.tickMicros(), f);
    }
    features.clear();
    Map<String, TreeMap<Long, TtfForecast>> forecasts =
        JobRuns.forecasts(kafka, TOPICS.forecasts());
    assertEquals(offline.keySet(), online.keySet());
    for (String region : offline.keySet()) {
      List<FeatureVector> vectors = offline.get(region);
      assertTrue(vectors.size() > 4000, "a forecast per simulated day");
      assertEquals(
          vectors.stream().map(FeatureVector::tickMicros).toList(),
          new ArrayList<>(online.get(region).keySet()));
      float[] scores = JobRuns.score(model, vectors);
      for (int i = 0; i < vectors.size(); i++) {
        FeatureVector want = vectors.get(i);
        RegionFeatures got = online.get(region).get(want.tickMicros());
        assertArrayEquals(want.values(), got.values(), region + " tick " + i);
        assertEquals(want.missingStations(), got.missingStations());
        TtfForecast f = forecasts.get(region).get(want.tickMicros());
        assertEquals(scores[4 * i], f.getTtfP10Days(), 1e-6 * Math.max(1, Math.abs(scores[4 * i])));
        assertEquals(
            scores[4 * i + 1], f.getTtfP50Days(), 1e-6 * Math.max(1, Math.abs(scores[4 * i + 1])));
        assertEquals(
            scores[4 * i + 2], f.getTtfP90Days(), 1e-6 * Math.max(1, Math.abs(scores[4 * i + 2])));
        assertEquals(
            scores[4 * i + 3],
            f.getMomentMagnitude(),
            1e-6 * Math.max(1, Math.abs(scores[4 * i + 3])));
        assertEquals(want.stationsUsed(), f.getStationsUsed());
      }
    }
  }

  /**
   * A provisional model on the simulated layout: stumps on a rate, the deficit estimate and data
   * quality.
   */
  private static byte[] model(RegionLayout layout, FeatureConfig config) {
    FeatureSchema schema = FeatureSchema.of(config, layout);
    List<StumpEnsemble.Stump> stumps =
        List.of(
            new StumpEnsemble.Stump(
                schema.indexOf("coast.w30.rateTrenchNormal.median.mmPerYr"),
                0f,
                true,
                new float[] {100f, 300f, 900f, 0.2f},
                new float[] {0f, 0f, 0f, 0f}),
            new StumpEnsemble.Stump(
                schema.indexOf("matrix.deficitRate.t365.mPerYr"),
                0.01f,
                false,
                new float[] {50f, 60f, 70f, 0f},
                new float[] {0f, 10f, 20f, 0.1f}),
            new StumpEnsemble.Stump(
                schema.indexOf("quality.stationsUsed.count"),
                95f,
                true,
                new float[] {0f, 0f, 0f, 0f},
                new float[] {10f, 20f, 30f, 0.05f}));
    return TestModels.onnx(
        layout, config, "provisional-1", new float[] {200f, 800f, 2400f, 7.4f}, stumps);
  }
}
