package org.asperity.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.asperity.schemas.GnssObservation;

/**
 * UNAVCO/EarthScope PBO station position time series, {@code .pos} format version 1.1 (header lines
 * up to the column line starting {@code *YYYYMMDD}; data lines: date, time, MJD, XYZ with sigmas
 * and correlations, latitude, longitude, height, dN dE dU in metres from the NEU reference
 * position, their sigmas and correlations, solution type). Columns are found by the names on the
 * {@code *YYYYMMDD} line. The station code is the header's "4-character ID".
 */
public final class PboPosReader extends LineReader {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  private String station;
  private Map<String, Integer> columns;
  private int requiredColumns;

  public PboPosReader(Path file, String network, RejectLog rejects) throws IOException {
    super(file, network, rejects);
  }

  @Override
  protected GnssObservation parse(String line, long number) throws TextColumns.Malformed {
    if (columns == null) {
      if (line.startsWith("4-character ID:")) {
        station = line.substring(line.indexOf(':') + 1).strip();
      } else if (line.startsWith("*YYYYMMDD")) {
        columns = header(TextColumns.split(line.substring(1)));
      }
      return null;
    }
    String[] cells = TextColumns.split(line);
    if (cells.length < requiredColumns) {
      throw new TextColumns.Malformed(
          TextColumns.COLUMN_COUNT,
          cells.length + " columns, expected at least " + requiredColumns);
    }
    long epochSeconds;
    try {
      epochSeconds =
          LocalDate.parse(cells[0], DATE)
              .atTime(LocalTime.parse(cells[1], TIME))
              .toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new TextColumns.Malformed(
          TextColumns.BAD_DATE,
          "date/time '" + cells[0] + " " + cells[1] + "' is not YYYYMMDD HHMMSS");
    }
    return builder()
        .setStation(station)
        .setEpoch(java.time.Instant.ofEpochSecond(epochSeconds))
        .setEastMeters(TextColumns.number(cells, columns.get("de"), "dE"))
        .setNorthMeters(TextColumns.number(cells, columns.get("dn"), "dN"))
        .setUpMeters(TextColumns.number(cells, columns.get("du"), "dU"))
        .setSigmaEastMeters(TextColumns.sigma(cells, columns.get("se"), "Se"))
        .setSigmaNorthMeters(TextColumns.sigma(cells, columns.get("sn"), "Sn"))
        .setSigmaUpMeters(TextColumns.sigma(cells, columns.get("su"), "Su"))
        .setLatitudeDegrees(TextColumns.number(cells, columns.get("nlat"), "NLat"))
        .setLongitudeDegrees(
            TextColumns.longitude(TextColumns.number(cells, columns.get("elong"), "Elong")))
        .build();
  }

  private Map<String, Integer> header(String[] names) {
    if (station == null || station.isEmpty()) {
      throw new ReplayException(
          file + ": no '4-character ID:' line before the column header; is this a PBO .pos file?");
    }
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.putIfAbsent(names[i].toLowerCase(java.util.Locale.ROOT), i);
    }
    int needed = 0;
    for (String required :
        new String[] {"yyyymmdd", "hhmmss", "nlat", "elong", "dn", "de", "du", "sn", "se", "su"}) {
      Integer at = map.get(required);
      if (at == null) {
        throw new ReplayException(
            file + ": the .pos column header has no column '" + required + "'");
      }
      needed = Math.max(needed, at + 1);
    }
    requiredColumns = needed;
    return map;
  }
}
