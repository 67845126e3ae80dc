package org.asperity.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.time.TimeUnits;

/**
 * Common skeleton of the text readers. A file is bounded, so it is read whole (see {@link TextFile}
 * for byte-order marks, Latin-1 bytes and line ends), each line parsed, and the observations sorted
 * by epoch, then station: a series whose lines are out of order (a real SOPAC file starts with a
 * day of its second year) is read completely and in time order, with a note in the summary. A
 * second line for a station and epoch already read is dropped and counted as {@code
 * DUPLICATE_EPOCH}; the first line in the file wins. A malformed line is rejected with its number
 * and reason.
 *
 * <p>The file's observations are held as primitive columns (about 80 bytes an epoch rather than an
 * object graph of about 250), so that replaying thousands of station files together, all open at
 * once for the merge, stays within a few gigabytes.
 */
abstract class LineReader implements ObservationReader {
  static final String DUPLICATE_EPOCH = "DUPLICATE_EPOCH";
  private static final int VALUES = 8;

  protected final Path file;
  protected final String network;
  protected final RejectLog rejects;

  private boolean loaded;
  private final List<String> stations = new ArrayList<>();
  private long[] epochMicros = new long[0];
  private int[] stationOf = new int[0];
  private double[] values = new double[0];
  private int[] order = new int[0];
  private int size;
  private int position;

  protected LineReader(Path file, String network, RejectLog rejects) throws IOException {
    this.file = file;
    this.network = network;
    this.rejects = rejects;
  }

  @Override
  public String name() {
    return file.getFileName().toString();
  }

  @Override
  public final GnssObservation next() throws IOException {
    if (!loaded) {
      loaded = true;
      load();
    }
    if (position >= order.length) {
      return null;
    }
    int row = order[position++];
    double[] v = Arrays.copyOfRange(values, row * VALUES, row * VALUES + VALUES);
    long micros = epochMicros[row];
    GnssObservation.Builder b =
        builder()
            .setStation(stations.get(stationOf[row]))
            .setEpoch(
                Instant.ofEpochSecond(
                    Math.floorDiv(micros, TimeUnits.MICROS_PER_SECOND),
                    Math.floorMod(micros, TimeUnits.MICROS_PER_SECOND) * TimeUnits.NANOS_PER_MICRO))
            .setEastMeters(v[0])
            .setNorthMeters(v[1])
            .setUpMeters(v[2])
            .setSigmaEastMeters(v[3])
            .setSigmaNorthMeters(v[4])
            .setSigmaUpMeters(v[5]);
    if (!Double.isNaN(v[6]) && !Double.isNaN(v[7])) {
      b.setLatitudeDegrees(v[6]).setLongitudeDegrees(v[7]);
    }
    GnssObservation o = b.build();
    adjust(o);
    return o;
  }

  private void load() throws IOException {
    TextFile text = TextFile.read(file);
    if (!"UTF-8".equals(text.charset())) {
      rejects.note(name() + ": not UTF-8, read as " + text.charset());
    }
    Map<String, Integer> stationIndex = new HashMap<>();
    List<Integer> lineOfRow = new ArrayList<>();
    long lineNumber = 0;
    long outOfOrder = 0;
    long latestMicros = Long.MIN_VALUE;
    for (String line : text.lines()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      GnssObservation o;
      try {
        o = parse(line, lineNumber);
      } catch (TextColumns.Malformed m) {
        rejects.reject(name(), "line " + lineNumber, m.reason, m.getMessage());
        continue;
      }
      if (o == null) {
        continue;
      }
      long epoch = epochMicros(o);
      if (epoch < latestMicros) {
        outOfOrder++;
      }
      latestMicros = Math.max(latestMicros, epoch);
      String station = o.getStation().toString();
      Integer index = stationIndex.get(station);
      if (index == null) {
        index = stations.size();
        stationIndex.put(station, index);
        stations.add(station);
      }
      append(epoch, index, o);
      lineOfRow.add((int) Math.min(Integer.MAX_VALUE, lineNumber));
    }
    if (outOfOrder > 0) {
      rejects.note(
          String.format(
              Locale.ROOT,
              "%s: %,d lines came before an earlier line's epoch; the file was sorted by epoch",
              name(),
              outOfOrder));
    }
    // Sorted by epoch, then station, then line: of two lines with one station and epoch, the one
    // earlier in the file is kept.
    Integer[] rows = new Integer[size];
    for (int i = 0; i < size; i++) {
      rows[i] = i;
    }
    Arrays.sort(
        rows,
        Comparator.comparingLong((Integer r) -> epochMicros[r])
            .thenComparing(r -> stations.get(stationOf[r]))
            .thenComparingInt(r -> r));
    int[] kept = new int[size];
    int count = 0;
    int previous = -1;
    for (int r : rows) {
      if (previous >= 0
          && epochMicros[previous] == epochMicros[r]
          && stationOf[previous] == stationOf[r]) {
        rejects.drop(
            name(),
            "line " + lineOfRow.get(r),
            DUPLICATE_EPOCH,
            "station "
                + stations.get(stationOf[r])
                + " epoch "
                + Instant.EPOCH.plusNanos(epochMicros[r] * TimeUnits.NANOS_PER_MICRO)
                + " already read on line "
                + lineOfRow.get(previous)
                + (sameValues(previous, r) ? "" : " (other values)"));
        continue;
      }
      kept[count++] = r;
      previous = r;
    }
    order = Arrays.copyOf(kept, count);
    epochMicros = Arrays.copyOf(epochMicros, size);
    stationOf = Arrays.copyOf(stationOf, size);
    values = Arrays.copyOf(values, size * VALUES);
  }

  private void append(long epoch, int station, GnssObservation o) {
    if (size == epochMicros.length) {
      int capacity = Math.max(64, size * 2);
      epochMicros = Arrays.copyOf(epochMicros, capacity);
      stationOf = Arrays.copyOf(stationOf, capacity);
      values = Arrays.copyOf(values, capacity * VALUES);
    }
    epochMicros[size] = epoch;
    stationOf[size] = station;
    int at = size * VALUES;
    values[at] = o.getEastMeters();
    values[at + 1] = o.getNorthMeters();
    values[at + 2] = o.getUpMeters();
    values[at + 3] = o.getSigmaEastMeters();
    values[at + 4] = o.getSigmaNorthMeters();
    values[at + 5] = o.getSigmaUpMeters();
    values[at + 6] = o.getLatitudeDegrees() == null ? Double.NaN : o.getLatitudeDegrees();
    values[at + 7] = o.getLongitudeDegrees() == null ? Double.NaN : o.getLongitudeDegrees();
    size++;
  }

  private boolean sameValues(int a, int b) {
    for (int i = 0; i < 3; i++) {
      if (values[a * VALUES + i] != values[b * VALUES + i]) {
        return false;
      }
    }
    return true;
  }

  static long epochMicros(GnssObservation o) {
    return o.getEpoch().getEpochSecond() * TimeUnits.MICROS_PER_SECOND
        + o.getEpoch().getNano() / TimeUnits.NANOS_PER_MICRO;
  }

  /** The observation on this line, null for a header or comment line, or Malformed. */
  protected abstract GnssObservation parse(String line, long number) throws TextColumns.Malformed;

  /**
   * Called on each observation as it is handed out, in time order, duplicates removed: a reader
   * whose displacements are relative to a station's first epoch sets them here.
   */
  protected void adjust(GnssObservation inTimeOrder) {}

  protected GnssObservation.Builder builder() {
    return GnssObservation.newBuilder().setNetwork(network).setSource(ObservationSource.REPLAY);
  }

  @Override
  public void close() throws IOException {
    loaded = true;
    order = new int[0];
    epochMicros = new long[0];
    stationOf = new int[0];
    values = new double[0];
  }
}
