package org.asperity.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.FaultPatch;
import org.asperity.geodesy.FaultPlane;

/**
 * What the page draws of the fault and network, in the local plan frame (east, north km; north up):
 * the trench (the fault's top edge), the surface projection of the fault plane, the asperities'
 * locked cores as outlines of fault patches, and the stations. Built from a fault model's geometry
 * by {@link #of(FaultModelGeometry)}.
 *
 * @param modelName the model's name (e.g. the preset), shown on the page
 * @param trenchNormalAzimuthDegrees landward trench-normal azimuth, degrees clockwise from north:
 *     the direction onto which station velocities are projected
 * @param trench the trench, from the along-strike start to the end of the fault's top edge
 * @param faultOutline the four corners of the fault plane projected on the surface
 * @param topDepthKm depth of the top edge (trench)
 * @param bottomDepthKm depth of the bottom edge
 * @param originLatitudeDegrees latitude of the local frame's origin
 * @param originLongitudeDegrees longitude of the local frame's origin
 * @param asperities the asperities
 * @param stations the GNSS stations of each region's network
 */
public record FaultGeometryView(
    String modelName,
    double trenchNormalAzimuthDegrees,
    List<PlanPoint> trench,
    List<PlanPoint> faultOutline,
    double topDepthKm,
    double bottomDepthKm,
    double originLatitudeDegrees,
    double originLongitudeDegrees,
    List<AsperityOutline> asperities,
    List<StationSite> stations) {

  /**
   * Patches where an asperity's coupling pattern is at least this belong to its drawn outline: the
   * locked core and the inner half of its tapering halo (the pattern is 1 in the core, 0 outside).
   */
  static final double OUTLINE_COUPLING = 0.5;

  public FaultGeometryView {
    trench = List.copyOf(trench);
    faultOutline = List.copyOf(faultOutline);
    asperities = List.copyOf(asperities);
    stations = List.copyOf(stations);
  }

  /** A point of the plan, km east and north of the local origin. */
  public record PlanPoint(double eastKm, double northKm) {}

  /**
   * An asperity: name, coupling of its core (fraction of plate rate stored as slip deficit), its
   * centre, and the rings bounding its patches (even-odd fill).
   */
  public record AsperityOutline(
      String name, double coupling, PlanPoint center, List<List<PlanPoint>> rings) {
    public AsperityOutline {
      rings = rings.stream().map(List::copyOf).toList();
    }
  }

  /**
   * A GNSS station: code, plan position, geodetic position, and whether it is on the coastal line.
   */
  public record StationSite(
      String code,
      double eastKm,
      double northKm,
      double latitudeDegrees,
      double longitudeDegrees,
      boolean coastal) {}

  /** The view of a fault model. */
  public static FaultGeometryView of(FaultModelGeometry model) {
    FaultMesh mesh = model.mesh();
    FaultPlane fault = mesh.plane();
    double length = fault.lengthKm();
    double width = fault.widthKm();
    List<PlanPoint> trench = List.of(at(fault, 0, 0), at(fault, length, 0));
    List<PlanPoint> outline =
        List.of(
            at(fault, 0, 0), at(fault, length, 0), at(fault, length, width), at(fault, 0, width));
    List<AsperityOutline> asperities = new ArrayList<>();
    for (FaultModelGeometry.AsperityPattern asperity : model.asperities()) {
      boolean[][] inside = new boolean[mesh.alongStrikeCount()][mesh.downDipCount()];
      List<Double> pattern = asperity.couplingPattern();
      for (int p = 0; p < pattern.size(); p++) {
        if (pattern.get(p) >= OUTLINE_COUPLING) {
          FaultPatch patch = mesh.patches().get(p);
          inside[patch.alongStrikeIndex()][patch.downDipIndex()] = true;
        }
      }
      List<List<PlanPoint>> rings = new ArrayList<>();
      for (List<PatchOutlines.Corner> ring : PatchOutlines.rings(inside)) {
        rings.add(
            ring.stream()
                .map(c -> at(fault, c.i() * mesh.patchLengthKm(), c.j() * mesh.patchWidthKm()))
                .toList());
      }
      asperities.add(
          new AsperityOutline(
              asperity.name(),
              asperity.coupling(),
              at(fault, asperity.centerAlongStrikeKm(), asperity.centerDownDipKm()),
              rings));
    }
    return new FaultGeometryView(
        model.modelName(),
        model.trenchNormalAzimuthDegrees(),
        trench,
        outline,
        fault.topDepthKm(),
        fault.depthAt(width),
        model.origin().latitudeDegrees(),
        model.origin().longitudeDegrees(),
        asperities,
        model.stations());
  }

  private static PlanPoint at(FaultPlane fault, double alongStrikeKm, double downDipKm) {
    return new PlanPoint(
        fault.eastAt(alongStrikeKm, downDipKm), fault.northAt(alongStrikeKm, downDipKm));
  }

  /** The station of this code, if the view has one. */
  StationSite station(String code) {
    for (StationSite s : stations) {
      if (s.code().equals(code)) {
        return s;
      }
    }
    return null;
  }

  /** This view as the {@code geometry} member of the page's JSON. */
  ObjectNode toJson() {
    ObjectNode json =
        PageJson.object()
            .put("modelName", modelName)
            .set("trenchNormalAzimuthDegrees", PageJson.number(trenchNormalAzimuthDegrees, 3));
    json.set("topDepthKm", PageJson.number(topDepthKm, 2));
    json.set("bottomDepthKm", PageJson.number(bottomDepthKm, 2));
    json.set("originLatitudeDegrees", PageJson.number(originLatitudeDegrees, 6));
    json.set("originLongitudeDegrees", PageJson.number(originLongitudeDegrees, 6));
    json.set("trench", points(trench));
    json.set("faultOutline", points(faultOutline));
    ArrayNode asperityArray = json.putArray("asperities");
    for (AsperityOutline a : asperities) {
      ObjectNode asperity = asperityArray.addObject().put("name", a.name());
      asperity.set("coupling", PageJson.number(a.coupling(), 3));
      asperity.set("center", point(a.center()));
      ArrayNode rings = asperity.putArray("rings");
      a.rings().forEach(ring -> rings.add(points(ring)));
    }
    ArrayNode stationArray = json.putArray("stations");
    for (StationSite s : stations) {
      ObjectNode station = stationArray.addObject().put("code", s.code());
      station.set("eastKm", PageJson.number(s.eastKm(), 2));
      station.set("northKm", PageJson.number(s.northKm(), 2));
      station.set("latitude", PageJson.number(s.latitudeDegrees(), 5));
      station.set("longitude", PageJson.number(s.longitudeDegrees(), 5));
      station.put("coastal", s.coastal());
    }
    return json;
  }

  private static ArrayNode points(List<PlanPoint> points) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    points.forEach(p -> array.add(point(p)));
    return array;
  }

  private static ArrayNode point(PlanPoint p) {
    return JsonNodeFactory.instance
        .arrayNode()
        .add(PageJson.number(p.eastKm(), 2))
        .add(PageJson.number(p.northKm(), 2));
  }
}
