package org.asperity.simulator.gnss;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.asperity.geodesy.FaultPlane;
import org.asperity.geodesy.GeodeticPoint;
import org.asperity.geodesy.LocalProjection;
import org.asperity.geodesy.SurfacePoint;

/** The stations of a region, built from a {@link NetworkLayout} or read from a CSV file. */
public final class StationNetwork {
  private final List<Station> stations;

  private StationNetwork(List<Station> stations) {
    this.stations = List.copyOf(stations);
  }

  public List<Station> stations() {
    return stations;
  }

  public int size() {
    return stations.size();
  }

  public List<SurfacePoint> points() {
    return stations.stream().map(s -> new SurfacePoint(s.eastKm(), s.northKm())).toList();
  }

  /**
   * Coastal line C001.. then inland grid I001.. (row by row along strike, trench-parallel lines
   * seaward first).
   */
  public static StationNetwork layout(
      NetworkLayout layout, FaultPlane plane, LocalProjection projection) {
    List<Station> list = new ArrayList<>();
    double start = layout.alongStrikeMarginKm();
    double span = plane.lengthKm() - 2.0 * layout.alongStrikeMarginKm();
    for (int k = 0; k < layout.coastalStations(); k++) {
      double along = start + span * fraction(k, layout.coastalStations());
      list.add(
          station(
              list.size(),
              String.format(Locale.ROOT, "C%03d", k + 1),
              plane.surfacePoint(along, layout.coastDistanceKm()),
              true,
              plane,
              projection));
    }
    int code = 1;
    for (int row = 0; row < layout.inlandRows(); row++) {
      double along = start + span * fraction(row, layout.inlandRows());
      for (int column = 0; column < layout.inlandColumns(); column++) {
        double distance = layout.inlandFirstDistanceKm() + column * layout.inlandSpacingKm();
        list.add(
            station(
                list.size(),
                String.format(Locale.ROOT, "I%03d", code++),
                plane.surfacePoint(along, distance),
                false,
                plane,
                projection));
      }
    }
    return new StationNetwork(list);
  }

  private static double fraction(int k, int count) {
    return count == 1 ? 0.5 : (double) k / (count - 1);
  }

  private static Station station(
      int index,
      String code,
      SurfacePoint point,
      boolean coastal,
      FaultPlane plane,
      LocalProjection projection) {
    GeodeticPoint geo = projection.toGeodetic(point);
    return new Station(
        index,
        code,
        point.eastKm(),
        point.northKm(),
        geo.latitudeDegrees(),
        geo.longitudeDegrees(),
        coastal,
        plane.distanceFromTopEdgeKm(point.eastKm(), point.northKm()));
  }

  /**
   * Reads stations from a CSV file with a header row: {@code name,lat,lon} (WGS84 degrees; also
   * {@code latitude,longitude}) or {@code name,east_km,north_km} (local frame; also {@code x,y}),
   * and an optional {@code coastal} column (true/false). Without it, stations within {@code
   * coastalBandKm} of the station closest to the trench are coastal. Blank lines and lines starting
   * with {@code #} are ignored.
   */
  public static StationNetwork fromCsv(
      Path csv, FaultPlane plane, LocalProjection projection, double coastalBandKm)
      throws IOException {
    List<String[]> rows = new ArrayList<>();
    String[] header = null;
    try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] cells = trimmed.split("\\s*,\\s*", -1);
        if (header == null) {
          header = cells;
          for (int i = 0; i < header.length; i++) {
            header[i] = header[i].toLowerCase(Locale.ROOT);
          }
          continue;
        }
        if (cells.length != header.length) {
          throw new IOException(
              csv
                  + ":"
                  + number
                  + ": expected "
                  + header.length
                  + " columns, found "
                  + cells.length);
        }
        rows.add(cells);
      }
    }
    if (header == null || rows.isEmpty()) {
      throw new IOException(csv + ": no stations");
    }
    int name = column(header, "name", "station", "code");
    int lat = column(header, "lat", "latitude");
    int lon = column(header, "lon", "longitude");
    int east = column(header, "east_km", "x");
    int north = column(header, "north_km", "y");
    int coastal = column(header, "coastal");
    boolean geodetic = lat >= 0 && lon >= 0;
    if (name < 0 || !(geodetic || (east >= 0 && north >= 0))) {
      throw new IOException(
          csv + ": header must name the columns name,lat,lon or name,east_km,north_km");
    }
    List<SurfacePoint> points = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String[] row : rows) {
      String code = row[name];
      if (code.isEmpty() || !seen.add(code)) {
        throw new IOException(csv + ": empty or duplicate station name '" + code + "'");
      }
      names.add(code);
      try {
        points.add(
            geodetic
                ? projection.toLocal(
                    new GeodeticPoint(Double.parseDouble(row[lat]), Double.parseDouble(row[lon])))
                : new SurfacePoint(Double.parseDouble(row[east]), Double.parseDouble(row[north])));
      } catch (IllegalArgumentException e) {
        throw new IOException(csv + ": station " + code + ": " + e.getMessage(), e);
      }
    }
    double nearest =
        points.stream()
            .mapToDouble(p -> plane.distanceFromTopEdgeKm(p.eastKm(), p.northKm()))
            .min()
            .orElseThrow();
    List<Station> stations = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      SurfacePoint p = points.get(i);
      double distance = plane.distanceFromTopEdgeKm(p.eastKm(), p.northKm());
      boolean isCoastal =
          coastal >= 0
              ? Boolean.parseBoolean(rows.get(i)[coastal])
              : distance <= nearest + coastalBandKm;
      GeodeticPoint geo = projection.toGeodetic(p);
      stations.add(
          new Station(
              i,
              names.get(i),
              p.eastKm(),
              p.northKm(),
              geo.latitudeDegrees(),
              geo.longitudeDegrees(),
              isCoastal,
              distance));
    }
    return new StationNetwork(stations);
  }

  private static int column(String[] header, String... names) {
    for (String n : names) {
      for (int i = 0; i < header.length; i++) {
        if (header[i].equals(n)) {
          return i;
        }
      }
    }
    return -1;
  }
}
