package org.asperity.replay;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asperity.geodesy.Wgs84;
import org.asperity.schemas.GnssObservation;

/**
 * RTKLIB solution files ({@code .pos}), as written by rnx2rtkp, RTKPOST and rtkrcv (T. Takasu,
 * RTKLIB ver. 2.4.2 Manual, Appendix B.4 "Solution File Format"; the same layout in the demo5/EX
 * branches). Header lines start with {@code %}; the last one names the columns, and its first name,
 * {@code GPST}, {@code UTC} or {@code JST}, is the time system of the first two data columns,
 * either {@code yyyy/mm/dd hh:mm:ss.sss} or GPS week and seconds of week. The position columns tell
 * the variant:
 *
 * <ul>
 *   <li>{@code e-baseline(m) n-baseline(m) u-baseline(m)}: east, north, up of the rover from the
 *       base station, kept as they are (displacements from the base), sigmas {@code sde sdn sdu};
 *   <li>{@code latitude(deg) longitude(deg) height(m)} (WGS84 ellipsoidal), sigmas {@code sdn sde
 *       sdu} in the point's local frame, kept;
 *   <li>{@code x-ecef(m) y-ecef(m) z-ecef(m)}, sigmas {@code sdx sdy sdz} and the signed square
 *       roots of the covariances {@code sdxy sdyz sdzx} (the manual: the sign is the covariance's):
 *       the 3x3 covariance is rebuilt and rotated into the point's local east/north/up frame
 *       ({@code R C R^T}, {@link Wgs84#rotateCovariance}), the sigmas are the roots of its
 *       diagonal.
 * </ul>
 *
 * <p>llh and xyz positions become east/north/up displacements from the header's {@code ref pos}
 * (the base station, so the three variants of one solution give the same numbers) or, without one,
 * from the station's first epoch, in the local frame at that origin. The quality flag Q: fixed (1),
 * float (2), SBAS (3), DGPS (4) and PPP (6) solutions are kept; single-point solutions (5) are
 * rejected as {@code RTKLIB_SINGLE_POINT}: their metre-level errors dwarf any tectonic signal and
 * their formal sigmas are optimistic, and the observation schema has no field to carry the flag
 * downstream; any other Q is rejected as {@code RTKLIB_QUALITY}. A zero sigma (RTKLIB writes 0 for
 * a negative variance) is rejected like in every other format. The station is named after the first
 * {@code % inp file} (the rover's observations; four characters of a RINEX name), else the file
 * name.
 */
public final class RtklibPosReader extends LineReader {
  static final String SINGLE_POINT = "RTKLIB_SINGLE_POINT";
  static final String QUALITY = "RTKLIB_QUALITY";

  private enum Variant {
    ENU,
    LLH,
    XYZ
  }

  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?");
  private static final Pattern RINEX2 =
      Pattern.compile("(?i)[a-z0-9]{4}\\d{3}[a-z0-9]\\.\\d{2}[od]");
  private static final Pattern RINEX3 = Pattern.compile("(?i)[a-z0-9]{9}_.*");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
  private static final long JST_OFFSET_SECONDS = 9 * 3600;

  private String station;
  private double[] refEcef;
  private Map<String, Integer> columns;
  private Variant variant;
  private String timeSystem;
  private int requiredCells;
  private double[][] refRotation;

  public RtklibPosReader(Path file, String network, RejectLog rejects) throws IOException {
    super(file, network, rejects);
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    station = (dot > 0 ? name.substring(0, dot) : name).toUpperCase(Locale.ROOT);
  }

  @Override
  protected GnssObservation parse(String line, long number) throws TextColumns.Malformed {
    if (line.startsWith("%")) {
      header(line.substring(1).strip());
      return null;
    }
    if (columns == null) {
      throw new ReplayException(
          file
              + ": data before the '%  GPST ...' column header line; is this an RTKLIB .pos file?");
    }
    String[] cells = TextColumns.split(line);
    if (cells.length < requiredCells) {
      throw new TextColumns.Malformed(
          TextColumns.COLUMN_COUNT, cells.length + " columns, expected at least " + requiredCells);
    }
    Instant epoch = epoch(cells[0], cells[1]);
    long q = TextColumns.integer(cells, col("q"), "Q");
    if (q == 5) {
      throw new TextColumns.Malformed(SINGLE_POINT, "Q=5, a single-point solution");
    }
    if (q < 1 || q > 6) {
      throw new TextColumns.Malformed(QUALITY, "Q=" + q + " is not a solution quality 1-6");
    }
    GnssObservation.Builder b = builder().setStation(station).setEpoch(epoch);
    switch (variant) {
      case ENU -> {
        double e = TextColumns.number(cells, col("e-baseline(m)"), "e-baseline");
        double n = TextColumns.number(cells, col("n-baseline(m)"), "n-baseline");
        double u = TextColumns.number(cells, col("u-baseline(m)"), "u-baseline");
        b.setEastMeters(e).setNorthMeters(n).setUpMeters(u);
        b.setSigmaEastMeters(TextColumns.sigma(cells, col("sde(m)"), "sde"));
        b.setSigmaNorthMeters(TextColumns.sigma(cells, col("sdn(m)"), "sdn"));
        b.setSigmaUpMeters(TextColumns.sigma(cells, col("sdu(m)"), "sdu"));
        if (refEcef != null) {
          double[] d = Wgs84.rotateBack(refRotation, new double[] {e, n, u});
          place(b, Wgs84.toGeodetic(refEcef[0] + d[0], refEcef[1] + d[1], refEcef[2] + d[2]));
        }
      }
      case LLH -> {
        double lat = TextColumns.number(cells, col("latitude(deg)"), "latitude");
        double lon = TextColumns.number(cells, col("longitude(deg)"), "longitude");
        double h = TextColumns.number(cells, col("height(m)"), "height");
        if (Math.abs(lat) > 90 || Math.abs(lon) > 360) {
          throw new TextColumns.Malformed(
              TextColumns.NOT_A_NUMBER,
              "latitude " + lat + " / longitude " + lon + " out of range");
        }
        b.setSigmaNorthMeters(TextColumns.sigma(cells, col("sdn(m)"), "sdn"));
        b.setSigmaEastMeters(TextColumns.sigma(cells, col("sde(m)"), "sde"));
        b.setSigmaUpMeters(TextColumns.sigma(cells, col("sdu(m)"), "sdu"));
        Wgs84.Geodetic g = new Wgs84.Geodetic(lat, lon, h);
        setEcef(b, Wgs84.toEcef(g));
        place(b, g);
      }
      case XYZ -> {
        double[] xyz = {
          TextColumns.number(cells, col("x-ecef(m)"), "x-ecef"),
          TextColumns.number(cells, col("y-ecef(m)"), "y-ecef"),
          TextColumns.number(cells, col("z-ecef(m)"), "z-ecef")
        };
        double sx = TextColumns.sigma(cells, col("sdx(m)"), "sdx");
        double sy = TextColumns.sigma(cells, col("sdy(m)"), "sdy");
        double sz = TextColumns.sigma(cells, col("sdz(m)"), "sdz");
        double cxy = signedSquare(optional(cells, "sdxy(m)"));
        double cyz = signedSquare(optional(cells, "sdyz(m)"));
        double czx = signedSquare(optional(cells, "sdzx(m)"));
        Wgs84.Geodetic g = Wgs84.toGeodetic(xyz[0], xyz[1], xyz[2]);
        double[][] enu =
            Wgs84.rotateCovariance(
                Wgs84.enuRotation(g.latitudeDegrees(), g.longitudeDegrees()),
                new double[][] {{sx * sx, cxy, czx}, {cxy, sy * sy, cyz}, {czx, cyz, sz * sz}});
        for (int i = 0; i < 3; i++) {
          if (!(enu[i][i] > 0)) {
            throw new TextColumns.Malformed(
                TextColumns.NON_POSITIVE_SIGMA,
                "the ECEF covariance rotated to east/north/up has variance " + enu[i][i]);
          }
        }
        b.setSigmaEastMeters(Math.sqrt(enu[0][0]));
        b.setSigmaNorthMeters(Math.sqrt(enu[1][1]));
        b.setSigmaUpMeters(Math.sqrt(enu[2][2]));
        setEcef(b, xyz);
        place(b, g);
      }
    }
    return b.build();
  }

  /** llh and xyz lines carry ECEF in the E/N/U fields until {@link #adjust} has the origin. */
  private static void setEcef(GnssObservation.Builder b, double[] xyz) {
    b.setEastMeters(xyz[0]).setNorthMeters(xyz[1]).setUpMeters(xyz[2]);
  }

  private static void place(GnssObservation.Builder b, Wgs84.Geodetic g) {
    b.setLatitudeDegrees(g.latitudeDegrees());
    b.setLongitudeDegrees(TextColumns.longitude(g.longitudeDegrees()));
  }

  /** The ECEF origin of the displacements: the header's ref pos, else the first epoch. */
  private double[] origin;

  private double[][] originRotation;

  @Override
  protected void adjust(GnssObservation o) {
    if (variant == Variant.ENU) {
      return;
    }
    if (origin == null) {
      origin =
          refEcef != null
              ? refEcef
              : new double[] {o.getEastMeters(), o.getNorthMeters(), o.getUpMeters()};
      Wgs84.Geodetic g = Wgs84.toGeodetic(origin[0], origin[1], origin[2]);
      originRotation = Wgs84.enuRotation(g.latitudeDegrees(), g.longitudeDegrees());
    }
    double[] enu =
        Wgs84.rotate(
            originRotation,
            new double[] {
              o.getEastMeters() - origin[0],
              o.getNorthMeters() - origin[1],
              o.getUpMeters() - origin[2]
            });
    o.setEastMeters(enu[0]);
    o.setNorthMeters(enu[1]);
    o.setUpMeters(enu[2]);
  }

  private Instant epoch(String first, String second) throws TextColumns.Malformed {
    Instant asRead;
    try {
      if (first.contains("/")) {
        LocalTime time = LocalTime.parse(second);
        asRead = LocalDate.parse(first, DATE).atTime(time).toInstant(ZoneOffset.UTC);
      } else {
        long week = Long.parseLong(first);
        BigDecimal seconds = new BigDecimal(second);
        if (week < 0
            || seconds.signum() < 0
            || seconds.compareTo(BigDecimal.valueOf(604_800)) >= 0) {
          throw new NumberFormatException();
        }
        asRead =
            GpsTime.GPS_EPOCH
                .plusSeconds(week * 604_800L + seconds.longValue())
                .plusNanos(seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new TextColumns.Malformed(
          TextColumns.BAD_DATE,
          "time '"
              + first
              + " "
              + second
              + "' is neither yyyy/mm/dd hh:mm:ss.sss nor week seconds");
    }
    Instant utc =
        switch (timeSystem) {
          case "GPST" -> GpsTime.toUtc(asRead);
          case "JST" -> asRead.minusSeconds(JST_OFFSET_SECONDS);
          default -> asRead;
        };
    // The observation schema keeps microseconds.
    return utc.minusNanos(utc.getNano() % 1000);
  }

  private void header(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("inp file") && !station.isEmpty() && !stationFromInput) {
      String path = text.substring(text.indexOf(':') + 1).strip();
      String[] parts = path.split("[/\\\\]");
      String base = parts[parts.length - 1];
      if (!base.isEmpty()) {
        stationFromInput = true;
        if (RINEX2.matcher(base).matches() || RINEX3.matcher(base).matches()) {
          station = base.substring(0, 4).toUpperCase(Locale.ROOT);
        } else {
          int dot = base.indexOf('.');
          station = (dot > 0 ? base.substring(0, dot) : base).toUpperCase(Locale.ROOT);
        }
      }
      return;
    }
    if (lower.startsWith("ref pos")) {
      List<Double> values = new ArrayList<>();
      Matcher m = NUMBER.matcher(text.substring(text.indexOf(':') + 1));
      while (m.find()) {
        values.add(Double.parseDouble(m.group()));
      }
      if (values.size() == 3) {
        double norm =
            Math.sqrt(
                values.get(0) * values.get(0)
                    + values.get(1) * values.get(1)
                    + values.get(2) * values.get(2));
        if (norm > 6.0e6) {
          refEcef = new double[] {values.get(0), values.get(1), values.get(2)};
        } else {
          refEcef = Wgs84.toEcef(new Wgs84.Geodetic(values.get(0), values.get(1), values.get(2)));
        }
        Wgs84.Geodetic g = Wgs84.toGeodetic(refEcef[0], refEcef[1], refEcef[2]);
        refRotation = Wgs84.enuRotation(g.latitudeDegrees(), g.longitudeDegrees());
      }
      return;
    }
    String[] names = TextColumns.split(text);
    String first = names[0].toUpperCase(Locale.ROOT);
    if (names.length < 4 || !(first.equals("GPST") || first.equals("UTC") || first.equals("JST"))) {
      return;
    }
    timeSystem = first;
    Map<String, Integer> map = new HashMap<>();
    for (int i = 1; i < names.length; i++) {
      // The time takes two data columns but one header name.
      map.putIfAbsent(names[i].toLowerCase(Locale.ROOT), i + 1);
    }
    String[] required;
    if (map.containsKey("e-baseline(m)")) {
      variant = Variant.ENU;
      required =
          new String[] {
            "e-baseline(m)", "n-baseline(m)", "u-baseline(m)", "q", "sde(m)", "sdn(m)", "sdu(m)"
          };
    } else if (map.containsKey("latitude(deg)")) {
      variant = Variant.LLH;
      required =
          new String[] {
            "latitude(deg)", "longitude(deg)", "height(m)", "q", "sdn(m)", "sde(m)", "sdu(m)"
          };
    } else if (map.containsKey("x-ecef(m)")) {
      variant = Variant.XYZ;
      required =
          new String[] {"x-ecef(m)", "y-ecef(m)", "z-ecef(m)", "q", "sdx(m)", "sdy(m)", "sdz(m)"};
    } else {
      throw new ReplayException(
          file
              + ": the RTKLIB column header names no position columns this reader knows"
              + " (e/n/u-baseline(m), latitude(deg)/longitude(deg)/height(m) or x/y/z-ecef(m);"
              + " degrees-minutes-seconds latitudes are not read): "
              + text);
    }
    int needed = 0;
    for (String r : required) {
      Integer at = map.get(r);
      if (at == null) {
        throw new ReplayException(file + ": the RTKLIB column header has no column '" + r + "'");
      }
      needed = Math.max(needed, at + 1);
    }
    requiredCells = needed;
    columns = map;
  }

  private boolean stationFromInput;

  private int col(String name) {
    return columns.get(name);
  }

  private double optional(String[] cells, String name) throws TextColumns.Malformed {
    Integer at = columns.get(name);
    if (at == null || at >= cells.length) {
      return 0.0;
    }
    return TextColumns.number(cells, at, name);
  }

  /** RTKLIB writes an off-diagonal covariance c as sign(c) * sqrt(|c|). */
  private static double signedSquare(double signedRoot) {
    return Math.signum(signedRoot) * signedRoot * signedRoot;
  }
}
