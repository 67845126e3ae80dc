package org.asperity.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.asperity.job.alerts.Alert;
import org.asperity.job.alerts.formats.AlertPublication;
import org.asperity.job.alerts.formats.CapAlertFormatter;
import org.asperity.job.alerts.formats.CapArea;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.cap.CapSchema;
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

  /** Every simulated region gets its stations' area, and the CAP message drawing it is valid. */
  @Test
  void eachRegionsCapAreaIsItsStationsHullInAValidCapMessage() throws Exception {
    Simulation simulation =
        new Simulation(
            SimulationConfig.builder()
                .preset(Preset.NATURE)
                .regions(2)
                .spinUpYears(0)
                .durationYears(1)
                .build());
    Map<String, CapArea> areas = SimulatorGeometry.capAreas(simulation);
    assertEquals(simulation.regionIds(), List.copyOf(areas.keySet()));
    String region = simulation.regionIds().get(0);
    CapArea area = areas.get(region);
    assertTrue(area.polygon().size() >= 4, "a polygon, closed");
    for (var s : simulation.model().stations()) {
      CapArea.Point p = new CapArea.Point(s.latitudeDegrees(), s.longitudeDegrees());
      assertTrue(
          CapArea.distanceKm(area.center(), p) <= area.radiusKm(),
          "the circle holds station " + s.code());
    }
    String cap =
        new CapAlertFormatter(AlertPublication.defaults().withAreas(areas))
            .format(
                new Alert(
                    region + "/WATCH/2031-04-02T00:00:00Z",
                    region,
                    AlertLevel.WATCH,
                    AlertLevel.CLEAR,
                    AlertAction.ISSUE,
                    List.of(),
                    1_933_113_600_000_000L,
                    120,
                    290,
                    700,
                    8.1,
                    "v1",
                    "p50 290 d"));
    CapSchema.validate(cap);
    assertTrue(cap.contains("<polygon>" + area.capPolygon() + "</polygon>"));
  }
}
