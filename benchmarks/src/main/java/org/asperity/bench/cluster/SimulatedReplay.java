package org.asperity.bench.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionFeaturePipeline;
import org.asperity.features.RegionLayout;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.asperity.model.ModelContract;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.EpochObservations;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.Preset;
import org.asperity.simulator.ProgressListener;
import org.asperity.simulator.SeismicCatalog;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.synthetic.StumpEnsemble;
import org.asperity.trainer.data.SimulatedLayouts;

/**
 * The recovery benchmark's input: a simulated record of a few regions written into Kafka (all the
 * simulator's topics), starting months before a large earthquake in every region, and a model that
 * alerts on it. No trained model alerts within a few simulated years (its windows need ten years),
 * so the model is built, not trained: one stump on the coast's 30-day trench-normal rate, split at
 * the median of the offline features of this very record, so that its median time to failure
 * crosses the alert thresholds back and forth and alerts are raised and cancelled all along.
 */
final class SimulatedReplay {
  /**
   * Short windows (10, 30, 90 days): forecasts leave warm-up, and enter the training domain, soon.
   */
  static final FeatureConfig FEATURES =
      FeatureConfig.defaults().toBuilder().windows(10, 30, 90).build();

  private final long observations;
  private final byte[] model;
  private final SimulationConfig config;

  private SimulatedReplay(long observations, byte[] model, SimulationConfig config) {
    this.observations = observations;
    this.model = model;
    this.config = config;
  }

  /** The NATURE preset's record of {@code years} years of {@code regions} regions, seeded. */
  static SimulationConfig simulation(long seed, int regions, double years) {
    return withEarlyEarthquakes(
        SimulationConfig.builder()
            .preset(Preset.NATURE)
            .seed(seed)
            .regions(regions)
            .durationYears(years)
            .spinUpYears(500)
            .build());
  }

  /** Runs {@code config} into {@code topics}; builds the model from its offline features. */
  static SimulatedReplay write(
      SimulationConfig config, KafkaClientSettings kafka, TopicNames topics) throws IOException {
    Simulation simulation = new Simulation(config);
    RegionLayout layout = SimulatedLayouts.of("sim", simulation.model(), config.noise());
    int rate =
        FeatureSchema.of(FEATURES, layout).indexOf("coast.w30.rateTrenchNormal.median.mmPerYr");
    RateValues values = new RateValues(layout, simulation.regionIds().size(), rate);
    long[] observations = new long[1];
    EpochSink counter =
        new EpochSink() {
          @Override
          public void observations(int region, long epochMicros, EpochObservations o) {
            for (boolean present : o.present()) {
              observations[0] += present ? 1 : 0;
            }
          }
        };
    try (org.asperity.simulator.io.KafkaStreamWriter writer =
        new org.asperity.simulator.io.KafkaStreamWriter(kafka, topics)) {
      simulation.run(EpochSink.all(writer, values, counter), ProgressListener.none());
    }
    return new SimulatedReplay(observations[0], alertingModel(layout, values.median()), config);
  }

  long observations() {
    return observations;
  }

  byte[] model() {
    return model;
  }

  SimulationConfig config() {
    return config;
  }

  /**
   * Median TTF 50 days below the median rate (every alert level), 2,050 days and more above it
   * (none): alerts follow the rate's crossings of its median.
   */
  private static byte[] alertingModel(RegionLayout layout, float median) {
    FeatureSchema schema = FeatureSchema.of(FEATURES, layout);
    int rate = schema.indexOf("coast.w30.rateTrenchNormal.median.mmPerYr");
    List<StumpEnsemble.Stump> stumps =
        List.of(
            new StumpEnsemble.Stump(
                rate,
                median,
                false,
                new float[] {0f, 0f, 0f, 0f},
                new float[] {2000f, 4000f, 8000f, 0f}));
    return StumpEnsemble.build(
        JobModel.metadataFor(
            layout,
            FEATURES,
            ModelContract.DEFAULT_MODEL_NAME,
            "bench-recovery-1",
            0L,
            "not-trained",
            "asperity bench recovery (built at start from the replay's own features, not trained)"),
        new float[] {50f, 100f, 300f, 7.5f},
        stumps);
  }

  /**
   * The record starting a few months before an earthquake of magnitude 7.5 or more in every region
   * (one the stations see): the alert policy acts only on forecasts of a stream that has seen an
   * earthquake.
   */
  private static SimulationConfig withEarlyEarthquakes(SimulationConfig base) {
    List<Earthquake> quakes =
        SeismicCatalog.generate(base.toBuilder().durationYears(3000).build()).earthquakes();
    for (Earthquake q : quakes) {
      double start = q.onsetYears() - 0.3;
      boolean everyRegion =
          IntStream.range(0, base.regions())
              .allMatch(
                  r ->
                      quakes.stream()
                          .anyMatch(
                              e ->
                                  e.region() == r
                                      && e.momentMagnitude() >= 7.5
                                      && e.onsetYears() > start + 0.2
                                      && e.onsetYears() < start + 1.5));
      if (start > 0 && everyRegion) {
        return base.toBuilder().spinUpYears(base.spinUpYears() + start).build();
      }
    }
    throw new IllegalStateException("no time with an early earthquake in every region");
  }

  /** The offline features' values of one feature, from one pipeline per region. */
  private static final class RateValues implements EpochSink {
    private final List<RegionFeaturePipeline> pipelines = new ArrayList<>();
    private final int index;
    private final List<Double> values = new ArrayList<>();

    RateValues(RegionLayout layout, int regions, int index) {
      this.index = index;
      for (int r = 0; r < regions; r++) {
        pipelines.add(new RegionFeaturePipeline(layout, FEATURES));
      }
    }

    @Override
    public void observations(int region, long epochMicros, EpochObservations o) {
      pipelines
          .get(region)
          .accept(
              epochMicros,
              o.eastMeters(),
              o.northMeters(),
              o.upMeters(),
              o.sigmaEastMeters(),
              o.sigmaNorthMeters(),
              o.sigmaUpMeters(),
              o.present())
          .ifPresent(v -> values.add(v.value(index)));
    }

    float median() {
      double[] finite =
          values.stream()
              .mapToDouble(Double::doubleValue)
              .filter(Double::isFinite)
              .sorted()
              .toArray();
      if (finite.length == 0) {
        throw new IllegalStateException("the replay is too short for a 30-day rate");
      }
      return (float) finite[finite.length / 2];
    }
  }
}
