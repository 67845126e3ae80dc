package org.asperity.web;

import java.util.ArrayList;
import java.util.List;
import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.FaultPatch;
import org.asperity.geodesy.FaultPlane;
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.gnss.Station;
import org.asperity.simulator.physics.Asperity;

/**
 * What the page draws of the fault and network, in the local plan frame (east, north km; north up):
 * the trench (the fault's top edge), the surface projection of the fault plane, the asperities'
 * locked cores as outlines of fault patches, and the stations. Built from the simulator's model by
 * {@link #of(StaticModel)}, the one place the web package knows the simulator.
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

  /** The view of a simulator model. */
  public static FaultGeometryView of(StaticModel model) {
    FaultPlane fault = model.fault();
    FaultMesh mesh = model.mesh();
    double length = fault.lengthKm();
    double width = fault.widthKm();
    List<PlanPoint> trench = List.of(at(fault, 0, 0), at(fault, length, 0));
    List<PlanPoint> outline =
        List.of(
            at(fault, 0, 0), at(fault, length, 0), at(fault, length, width), at(fault, 0, width));
    List<AsperityOutline> asperities = new ArrayList<>();
    for (Asperity asperity : model.asperities()) {
      boolean[][] inside = new boolean[mesh.alongStrikeCount()][mesh.downDipCount()];
      for (int p : asperity.patchIndices()) {
        if (asperity.pattern(p) >= OUTLINE_COUPLING) {
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
              asperity.spec().coupling(),
              at(fault, asperity.spec().centerAlongStrikeKm(), asperity.spec().centerDownDipKm()),
              rings));
    }
    List<StationSite> stations = new ArrayList<>();
    for (Station s : model.stations()) {
      stations.add(
          new StationSite(
              s.code(),
              s.eastKm(),
              s.northKm(),
              s.latitudeDegrees(),
              s.longitudeDegrees(),
              s.coastal()));
    }
    return new FaultGeometryView(
        model.definition().name(),
        model.trenchNormalAzimuthDegrees(),
        trench,
        outline,
        fault.topDepthKm(),
        fault.depthAt(width),
        model.projection().origin().latitudeDegrees(),
        model.projection().origin().longitudeDegrees(),
        asperities,
        stations);
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
  String toJson() {
    JsonWriter w = new JsonWriter();
    w.beginObject()
        .member("modelName", modelName)
        .member("trenchNormalAzimuthDegrees", trenchNormalAzimuthDegrees, 3)
        .member("topDepthKm", topDepthKm, 2)
        .member("bottomDepthKm", bottomDepthKm, 2)
        .member("originLatitudeDegrees", originLatitudeDegrees, 6)
        .member("originLongitudeDegrees", originLongitudeDegrees, 6);
    w.name("trench");
    points(w, trench);
    w.name("faultOutline");
    points(w, faultOutline);
    w.name("asperities").beginArray();
    for (AsperityOutline a : asperities) {
      w.beginObject().member("name", a.name()).member("coupling", a.coupling(), 3);
      w.name("center");
      point(w, a.center());
      w.name("rings").beginArray();
      for (List<PlanPoint> ring : a.rings()) {
        points(w, ring);
      }
      w.endArray().endObject();
    }
    w.endArray();
    w.name("stations").beginArray();
    for (StationSite s : stations) {
      w.beginObject()
          .member("code", s.code())
          .member("eastKm", s.eastKm(), 2)
          .member("northKm", s.northKm(), 2)
          .member("latitude", s.latitudeDegrees(), 5)
          .member("longitude", s.longitudeDegrees(), 5)
          .member("coastal", s.coastal())
          .endObject();
    }
    w.endArray();
    return w.endObject().toString();
  }

  private static void points(JsonWriter w, List<PlanPoint> points) {
    w.beginArray();
    for (PlanPoint p : points) {
      point(w, p);
    }
    w.endArray();
  }

  private static void point(JsonWriter w, PlanPoint p) {
    w.beginArray().value(p.eastKm(), 2).value(p.northKm(), 2).endArray();
  }
}
