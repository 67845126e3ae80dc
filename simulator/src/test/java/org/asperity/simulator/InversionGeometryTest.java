package org.asperity.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The inversion's megathrust is not the simulator's, but close to it. */
class InversionGeometryTest {

  @Test
  void responsesDifferByAFewToTensOfPercentOnTheSameStations() throws IOException {
    StaticModel truth =
        new Simulation(SimulationConfig.builder().preset(Preset.VARIABLE).build()).model();
    StaticModel assumed = truth.assumedByInversion(InversionGeometry.DEFAULT);
    assertEquals(truth.stations(), assumed.stations());
    assertTrue(assumed.mesh().size() < truth.mesh().size(), "a coarser mesh");
    assertEquals(17.0, assumed.fault().dipDegrees(), 1e-12);
    assertEquals(8.0, assumed.fault().topDepthKm(), 1e-12);
    for (int a = 0; a < truth.asperities().size(); a++) {
      double[] t = truth.asperityResponse(a);
      double[] m = assumed.asperityResponse(a);
      double difference = 0.0;
      double norm = 0.0;
      for (int r = 0; r < t.length; r++) {
        difference += (t[r] - m[r]) * (t[r] - m[r]);
        norm += t[r] * t[r];
      }
      double relative = Math.sqrt(difference / norm);
      assertTrue(relative > 0.02 && relative < 0.6, "asperity " + a + ": " + relative);
    }
    StaticModel exact = truth.assumedByInversion(InversionGeometry.exact(truth.definition()));
    for (int a = 0; a < truth.asperities().size(); a++) {
      double[] t = truth.asperityResponse(a);
      double[] m = exact.asperityResponse(a);
      for (int r = 0; r < t.length; r++) {
        assertEquals(t[r], m[r], 1e-12 * Math.max(1.0, Math.abs(t[r])));
      }
    }
  }
}
