package org.asperity.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Opens a GNSS time-series file, its format told by its content (the extension only breaks no ties:
 * RTKLIB and PBO both write {@code .pos}, SIO and GAMIT TRACK both write {@code .neu}), with the
 * network its records are given.
 */
public final class GnssFiles {
  private GnssFiles() {}

  /** How many bytes of a file are looked at to tell its format. */
  static final int SNIFF_BYTES = 64 * 1024;

  /** The formats replay reads. */
  public enum Format {
    NGL_TENV3("NGL .tenv3", "NGL"),
    PBO_POS("PBO .pos 1.1", "PBO"),
    SIO_NEU("SIO .neu", "SIO"),
    RTKLIB_POS("RTKLIB .pos", "RTKLIB"),
    GAMIT_TRACK("GAMIT TRACK", "TRACK"),
    AVRO("Avro GnssObservation", null);

    final String label;
    final String defaultNetwork;

    Format(String label, String defaultNetwork) {
      this.label = label;
      this.defaultNetwork = defaultNetwork;
    }

    public String label() {
      return label;
    }
  }

  private static final String KNOWN =
      "replay reads NGL .tenv3 (a 'site ... MJD' header or 'SITE 95MAY19 ...' lines), PBO .pos 1.1"
          + " (a '*YYYYMMDD' column header), SIO .neu (decimal year, year, day of year, N E U and"
          + " sigmas), RTKLIB .pos ('%' header lines naming the GPST/UTC and position columns),"
          + " GAMIT TRACK .trk/.NEU ('* YY MM DD HR MIN Sec dNorth ... dEast' header) and .avro"
          + " (GnssObservation container files)";

  private static final Pattern TENV3_DATE = Pattern.compile("\\d\\d[A-Z]{3}\\d\\d");
  private static final byte[] AVRO_MAGIC = {'O', 'b', 'j', 1};

  /** The format of {@code file}, from its first {@value #SNIFF_BYTES} bytes. */
  public static Format detect(Path file) throws IOException {
    byte[] magic;
    try (InputStream in = Files.newInputStream(file)) {
      magic = in.readNBytes(AVRO_MAGIC.length);
    }
    if (java.util.Arrays.equals(magic, AVRO_MAGIC)) {
      return Format.AVRO;
    }
    Format format = detect(TextFile.head(file, SNIFF_BYTES).lines());
    if (format == null) {
      throw new ReplayException(file + ": format not recognised from its content; " + KNOWN);
    }
    return format;
  }

  /** The format these first lines of a file are in, or null. */
  static Format detect(List<String> lines) {
    List<String> data = new ArrayList<>();
    String firstLine = null;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      if (firstLine == null) {
        firstLine = line.strip();
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (line.startsWith("%")
          && (lower.contains("latitude(")
              || lower.contains("x-ecef(")
              || lower.contains("e-baseline(")
              || lower.contains("(lat/lon/height=")
              || lower.contains("(x/y/z-ecef=")
              || lower.contains("(e/n/u-baseline="))) {
        return Format.RTKLIB_POS;
      }
      if (line.startsWith("*YYYYMMDD") || line.startsWith("4-character ID:")) {
        return Format.PBO_POS;
      }
      if (line.startsWith("*") && line.contains("dNorth") && line.contains("dEast")) {
        return Format.GAMIT_TRACK;
      }
      if (!line.startsWith("#") && !line.startsWith("%") && !line.startsWith("*")) {
        data.add(line);
      }
    }
    if (firstLine != null) {
      String[] cells = TextColumns.split(firstLine);
      if (cells[0].equalsIgnoreCase("site") && firstLine.toLowerCase(Locale.ROOT).contains("mjd")) {
        return Format.NGL_TENV3;
      }
    }
    // Most of the first data lines, so that one malformed line does not hide a good file.
    List<String> sample = data.subList(0, Math.min(9, data.size()));
    if (most(sample, GnssFiles::looksLikeTenv3)) {
      return Format.NGL_TENV3;
    }
    if (most(sample, GnssFiles::looksLikeNeu)) {
      return Format.SIO_NEU;
    }
    return null;
  }

  private static boolean most(List<String> lines, java.util.function.Predicate<String> test) {
    long matching = lines.stream().filter(test).count();
    return matching > 0 && matching * 2 > lines.size();
  }

  private static boolean looksLikeTenv3(String line) {
    String[] cells = TextColumns.split(line);
    return cells.length >= 17 && TENV3_DATE.matcher(cells[1]).matches();
  }

  /** Decimal year, the same year as an integer, a day of year, then six numbers. */
  private static boolean looksLikeNeu(String line) {
    String[] cells = TextColumns.split(line);
    if (cells.length < 9) {
      return false;
    }
    try {
      double decimalYear = Double.parseDouble(cells[0]);
      long year = Long.parseLong(cells[1]);
      long day = Long.parseLong(cells[2]);
      for (int i = 3; i < 9; i++) {
        Double.parseDouble(cells[i]);
      }
      return Math.abs(decimalYear - year) < 1.01 && day >= 1 && day <= 366;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The format the extension suggests, or null; only used to note a mismatch. */
  static Format byExtension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".tenv3")) {
      return Format.NGL_TENV3;
    }
    if (name.endsWith(".avro")) {
      return Format.AVRO;
    }
    if (name.endsWith(".trk")) {
      return Format.GAMIT_TRACK;
    }
    return null;
  }

  /**
   * A reader for {@code file}. {@code network} names the network of text formats' stations (null:
   * NGL, PBO, SIO, RTKLIB or TRACK after the format); Avro files keep the network they recorded.
   */
  public static ObservationReader open(Path file, String network, RejectLog rejects)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ReplayException(file + " does not exist or is not a file");
    }
    Format format = detect(file);
    Format suggested = byExtension(file);
    if (suggested != null && suggested != format) {
      rejects.note(
          file.getFileName()
              + ": content is "
              + format.label
              + ", read as such (its extension suggests "
              + suggested.label
              + ")");
    }
    String net = network != null ? network : format.defaultNetwork;
    return switch (format) {
      case NGL_TENV3 -> new Tenv3Reader(file, net, rejects);
      case PBO_POS -> new PboPosReader(file, net, rejects);
      case SIO_NEU -> new SioNeuReader(file, net, rejects);
      case RTKLIB_POS -> new RtklibPosReader(file, net, rejects);
      case GAMIT_TRACK -> new TrackReader(file, net, rejects);
      case AVRO -> new AvroObservationFileReader(file, rejects);
    };
  }
}
