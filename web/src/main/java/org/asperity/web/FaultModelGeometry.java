package org.asperity.web;

import java.util.List;
import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.GeodeticPoint;

/**
 * The fault model the page draws, in geodesy's terms: whoever holds the model builds this, so the
 * page reads no simulator. {@link FaultGeometryView#of} turns it into what is drawn.
 *
 * @param modelName the model's name (e.g. the preset), shown on the page
 * @param trenchNormalAzimuthDegrees landward trench-normal azimuth, degrees clockwise from north
 * @param mesh the fault plane and its patches
 * @param origin the local plan frame's origin
 * @param asperities the asperities, in the model's order
 * @param stations the GNSS stations of each region's network
 */
public record FaultModelGeometry(
    String modelName,
    double trenchNormalAzimuthDegrees,
    FaultMesh mesh,
    GeodeticPoint origin,
    List<AsperityPattern> asperities,
    List<FaultGeometryView.StationSite> stations) {

  public FaultModelGeometry {
    asperities = List.copyOf(asperities);
    stations = List.copyOf(stations);
  }

  /**
   * An asperity on the mesh.
   *
   * @param name the asperity's name
   * @param coupling coupling of its core (fraction of plate rate stored as slip deficit)
   * @param centerAlongStrikeKm its centre, along strike from the fault's start
   * @param centerDownDipKm its centre, down dip from the trench
   * @param couplingPattern per patch of the mesh (by patch index): 1 in the locked core, tapering
   *     to 0 outside
   */
  public record AsperityPattern(
      String name,
      double coupling,
      double centerAlongStrikeKm,
      double centerDownDipKm,
      List<Double> couplingPattern) {
    public AsperityPattern {
      couplingPattern = List.copyOf(couplingPattern);
    }
  }
}
