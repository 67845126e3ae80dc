package org.asperity.app.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionFeaturePipeline;
import org.asperity.features.RegionLayout;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.asperity.simulator.EpochObservations;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.ProgressListener;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.SimulationSummary;
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.gnss.NoiseConfig;
import org.asperity.simulator.io.KafkaStreamWriter;
import org.asperity.trainer.data.SimulatedLayouts;

/**
 * Simulated regions for the end-to-end tests: the {@link RegionLayout} the trainer derives from the
 * simulator's static model ({@link SimulatedLayouts}), and a run that writes the streams to Kafka
 * while computing, from the same arrays, the offline features the trainer would compute.
 */
public final class SimulatedNetworks {
  private SimulatedNetworks() {}

  /** The layout the trainer derives for {@code model}: the one the default model carries. */
  static RegionLayout layout(StaticModel model, NoiseConfig noise) {
    return SimulatedLayouts.of("sim", model, noise);
  }

  /**
   * The layout of a simulation with {@code config} (its static model is built without running it).
   */
  public static RegionLayout layout(SimulationConfig config) throws IOException {
    return layout(new Simulation(config).model(), config.noise());
  }

  /**
   * Runs the simulation into Kafka (all its topics); returns the offline feature vectors per
   * region.
   */
  static Map<String, List<FeatureVector>> writeToKafka(
      SimulationConfig config, KafkaClientSettings kafka, TopicNames topics, FeatureConfig features)
      throws IOException {
    Simulation simulation = new Simulation(config);
    RegionLayout layout = layout(simulation.model(), config.noise());
    OfflineFeatures offline = new OfflineFeatures(layout, features, simulation.regionIds());
    try (KafkaStreamWriter writer = new KafkaStreamWriter(kafka, topics)) {
      simulation.run(EpochSink.all(writer, offline), ProgressListener.none());
    }
    return offline.vectors();
  }

  /** The trainer's offline features: one pipeline per region fed the simulator's arrays. */
  static final class OfflineFeatures implements EpochSink {
    private final List<String> regionIds;
    private final List<RegionFeaturePipeline> pipelines = new ArrayList<>();
    private final Map<String, List<FeatureVector>> vectors = new TreeMap<>();

    OfflineFeatures(RegionLayout layout, FeatureConfig config, List<String> regionIds) {
      this.regionIds = regionIds;
      for (String id : regionIds) {
        pipelines.add(new RegionFeaturePipeline(layout, config));
        vectors.put(id, new ArrayList<>());
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
          .ifPresent(vectors.get(regionIds.get(region))::add);
    }

    @Override
    public void end(SimulationSummary summary) {
      for (int r = 0; r < pipelines.size(); r++) {
        pipelines.get(r).finish().ifPresent(vectors.get(regionIds.get(r))::add);
      }
    }

    Map<String, List<FeatureVector>> vectors() {
      return vectors;
    }
  }
}
