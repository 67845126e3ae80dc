package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.asperity.simulator.Preset;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.StaticModel;
import org.asperity.web.FaultGeometryView;
import org.asperity.web.SimulatedGeometry;
import org.junit.jupiter.api.Test;

class SimulatorGeometryTest {
  /**
   * The page's tests check the drawn geometry of a simulator model built by their own conversion;
   * the launcher's must build the same.
   */
  @Test
  void theLaunchersViewIsTheOneThePagesTestsCheck() throws Exception {
    StaticModel model =
        new Simulation(
                SimulationConfig.builder()
                    .preset(Preset.NATURE)
                    .spinUpYears(0)
                    .durationYears(1)
                    .build())
            .model();
    assertEquals(FaultGeometryView.of(SimulatedGeometry.of(model)), SimulatorGeometry.view(model));
  }
}
