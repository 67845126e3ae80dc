package org.asperity.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.asperity.schemas.GnssObservation;

/**
 * SOPAC/SIO {@code .neu} daily series: {@code #} comment lines, then per line decimal year, year,
 * day of year, north, east, up (metres) and their sigmas (metres). The station is the first four
 * characters of the file name (SOPAC names files like {@code lhasCleanFlt.neu}) unless a comment
 * line names it ({@code # Site: LHAS}, or the PBO-style {@code #4-character ID: USUD}); a {@code
 * #NEU Reference position : lat lon height} comment gives the station's coordinates. The epoch is
 * 12:00 UTC of the given day.
 */
public final class SioNeuReader extends LineReader {
  private String station;
  private Double latitude;
  private Double longitude;

  public SioNeuReader(Path file, String network, RejectLog rejects) throws IOException {
    super(file, network, rejects);
    String name = file.getFileName().toString();
    this.station = name.substring(0, Math.min(4, name.length())).toUpperCase(Locale.ROOT);
  }

  @Override
  protected GnssObservation parse(String line, long number) throws TextColumns.Malformed {
    if (line.startsWith("#")) {
      String text = line.substring(1).strip();
      int colon = text.indexOf(':');
      String key = colon > 0 ? text.substring(0, colon).strip() : "";
      String[] values = colon > 0 ? TextColumns.split(text.substring(colon + 1)) : new String[0];
      if ((key.equalsIgnoreCase("site") || key.equalsIgnoreCase("4-character ID"))
          && values.length > 0
          && !values[0].isEmpty()) {
        station = values[0].toUpperCase(Locale.ROOT);
      } else if (key.equalsIgnoreCase("NEU Reference position") && values.length >= 2) {
        try {
          latitude = Double.parseDouble(values[0]);
          longitude = TextColumns.longitude(Double.parseDouble(values[1]));
        } catch (NumberFormatException e) {
          latitude = null;
          longitude = null;
        }
      }
      return null;
    }
    String[] cells = TextColumns.split(line);
    if (cells.length < 9) {
      throw new TextColumns.Malformed(
          TextColumns.COLUMN_COUNT, cells.length + " columns, expected at least 9");
    }
    long year = TextColumns.integer(cells, 1, "year");
    long dayOfYear = TextColumns.integer(cells, 2, "day of year");
    if (year < 1900
        || year > 2100
        || dayOfYear < 1
        || dayOfYear > (java.time.Year.isLeap(year) ? 366 : 365)) {
      throw new TextColumns.Malformed(TextColumns.BAD_DATE, "year " + year + " day " + dayOfYear);
    }
    long epochSeconds =
        LocalDate.ofYearDay((int) year, (int) dayOfYear)
                .atStartOfDay(ZoneOffset.UTC)
                .toEpochSecond()
            + 43_200;
    GnssObservation.Builder b = builder();
    if (latitude != null && Math.abs(latitude) <= 90) {
      b.setLatitudeDegrees(latitude).setLongitudeDegrees(longitude);
    }
    return b.setStation(station)
        .setEpoch(Instant.ofEpochSecond(epochSeconds))
        .setNorthMeters(TextColumns.number(cells, 3, "north"))
        .setEastMeters(TextColumns.number(cells, 4, "east"))
        .setUpMeters(TextColumns.number(cells, 5, "up"))
        .setSigmaNorthMeters(TextColumns.sigma(cells, 6, "sigma north"))
        .setSigmaEastMeters(TextColumns.sigma(cells, 7, "sigma east"))
        .setSigmaUpMeters(TextColumns.sigma(cells, 8, "sigma up"))
        .build();
  }
}
