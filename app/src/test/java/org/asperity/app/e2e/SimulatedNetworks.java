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
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.SimulationSummary;
import org.asperity.simulator.gnss.NoiseConfig;
import org.asperity.simulator.gnss.Station;
import org.asperity.simulator.io.KafkaStreamWriter;
import org.asperity.simulator.physics.Asperity;

/**
 * Simulated regions for the end-to-end tests: the {@link RegionLayout} the trainer derives from the
 * simulator's static model (a provisional copy of its rule until the trainer's lands on main), and a
 * run that writes the streams to Kafka while computing, from the same arrays, the offline features
 * the trainer would compute.
 */
public final class SimulatedNetworks {
  private SimulatedNetworks() {}

  /**
   * Stations in the simulator's order weighted by the nominal white-noise sigmas, asperity areas as
   * potency per metre of slip (km²), the response basis as deficit basis and its negative (for the
   * asperities) as coseismic basis.
   */
  static RegionLayout layout(StaticModel model, NoiseConfig noise) {
    List<RegionLayout.Station> stations = new ArrayList<>();
    for (Station s : model.stations()) {
      stations.add(new RegionLayout.Station(s.code(), s.eastKm(), s.northKm(), s.coastal(), s.distanceFromTrenchKm(),
          noise.whiteHorizontalMeters(), noise.whiteHorizontalMeters(), noise.whiteVerticalMeters()));
    }
    List<RegionLayout.Asperity> asperities = new ArrayList<>();
    for (Asperity a : model.asperities()) {
      asperities.add(new RegionLayout.Asperity(a.name(), a.potencySquareMeters() / 1e6));
    }
    int n = asperities.size();
    int rows = 3 * stations.size();
    double[] basis = model.responseBasisRowMajor();
    double[][] deficit = new double[rows][n + 1];
    double[][] coseismic = new double[rows][n];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i <= n; i++) {
        deficit[r][i] = basis[r * (n + 1) + i];
      }
      for (int i = 0; i < n; i++) {
        coseismic[r][i] = -basis[r * (n + 1) + i];
      }
    }
    return new RegionLayout("sim", model.trenchNormalAzimuthDegrees(), stations, asperities, deficit, coseismic);
  }

  /** The layout of a simulation with {@code config} (its static model is built without running it). */
  public static RegionLayout layout(SimulationConfig config) throws IOException {
    return layout(new Simulation(config).model(), config.noise());
  }

  /** Runs the simulation into Kafka (all its topics); returns the offline feature vectors per region. */
  static Map<String, List<FeatureVector>> writeToKafka(SimulationConfig config, KafkaClientSettings kafka,
      TopicNames topics, FeatureConfig features) throws IOException {
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
      pipelines.get(region).accept(epochMicros, o.eastMeters(), o.northMeters(), o.upMeters(), o.sigmaEastMeters(),
          o.sigmaNorthMeters(), o.sigmaUpMeters(), o.present()).ifPresent(vectors.get(regionIds.get(region))::add);
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
