package org.asperity.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.asperity.schemas.GnssObservation;
import org.asperity.time.TimeUnits;

/**
 * Nevada Geodetic Laboratory daily series in {@code .tenv3} format (Blewitt et al. 2018, Eos 99;
 * "tenv3" documentation of NGL). Columns are found by their header names, so extra or reordered
 * columns are fine; a file without a header uses the documented order. Each local coordinate is
 * split into an integer metre column (which does not change when the value crosses an integer) and
 * a fractional column: position = integer + fraction. Displacements are relative to the station's
 * first epoch in the file; the epoch is the middle (12:00 UTC) of the day given by the modified
 * Julian date, the solution's 24 h session.
 */
public final class Tenv3Reader extends LineReader {
  private static final long MJD_OF_UNIX_EPOCH = 40_587;

  private static final String[] DOCUMENTED_ORDER = {
    "site",
    "yymmmdd",
    "yyyy.yyyy",
    "mjd",
    "week",
    "d",
    "reflon",
    "e0(m)",
    "east(m)",
    "n0(m)",
    "north(m)",
    "u0(m)",
    "up(m)",
    "ant(m)",
    "sig_e(m)",
    "sig_n(m)",
    "sig_u(m)",
    "corr_en",
    "corr_eu",
    "corr_nu",
    "latitude(deg)",
    "longitude(deg)",
    "height(m)"
  };

  private Map<String, Integer> columns;
  private int requiredColumns;

  public Tenv3Reader(Path file, String network, RejectLog rejects) throws IOException {
    super(file, network, rejects);
  }

  @Override
  protected GnssObservation parse(String line, long number) throws TextColumns.Malformed {
    String[] cells = TextColumns.split(line);
    if (columns == null) {
      if (cells[0].equalsIgnoreCase("site")) {
        columns = header(cells);
        return null;
      }
      columns = header(DOCUMENTED_ORDER);
    }
    if (cells.length < requiredColumns) {
      throw new TextColumns.Malformed(
          TextColumns.COLUMN_COUNT,
          cells.length + " columns, expected at least " + requiredColumns);
    }
    String site = cells[col("site")];
    long mjd = TextColumns.integer(cells, col("mjd"), "MJD");
    if (mjd < 15_020 || mjd > 88_069) { // 1900-01-01 .. 2100-01-01
      throw new TextColumns.Malformed(TextColumns.BAD_DATE, "MJD " + mjd + " outside 1900-2100");
    }
    double east =
        TextColumns.number(cells, col("e0(m)"), "e0")
            + TextColumns.number(cells, col("east(m)"), "east");
    double north =
        TextColumns.number(cells, col("n0(m)"), "n0")
            + TextColumns.number(cells, col("north(m)"), "north");
    double up =
        TextColumns.number(cells, col("u0(m)"), "u0")
            + TextColumns.number(cells, col("up(m)"), "up");
    double sigmaEast = TextColumns.sigma(cells, col("sig_e(m)"), "sig_e");
    double sigmaNorth = TextColumns.sigma(cells, col("sig_n(m)"), "sig_n");
    double sigmaUp = TextColumns.sigma(cells, col("sig_u(m)"), "sig_u");
    long epochMicros =
        (mjd - MJD_OF_UNIX_EPOCH) * TimeUnits.MICROS_PER_DAY + TimeUnits.MICROS_PER_DAY / 2;
    GnssObservation.Builder b =
        builder()
            .setStation(site)
            .setEpoch(Instant.ofEpochSecond(epochMicros / TimeUnits.MICROS_PER_SECOND))
            .setEastMeters(east)
            .setNorthMeters(north)
            .setUpMeters(up)
            .setSigmaEastMeters(sigmaEast)
            .setSigmaNorthMeters(sigmaNorth)
            .setSigmaUpMeters(sigmaUp);
    Integer lat = columns.get("latitude(deg)");
    Integer lon = columns.get("longitude(deg)");
    if (lat != null && lon != null && cells.length > Math.max(lat, lon)) {
      b.setLatitudeDegrees(TextColumns.number(cells, lat, "latitude"));
      b.setLongitudeDegrees(TextColumns.longitude(TextColumns.number(cells, lon, "longitude")));
    }
    return b.build();
  }

  private final Map<String, double[]> firstPosition = new HashMap<>();

  /** Positions become displacements from each station's first epoch (after sorting). */
  @Override
  protected void adjust(GnssObservation o) {
    double[] f =
        firstPosition.computeIfAbsent(
            o.getStation().toString(),
            s -> new double[] {o.getEastMeters(), o.getNorthMeters(), o.getUpMeters()});
    o.setEastMeters(o.getEastMeters() - f[0]);
    o.setNorthMeters(o.getNorthMeters() - f[1]);
    o.setUpMeters(o.getUpMeters() - f[2]);
  }

  private int col(String name) {
    return columns.get(name);
  }

  private Map<String, Integer> header(String[] names) throws TextColumns.Malformed {
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      // NGL pads names with leading underscores to align columns: "__east(m)", "_latitude(deg)".
      String name = names[i].replaceFirst("^_+", "").toLowerCase(Locale.ROOT);
      map.putIfAbsent(name, i);
    }
    int needed = 0;
    for (String required :
        new String[] {
          "site",
          "mjd",
          "e0(m)",
          "east(m)",
          "n0(m)",
          "north(m)",
          "u0(m)",
          "up(m)",
          "sig_e(m)",
          "sig_n(m)",
          "sig_u(m)"
        }) {
      Integer at = map.get(required);
      if (at == null) {
        throw new ReplayException(file + ": the .tenv3 header has no column '" + required + "'");
      }
      needed = Math.max(needed, at + 1);
    }
    requiredColumns = needed;
    return map;
  }
}
