package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.FaultPlane;
import org.asperity.simulator.Preset;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.gnss.Station;
import org.asperity.simulator.physics.Asperity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultGeometryViewTest {
  private static StaticModel model;
  private static FaultGeometryView view;

  @BeforeAll
  static void buildFromTheNaturePreset() throws Exception {
    model =
        new Simulation(
                SimulationConfig.builder()
                    .preset(Preset.NATURE)
                    .spinUpYears(0)
                    .durationYears(1)
                    .build())
            .model();
    view = FaultGeometryView.of(SimulatedGeometry.of(model));
  }

  @Test
  void trenchIsTheFaultsTopEdgeAndOutlineItsFourCorners() {
    FaultPlane fault = model.fault();
    assertPoint(fault.eastAt(0, 0), fault.northAt(0, 0), view.trench().get(0));
    assertPoint(
        fault.eastAt(fault.lengthKm(), 0),
        fault.northAt(fault.lengthKm(), 0),
        view.trench().get(1));
    assertEquals(4, view.faultOutline().size());
    assertPoint(
        fault.eastAt(fault.lengthKm(), fault.widthKm()),
        fault.northAt(fault.lengthKm(), fault.widthKm()),
        view.faultOutline().get(2));
    assertEquals(fault.topDepthKm(), view.topDepthKm(), 1e-12);
    assertEquals(fault.depthAt(fault.widthKm()), view.bottomDepthKm(), 1e-12);
    assertEquals(model.trenchNormalAzimuthDegrees(), view.trenchNormalAzimuthDegrees(), 1e-12);
  }

  @Test
  void everyStationIsThereWithItsPosition() {
    assertEquals(model.stationCount(), view.stations().size());
    for (Station s : model.stations()) {
      FaultGeometryView.StationSite site = view.station(s.code());
      assertEquals(s.eastKm(), site.eastKm(), 1e-12);
      assertEquals(s.northKm(), site.northKm(), 1e-12);
      assertEquals(s.latitudeDegrees(), site.latitudeDegrees(), 1e-12);
      assertEquals(s.coastal(), site.coastal());
    }
  }

  @Test
  void asperityOutlinesEncloseExactlyTheirLockedPatchesInPlan() {
    FaultMesh mesh = model.mesh();
    double planCellKm2 =
        mesh.patchLengthKm() * mesh.patchWidthKm() * Math.cos(model.fault().dipRadians());
    assertEquals(model.asperities().size(), view.asperities().size());
    for (Asperity a : model.asperities()) {
      long locked =
          java.util.Arrays.stream(a.patchIndices())
              .filter(p -> a.pattern(p) >= FaultGeometryView.OUTLINE_COUPLING)
              .count();
      FaultGeometryView.AsperityOutline outline = view.asperities().get(a.index());
      assertEquals(a.name(), outline.name());
      assertEquals(
          locked * planCellKm2,
          Math.abs(signedArea(outline.rings())),
          1e-6 * locked * planCellKm2,
          a.name());
      assertTrue(inside(outline.center(), view.faultOutline()), a.name() + " centre on the fault");
    }
  }

  @Test
  void jsonCarriesEverything() throws Exception {
    JsonNode json = view.toJson();
    assertEquals(model.stationCount(), json.get("stations").size());
    assertEquals(model.asperities().size(), json.get("asperities").size());
    assertEquals(2, json.get("trench").size());
    assertEquals("nature", json.get("modelName").asText());
    assertTrue(json.get("asperities").get(0).get("rings").get(0).size() >= 4);
  }

  private static void assertPoint(double east, double north, FaultGeometryView.PlanPoint p) {
    assertEquals(east, p.eastKm(), 1e-9);
    assertEquals(north, p.northKm(), 1e-9);
  }

  private static double signedArea(List<List<FaultGeometryView.PlanPoint>> rings) {
    double sum = 0;
    for (List<FaultGeometryView.PlanPoint> ring : rings) {
      for (int k = 0; k < ring.size(); k++) {
        FaultGeometryView.PlanPoint a = ring.get(k);
        FaultGeometryView.PlanPoint b = ring.get((k + 1) % ring.size());
        sum += a.eastKm() * b.northKm() - b.eastKm() * a.northKm();
      }
    }
    return sum / 2;
  }

  /** Point in a convex polygon: on the same side of every edge. */
  private static boolean inside(
      FaultGeometryView.PlanPoint p, List<FaultGeometryView.PlanPoint> polygon) {
    int sign = 0;
    for (int k = 0; k < polygon.size(); k++) {
      FaultGeometryView.PlanPoint a = polygon.get(k);
      FaultGeometryView.PlanPoint b = polygon.get((k + 1) % polygon.size());
      double cross =
          (b.eastKm() - a.eastKm()) * (p.northKm() - a.northKm())
              - (b.northKm() - a.northKm()) * (p.eastKm() - a.eastKm());
      int s = (int) Math.signum(cross);
      if (s != 0 && sign != 0 && s != sign) {
        return false;
      }
      sign = s == 0 ? sign : s;
    }
    return true;
  }
}
