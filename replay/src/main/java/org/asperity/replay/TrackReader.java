package org.asperity.replay;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asperity.schemas.GnssObservation;

/**
 * GAMIT/GLOBK TRACK kinematic solutions, NEU output ({@code out_type NEU}; T. A. Herring et al.,
 * "TRACK: GAMIT/GLOBK kinematic positioning", track.hlp of GAMIT/GLOBK 10.x). A header line
 * starting with {@code *} names the columns: {@code YY MM DD HR MIN Sec} (GPS time; years may have
 * two or four digits), then {@code dNorth +- dEast +- dHeight +-}: north, east and height
 * differences in metres from the site's a priori coordinates, each followed by its sigma; then RMS,
 * number of double differences, atmospheric delay, fractional day of year, epoch number, ambiguity
 * counts and a flag, which are not needed here. Lines starting with {@code *} are comments.
 * Displacements are kept as given (from the a priori position). Epochs are converted from GPS time
 * to UTC. TRACK names its output {@code <prefix>.NEU.<site>.<obs>} (e.g. {@code
 * track.NEU.p066.LC}); the station is that site, else the first four characters of the file name
 * ({@code p066.trk}).
 */
public final class TrackReader extends LineReader {
  private static final Pattern TRACK_NAME =
      Pattern.compile("(?i).*\\.(?:NEU|GEOD|DHU|XYZ)\\.([a-z0-9]{4})(?:\\..*)?");

  private final String station;
  private int north = -1;
  private int east = -1;
  private int height = -1;
  private int requiredCells;

  public TrackReader(Path file, String network, RejectLog rejects) throws IOException {
    super(file, network, rejects);
    String name = file.getFileName().toString();
    Matcher m = TRACK_NAME.matcher(name);
    String site = m.matches() ? m.group(1) : name.substring(0, Math.min(4, name.length()));
    this.station = site.toUpperCase(Locale.ROOT);
  }

  @Override
  protected GnssObservation parse(String line, long number) throws TextColumns.Malformed {
    if (line.startsWith("*")) {
      String[] names = TextColumns.split(line.substring(1));
      int n = indexOf(names, "dNorth");
      int e = indexOf(names, "dEast");
      int h = indexOf(names, "dHeight");
      if (n >= 0 && e >= 0 && h >= 0) {
        for (int at : new int[] {n, e, h}) {
          if (at + 1 >= names.length || !names[at + 1].equals("+-")) {
            throw new ReplayException(
                file + ": the TRACK header has no '+-' sigma column after " + names[at]);
          }
        }
        if (n < 6 || !names[0].equalsIgnoreCase("YY") || !names[5].equalsIgnoreCase("Sec")) {
          throw new ReplayException(
              file + ": the TRACK header does not start with 'YY MM DD HR MIN Sec': " + line);
        }
        north = n;
        east = e;
        height = h;
        requiredCells = Math.max(n, Math.max(e, h)) + 2;
      }
      return null;
    }
    if (north < 0) {
      throw new ReplayException(
          file
              + ": data before the '* YY MM DD HR MIN Sec dNorth +- dEast +- dHeight +-' header;"
              + " only TRACK's NEU output is read");
    }
    String[] cells = TextColumns.split(line);
    if (cells.length < requiredCells) {
      throw new TextColumns.Malformed(
          TextColumns.COLUMN_COUNT, cells.length + " columns, expected at least " + requiredCells);
    }
    return builder()
        .setStation(station)
        .setEpoch(epoch(cells))
        .setNorthMeters(TextColumns.number(cells, north, "dNorth"))
        .setSigmaNorthMeters(TextColumns.sigma(cells, north + 1, "dNorth sigma"))
        .setEastMeters(TextColumns.number(cells, east, "dEast"))
        .setSigmaEastMeters(TextColumns.sigma(cells, east + 1, "dEast sigma"))
        .setUpMeters(TextColumns.number(cells, height, "dHeight"))
        .setSigmaUpMeters(TextColumns.sigma(cells, height + 1, "dHeight sigma"))
        .build();
  }

  private static Instant epoch(String[] cells) throws TextColumns.Malformed {
    try {
      long year = TextColumns.integer(cells, 0, "year");
      if (year < 100) {
        year += year < 80 ? 2000 : 1900;
      }
      BigDecimal seconds = new BigDecimal(cells[5]);
      if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(61)) >= 0) {
        throw new NumberFormatException();
      }
      Instant gps =
          LocalDateTime.of(
                  (int) year,
                  (int) TextColumns.integer(cells, 1, "month"),
                  (int) TextColumns.integer(cells, 2, "day"),
                  (int) TextColumns.integer(cells, 3, "hour"),
                  (int) TextColumns.integer(cells, 4, "minute"))
              .toInstant(ZoneOffset.UTC)
              .plusSeconds(seconds.longValue())
              .plusNanos(seconds.remainder(BigDecimal.ONE).movePointRight(6).longValue() * 1000);
      return GpsTime.toUtc(gps);
    } catch (DateTimeException | NumberFormatException e) {
      throw new TextColumns.Malformed(
          TextColumns.BAD_DATE,
          "time '"
              + String.join(" ", java.util.Arrays.copyOfRange(cells, 0, Math.min(6, cells.length)))
              + "' is not YY MM DD HR MIN Sec");
    }
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
