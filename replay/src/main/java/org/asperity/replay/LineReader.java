package org.asperity.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.time.TimeUnits;

/**
 * Common skeleton of the text readers: line numbers, skipping blank lines, rejecting a malformed
 * line with its number and reason, and enforcing increasing epochs within a file (a station's
 * series is in time order; a line that is not is a duplicate or out of order and is rejected so the
 * downstream job never sees it).
 */
abstract class LineReader implements ObservationReader {
  protected final Path file;
  protected final String network;
  protected final RejectLog rejects;
  private final BufferedReader reader;
  private long lineNumber;
  private long lastEpochMicros = Long.MIN_VALUE;

  protected LineReader(Path file, String network, RejectLog rejects) throws IOException {
    this.file = file;
    this.network = network;
    this.rejects = rejects;
    this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }

  @Override
  public String name() {
    return file.getFileName().toString();
  }

  @Override
  public final GnssObservation next() throws IOException {
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        GnssObservation o = parse(line, lineNumber);
        if (o == null) {
          continue;
        }
        long epoch =
            o.getEpoch().getEpochSecond() * TimeUnits.MICROS_PER_SECOND
                + o.getEpoch().getNano() / TimeUnits.NANOS_PER_MICRO;
        if (epoch <= lastEpochMicros) {
          throw new TextColumns.Malformed(
              TextColumns.OUT_OF_ORDER,
              "epoch " + o.getEpoch() + " is not after the previous line's");
        }
        lastEpochMicros = epoch;
        return o;
      } catch (TextColumns.Malformed m) {
        rejects.reject(name(), "line " + lineNumber, m.reason, m.getMessage());
      }
    }
    return null;
  }

  /** The observation on this line, null for a header or comment line, or Malformed. */
  protected abstract GnssObservation parse(String line, long number) throws TextColumns.Malformed;

  protected GnssObservation.Builder builder() {
    return GnssObservation.newBuilder().setNetwork(network).setSource(ObservationSource.REPLAY);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
