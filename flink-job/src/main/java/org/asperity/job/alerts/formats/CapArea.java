package org.asperity.job.alerts.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A region's area as a CAP 1.2 {@code area} draws it (section 3.2.4): a {@code polygon}, the convex
 * hull of the region's GNSS stations as a closed ring of WGS84 points (first = last), and a {@code
 * circle} centred on the hull's vertices' mean that holds every station. The stations are where the
 * strain is measured and the coast the forecast concerns; the hull is what the job can state
 * without a fault model.
 *
 * @param polygon the closed ring, counter-clockwise, at least 4 points; empty when the stations
 *     span no area (fewer than 3 not on one line)
 * @param center the circle's centre
 * @param radiusKm the circle's radius, km (great-circle distance to the farthest station)
 */
public record CapArea(List<Point> polygon, Point center, double radiusKm) implements Serializable {

  /** A WGS84 position, degrees north and east (-180..180). */
  public record Point(double latitudeDegrees, double longitudeDegrees) implements Serializable {
    public Point {
      if (!(Math.abs(latitudeDegrees) <= 90) || !(Math.abs(longitudeDegrees) <= 180)) {
        throw new IllegalArgumentException(
            "not a WGS84 position: " + latitudeDegrees + ", " + longitudeDegrees);
      }
    }

    /** CAP's {@code latitude,longitude}, 4 decimals (about 10 m). */
    String cap() {
      return String.format(Locale.ROOT, "%.4f,%.4f", latitudeDegrees, longitudeDegrees);
    }
  }

  private static final double EARTH_RADIUS_KM = 6371.0088;
  private static final ObjectMapper JSON = new ObjectMapper();

  public CapArea {
    polygon = List.copyOf(polygon);
    Objects.requireNonNull(center, "center");
    if (!polygon.isEmpty()
        && (polygon.size() < 4 || !polygon.get(0).equals(polygon.get(polygon.size() - 1)))) {
      throw new IllegalArgumentException(
          "a CAP polygon is a closed ring of at least 4 points (first = last)");
    }
    if (!(radiusKm >= 0) || Double.isInfinite(radiusKm)) {
      throw new IllegalArgumentException("circle radius must be finite and >= 0: " + radiusKm);
    }
  }

  /** The area of a station network: its convex hull and the circle around it. */
  public static CapArea ofStations(List<Point> stations) {
    if (stations.isEmpty()) {
      throw new IllegalArgumentException("an area needs at least one station");
    }
    // Longitudes unwrapped across the antimeridian when the network straddles it.
    boolean straddles =
        stations.stream().mapToDouble(Point::longitudeDegrees).max().getAsDouble()
                - stations.stream().mapToDouble(Point::longitudeDegrees).min().getAsDouble()
            > 180;
    List<double[]> xy = new ArrayList<>();
    for (Point p : stations) {
      double lon = p.longitudeDegrees();
      xy.add(new double[] {straddles && lon < 0 ? lon + 360 : lon, p.latitudeDegrees()});
    }
    List<double[]> hull = hull(xy);
    double meanLon = 0;
    double meanLat = 0;
    for (double[] v : hull) {
      meanLon += v[0] / hull.size();
      meanLat += v[1] / hull.size();
    }
    Point center = point(meanLon, meanLat);
    double radiusKm = 0;
    for (Point p : stations) {
      radiusKm = Math.max(radiusKm, distanceKm(center, p));
    }
    // Rounded up so the written radius (1 decimal) still holds every station.
    radiusKm = Math.ceil(radiusKm * 10) / 10;
    List<Point> ring = new ArrayList<>();
    if (hull.size() >= 3) {
      for (double[] v : hull) {
        ring.add(point(v[0], v[1]));
      }
      ring.add(ring.get(0));
    }
    return new CapArea(ring, center, radiusKm);
  }

  /**
   * The areas of the regions in a JSON object of each region's station positions, {@code {"REGION":
   * [[LATITUDE, LONGITUDE], ...], ...}} (WGS84 degrees).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Map<String, CapArea> ofStationsJson(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          "expected an object of regions, {\"REGION\": [[LATITUDE, LONGITUDE], ...]}");
    }
    Map<String, CapArea> areas = new TreeMap<>();
    for (Map.Entry<String, JsonNode> region : root.properties()) {
      List<Point> stations = new ArrayList<>();
      JsonNode positions = region.getValue();
      if (!positions.isArray() || positions.isEmpty()) {
        throw new IllegalArgumentException(
            "region " + region.getKey() + ": expected a non-empty array of [LATITUDE, LONGITUDE]");
      }
      for (JsonNode p : positions) {
        if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
          throw new IllegalArgumentException(
              "region " + region.getKey() + ": " + p + " is not [LATITUDE, LONGITUDE]");
        }
        try {
          stations.add(new Point(p.get(0).doubleValue(), p.get(1).doubleValue()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "region " + region.getKey() + ": " + e.getMessage(), e);
        }
      }
      areas.put(region.getKey(), ofStations(stations));
    }
    return areas;
  }

  /** CAP {@code polygon}: space-separated {@code lat,lon} pairs; null when there is none. */
  public String capPolygon() {
    if (polygon.isEmpty()) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    for (Point p : polygon) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(p.cap());
    }
    return s.toString();
  }

  /** CAP {@code circle}: {@code lat,lon radiusKm}. */
  public String capCircle() {
    return center.cap() + " " + String.format(Locale.ROOT, "%.1f", radiusKm);
  }

  private static Point point(double lon, double lat) {
    return new Point(lat, lon > 180 ? lon - 360 : lon);
  }

  /** Andrew's monotone chain: the hull's vertices counter-clockwise, collinear ones dropped. */
  private static List<double[]> hull(List<double[]> points) {
    List<double[]> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
    List<double[]> unique = new ArrayList<>();
    for (double[] p : sorted) {
      if (unique.isEmpty()
          || unique.get(unique.size() - 1)[0] != p[0]
          || unique.get(unique.size() - 1)[1] != p[1]) {
        unique.add(p);
      }
    }
    if (unique.size() < 3) {
      return unique;
    }
    List<double[]> hull = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      int start = hull.size();
      for (int i = 0; i < unique.size(); i++) {
        double[] p = unique.get(pass == 0 ? i : unique.size() - 1 - i);
        while (hull.size() >= start + 2
            && cross(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p) <= 0) {
          hull.remove(hull.size() - 1);
        }
        hull.add(p);
      }
      hull.remove(hull.size() - 1);
    }
    return hull;
  }

  private static double cross(double[] o, double[] a, double[] b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  }

  /** Great-circle distance on the mean sphere (haversine), km. */
  public static double distanceKm(Point a, Point b) {
    double lat1 = Math.toRadians(a.latitudeDegrees());
    double lat2 = Math.toRadians(b.latitudeDegrees());
    double dLat = lat2 - lat1;
    double dLon = Math.toRadians(b.longitudeDegrees() - a.longitudeDegrees());
    double h =
        Math.pow(Math.sin(dLat / 2), 2)
            + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
