package org.asperity.simulator;

import java.util.List;
import org.asperity.geodesy.FaultPlane;
import org.asperity.geodesy.GeodeticPoint;
import org.asperity.simulator.gnss.NetworkLayout;
import org.asperity.simulator.physics.AsperitySpec;
import org.asperity.simulator.physics.CycleParameters;

/**
 * Everything that defines a region's physics and observing network; all regions of a simulation
 * share it (they differ only in their seed-derived state).
 *
 * @param name short description (preset name or "custom")
 * @param fault the megathrust plane, in the local frame (east, north km)
 * @param patchSizeKm target size of the rectangular patches
 * @param asperities the locked asperities (two to four in the presets)
 * @param cycle physical parameters of the cycle
 * @param origin geodetic position of the local frame's origin
 * @param network default station layout (unused when stations come from a CSV file)
 */
public record ModelDefinition(
    String name,
    FaultPlane fault,
    double patchSizeKm,
    List<AsperitySpec> asperities,
    CycleParameters cycle,
    GeodeticPoint origin,
    NetworkLayout network) {

  public ModelDefinition {
    asperities = List.copyOf(asperities);
    if (asperities.isEmpty() || asperities.size() > 8) {
      throw new IllegalArgumentException(
          "between 1 and 8 asperities expected, got " + asperities.size());
    }
    if (!(patchSizeKm > 0)) {
      throw new IllegalArgumentException("patch size must be positive");
    }
  }

  public ModelDefinition withFault(FaultPlane value) {
    return new ModelDefinition(name, value, patchSizeKm, asperities, cycle, origin, network);
  }

  public ModelDefinition withCycle(CycleParameters value) {
    return new ModelDefinition(name, fault, patchSizeKm, asperities, value, origin, network);
  }

  public ModelDefinition withAsperities(List<AsperitySpec> value) {
    return new ModelDefinition(name, fault, patchSizeKm, value, cycle, origin, network);
  }

  public ModelDefinition withNetwork(NetworkLayout value) {
    return new ModelDefinition(name, fault, patchSizeKm, asperities, cycle, origin, value);
  }

  public ModelDefinition withOrigin(GeodeticPoint value) {
    return new ModelDefinition(name, fault, patchSizeKm, asperities, cycle, value, network);
  }
}
