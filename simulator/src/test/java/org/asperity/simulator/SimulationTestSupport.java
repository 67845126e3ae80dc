package org.asperity.simulator;

import org.asperity.simulator.gnss.NetworkLayout;

/** Small, fast configurations shared by the tests. */
public final class SimulationTestSupport {
  private SimulationTestSupport() {}

  /** Nature preset with 10 stations (4 coastal, 2 x 3 inland) and a 1000-year spin-up. */
  public static SimulationConfig.Builder small() {
    return SimulationConfig.builder()
        .model(
            Preset.NATURE
                .definition()
                .withNetwork(new NetworkLayout(100.0, 4, 2, 3, 150.0, 60.0, 40.0)))
        .spinUpYears(1000.0);
  }
}
