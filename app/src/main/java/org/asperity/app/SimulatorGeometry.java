package org.asperity.app;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.asperity.job.alerts.formats.CapArea;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.gnss.Station;
import org.asperity.simulator.physics.Asperity;
import org.asperity.web.FaultGeometryView;
import org.asperity.web.FaultModelGeometry;

/**
 * The live page's view of the simulator's model: the launcher knows both, the page only geodesy.
 */
final class SimulatorGeometry {
  private SimulatorGeometry() {}

  /** What the page draws of this model: fault, asperities and stations. */
  static FaultGeometryView view(StaticModel model) {
    return FaultGeometryView.of(geometry(model));
  }

  static FaultModelGeometry geometry(StaticModel model) {
    return new FaultModelGeometry(
        model.definition().name(),
        model.trenchNormalAzimuthDegrees(),
        model.mesh(),
        model.projection().origin(),
        model.asperities().stream().map(SimulatorGeometry::pattern).toList(),
        model.stations().stream().map(SimulatorGeometry::site).toList());
  }

  /**
   * The CAP area of each simulated region: they all share the model's station network, whose
   * positions only the simulator knows (the job's model has them in a local frame).
   */
  static Map<String, CapArea> capAreas(Simulation simulation) {
    CapArea area =
        CapArea.ofStations(
            simulation.model().stations().stream()
                .map(s -> new CapArea.Point(s.latitudeDegrees(), s.longitudeDegrees()))
                .toList());
    Map<String, CapArea> areas = new TreeMap<>();
    simulation.regionIds().forEach(region -> areas.put(region, area));
    return areas;
  }

  private static FaultModelGeometry.AsperityPattern pattern(Asperity a) {
    return new FaultModelGeometry.AsperityPattern(
        a.name(),
        a.spec().coupling(),
        a.spec().centerAlongStrikeKm(),
        a.spec().centerDownDipKm(),
        Arrays.stream(a.patternCopy()).boxed().toList());
  }

  private static FaultGeometryView.StationSite site(Station s) {
    return new FaultGeometryView.StationSite(
        s.code(), s.eastKm(), s.northKm(), s.latitudeDegrees(), s.longitudeDegrees(), s.coastal());
  }
}
