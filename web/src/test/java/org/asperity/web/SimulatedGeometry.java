package org.asperity.web;

import java.util.Arrays;
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.gnss.Station;
import org.asperity.simulator.physics.Asperity;

/**
 * A simulator model's geometry for the page's tests. The page itself reads no simulator; the
 * launcher's own conversion (the app's {@code SimulatorGeometry}) is checked against this one.
 */
public final class SimulatedGeometry {
  private SimulatedGeometry() {}

  /** The geometry of this model. */
  public static FaultModelGeometry of(StaticModel model) {
    return new FaultModelGeometry(
        model.definition().name(),
        model.trenchNormalAzimuthDegrees(),
        model.mesh(),
        model.projection().origin(),
        model.asperities().stream().map(SimulatedGeometry::pattern).toList(),
        model.stations().stream().map(SimulatedGeometry::site).toList());
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
