package org.asperity.replay;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.wire.AvroClassTrust;

/**
 * GnssObservation records from an Avro object container file (as {@code ./asperity simulate --out}
 * writes them, or any producer using the released schema: the file's own schema is resolved against
 * the current one). A corrupt block ends the file with a reject instead of a crash.
 */
public final class AvroObservationFileReader implements ObservationReader {
  private final Path file;
  private final RejectLog rejects;
  private final DataFileReader<GnssObservation> reader;
  private long records;
  private boolean broken;

  public AvroObservationFileReader(Path file, RejectLog rejects) throws IOException {
    AvroClassTrust.ensureInstalled();
    this.file = file;
    this.rejects = rejects;
    try {
      this.reader =
          new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(GnssObservation.class));
    } catch (IOException | AvroRuntimeException e) {
      throw new ReplayException(
          file + " is not an Avro container file of GnssObservation: " + e.getMessage(), e);
    }
  }

  @Override
  public GnssObservation next() {
    if (broken) {
      return null;
    }
    try {
      if (!reader.hasNext()) {
        return null;
      }
      GnssObservation o = reader.next();
      records++;
      return o;
    } catch (AvroRuntimeException e) {
      broken = true;
      rejects.reject(
          name(),
          "record " + (records + 1),
          "CORRUPT_BLOCK",
          "the rest of the file is unreadable: " + e.getMessage());
      return null;
    }
  }

  @Override
  public String name() {
    return file.getFileName().toString();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
