package org.asperity.simulator;

import java.util.List;
import org.asperity.geodesy.FaultPlane;
import org.asperity.geodesy.GeodeticPoint;
import org.asperity.simulator.gnss.NetworkLayout;
import org.asperity.simulator.physics.AsperitySpec;
import org.asperity.simulator.physics.CycleParameters;

/**
 * Ready-made regions.
 *
 * <p>Both use a Chile-like megathrust: trench along north at the local origin (36 S, 74.2 W), plane
 * dipping 15 degrees east under the continent from 5 km depth, 500 km along strike and 150 km down dip
 * (to about 44 km depth), 66 mm/yr convergence (Nazca-South America), 5 km patches, the coast 100 km
 * landward of the trench with 25 coastal and 75 inland stations.
 */
public enum Preset {
  /**
   * Three asperities: two large ones (75 x 40 km and 65 x 35 km semi-axes) separated by a small,
   * partially coupled one (7.5 km) that fails on its own every few decades (Mw ~6.4) and usually
   * relays ruptures between the large ones. Over thousands of years: recurrence CoV ~0.5, 50-65 %
   * full-margin ruptures (Mw ~8.2), the rest partial (Mw 6.4-8.0).
   */
  NATURE,
  /**
   * Two equal asperities (60 x 40 km semi-axes, 50 km barrier), as in the analog experiments of Corbi
   * et al. (2019) and Rosenau et al. (2019): solo ruptures (Mw ~8.0) and synchronised double ruptures
   * (Mw ~8.2). Two identical oscillators have no detuning to keep them apart, so the strength
   * perturbation is 5 % here (3 % in nature) to let them fall in and out of step.
   */
  LAB;

  static final GeodeticPoint ORIGIN = new GeodeticPoint(-36.0, -74.2);
  static final FaultPlane FAULT = new FaultPlane(0.0, -250.0, 0.0, 15.0, 5.0, 500.0, 150.0);
  static final CycleParameters CYCLE = new CycleParameters(3.0e10, 0.25, 0.066, 10.0, 0.03, 1.0, 3.0, 10.0, 0.25,
      0.9, 0.3, 1.0);

  public ModelDefinition definition() {
    List<AsperitySpec> asperities = switch (this) {
      case NATURE -> List.of(
          new AsperitySpec("A1", 167.5, 60.0, 75.0, 40.0, 1.0, 3.0),
          new AsperitySpec("A2", 262.5, 62.5, 7.5, 6.75, 0.40, 3.0),
          new AsperitySpec("A3", 345.0, 60.0, 65.0, 35.0, 1.0, 3.0));
      case LAB -> List.of(
          new AsperitySpec("A1", 165.0, 60.0, 60.0, 40.0, 1.0, 3.0),
          new AsperitySpec("A2", 335.0, 60.0, 60.0, 40.0, 1.0, 3.0));
    };
    CycleParameters cycle = this == LAB ? CYCLE.withStrengthVariability(0.05) : CYCLE;
    return new ModelDefinition(name().toLowerCase(java.util.Locale.ROOT), FAULT, 5.0, asperities, cycle, ORIGIN,
        NetworkLayout.standard(100.0));
  }
}
