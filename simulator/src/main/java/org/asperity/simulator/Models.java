package org.asperity.simulator;

import java.io.IOException;
import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.LocalProjection;
import org.asperity.simulator.gnss.StationNetwork;
import org.asperity.simulator.physics.FaultModel;

/** Builds the static models of a configuration. */
final class Models {
  /** Stations of a CSV file within this distance of the most seaward one are coastal. */
  static final double COASTAL_BAND_KM = 30.0;

  private Models() {}

  static FaultModel faultModel(ModelDefinition definition) {
    FaultMesh mesh =
        definition.fault().meshWithPatchSize(definition.patchSizeKm(), definition.patchSizeKm());
    return new FaultModel(mesh, definition.asperities(), definition.cycle());
  }

  static StaticModel staticModel(SimulationConfig config) throws IOException {
    ModelDefinition definition = config.model();
    LocalProjection projection = new LocalProjection(definition.origin());
    StationNetwork network =
        config.stationsCsv().isPresent()
            ? StationNetwork.fromCsv(
                config.stationsCsv().get(), definition.fault(), projection, COASTAL_BAND_KM)
            : StationNetwork.layout(definition.network(), definition.fault(), projection);
    return new StaticModel(definition, faultModel(definition), network, projection);
  }
}
