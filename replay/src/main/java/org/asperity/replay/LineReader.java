package org.asperity.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
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
 */
abstract class LineReader implements ObservationReader {
  static final String DUPLICATE_EPOCH = "DUPLICATE_EPOCH";

  protected final Path file;
  protected final String network;
  protected final RejectLog rejects;
  private Iterator<GnssObservation> sorted;

  private record Parsed(GnssObservation observation, long epochMicros, long lineNumber) {}

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
    if (sorted == null) {
      sorted = readAll().iterator();
    }
    return sorted.hasNext() ? sorted.next() : null;
  }

  private List<GnssObservation> readAll() throws IOException {
    TextFile text = TextFile.read(file);
    if (!"UTF-8".equals(text.charset())) {
      rejects.note(name() + ": not UTF-8, read as " + text.charset());
    }
    List<Parsed> parsed = new ArrayList<>();
    long lineNumber = 0;
    long outOfOrder = 0;
    long latestMicros = Long.MIN_VALUE;
    for (String line : text.lines()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        GnssObservation o = parse(line, lineNumber);
        if (o == null) {
          continue;
        }
        long epoch = epochMicros(o);
        if (epoch < latestMicros) {
          outOfOrder++;
        }
        latestMicros = Math.max(latestMicros, epoch);
        parsed.add(new Parsed(o, epoch, lineNumber));
      } catch (TextColumns.Malformed m) {
        rejects.reject(name(), "line " + lineNumber, m.reason, m.getMessage());
      }
    }
    if (outOfOrder > 0) {
      rejects.note(
          String.format(
              Locale.ROOT,
              "%s: %,d lines came before an earlier line's epoch; the file was sorted by epoch",
              name(),
              outOfOrder));
    }
    // A stable sort: of two lines with one station and epoch, the one earlier in the file is kept.
    parsed.sort(
        Comparator.comparingLong(Parsed::epochMicros)
            .thenComparing(p -> p.observation().getStation().toString()));
    List<GnssObservation> kept = new ArrayList<>(parsed.size());
    Parsed previous = null;
    for (Parsed p : parsed) {
      if (previous != null
          && previous.epochMicros() == p.epochMicros()
          && previous
              .observation()
              .getStation()
              .toString()
              .equals(p.observation().getStation().toString())) {
        rejects.drop(
            name(),
            "line " + p.lineNumber(),
            DUPLICATE_EPOCH,
            "station "
                + p.observation().getStation()
                + " epoch "
                + p.observation().getEpoch()
                + " already read on line "
                + previous.lineNumber()
                + (sameValues(previous.observation(), p.observation()) ? "" : " (other values)"));
        continue;
      }
      kept.add(p.observation());
      previous = p;
    }
    finish(kept);
    return kept;
  }

  private static boolean sameValues(GnssObservation a, GnssObservation b) {
    return a.getEastMeters() == b.getEastMeters()
        && a.getNorthMeters() == b.getNorthMeters()
        && a.getUpMeters() == b.getUpMeters();
  }

  static long epochMicros(GnssObservation o) {
    return o.getEpoch().getEpochSecond() * TimeUnits.MICROS_PER_SECOND
        + o.getEpoch().getNano() / TimeUnits.NANOS_PER_MICRO;
  }

  /** The observation on this line, null for a header or comment line, or Malformed. */
  protected abstract GnssObservation parse(String line, long number) throws TextColumns.Malformed;

  /**
   * Called once with the file's observations in time order, duplicates removed; a reader whose
   * displacements are relative to the first epoch sets them here.
   */
  protected void finish(List<GnssObservation> inTimeOrder) {}

  protected GnssObservation.Builder builder() {
    return GnssObservation.newBuilder().setNetwork(network).setSource(ObservationSource.REPLAY);
  }

  @Override
  public void close() throws IOException {
    sorted = null;
  }
}
