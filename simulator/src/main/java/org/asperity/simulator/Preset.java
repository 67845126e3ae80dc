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
 * dipping 15 degrees east under the continent from 5 km depth, 500 km along strike and 150 km down
 * dip (to about 44 km depth), 66 mm/yr convergence (Nazca-South America), 5 km patches, the coast
 * 100 km landward of the trench with 25 coastal and 75 inland stations.
 */
public enum Preset {
  /**
   * Three asperities: two large ones (75 x 40 km and 65 x 35 km semi-axes, loading periods of about
   * 67 and 59 years) separated by a 37.5 km barrier that holds a small, 40 % coupled asperity (7.5
   * km) which fails on its own (Mw 6.4) and relays ruptures between the large ones. Over 200 cycles
   * (about 6000 years, mean recurrence 30 years, large events every 45): about half of the large
   * events break one large asperity (with the relay: Mw 7.9 or 8.05), the others both (Mw 8.2, a
   * third of all events); region recurrence CoV 0.45-0.52, large-event CoV 0.37-0.39, site CoV of
   * the large asperities 0.12 (0.03 without interaction). The same with the strength noise off: the
   * irregularity is the interaction's.
   */
  NATURE,
  /**
   * Two asperities of equal size (60 x 40 km semi-axes, 40 km barrier), as in the analog
   * experiments of Corbi et al. (2019) and Rosenau et al. (2019): solo ruptures (Mw ~8.0) and
   * double ruptures (Mw ~8.2). The second is 90 % coupled, which detunes the pair by 10 % in period
   * as any two real asperities are: two identical oscillators would stay in step forever once a
   * double rupture has synchronised them. Over 200 cycles: about 80 % solo ruptures, 20 % doubles,
   * recurrence CoV 0.44, with or without noise.
   */
  LAB;

  static final GeodeticPoint ORIGIN = new GeodeticPoint(-36.0, -74.2);
  static final FaultPlane FAULT = new FaultPlane(0.0, -250.0, 0.0, 15.0, 5.0, 500.0, 150.0);
  static final CycleParameters CYCLE =
      new CycleParameters(3.0e10, 0.25, 0.066, 10.0, 0.03, 1.0, 2.75, 10.0, 0.25, 0.9, 0.3, 1.0);

  public ModelDefinition definition() {
    List<AsperitySpec> asperities =
        switch (this) {
          case NATURE ->
              List.of(
                  new AsperitySpec("A1", 167.5, 60.0, 75.0, 40.0, 1.0, 3.0),
                  new AsperitySpec("A2", 262.5, 62.5, 7.5, 6.75, 0.40, 3.0),
                  new AsperitySpec("A3", 345.0, 60.0, 65.0, 35.0, 1.0, 3.0));
          case LAB ->
              List.of(
                  new AsperitySpec("A1", 170.0, 60.0, 60.0, 40.0, 1.0, 3.0),
                  new AsperitySpec("A2", 330.0, 60.0, 60.0, 40.0, 0.9, 3.0));
        };
    return new ModelDefinition(
        name().toLowerCase(java.util.Locale.ROOT),
        FAULT,
        5.0,
        asperities,
        CYCLE,
        ORIGIN,
        NetworkLayout.standard(100.0));
  }
}
