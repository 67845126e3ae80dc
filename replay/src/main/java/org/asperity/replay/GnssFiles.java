package org.asperity.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a GNSS time-series file by its extension, with the network its records are given. */
public final class GnssFiles {
  private GnssFiles() {}

  /** The formats replay reads. */
  public enum Format {
    NGL_TENV3(".tenv3", "NGL"),
    PBO_POS(".pos", "PBO"),
    SIO_NEU(".neu", "SIO"),
    AVRO(".avro", null);

    final String extension;
    final String defaultNetwork;

    Format(String extension, String defaultNetwork) {
      this.extension = extension;
      this.defaultNetwork = defaultNetwork;
    }
  }

  public static Format formatOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (Format f : Format.values()) {
      if (name.endsWith(f.extension)) {
        return f;
      }
    }
    throw new ReplayException(
        file
            + ": unknown format; replay reads .tenv3 (NGL), .pos (PBO 1.1), .neu (SIO) and"
            + " .avro (GnssObservation container files)");
  }

  /**
   * A reader for {@code file}. {@code network} names the network of text formats' stations (null:
   * NGL, PBO or SIO after the format); Avro files keep the network they recorded.
   */
  public static ObservationReader open(Path file, String network, RejectLog rejects)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ReplayException(file + " does not exist or is not a file");
    }
    Format format = formatOf(file);
    String net = network != null ? network : format.defaultNetwork;
    return switch (format) {
      case NGL_TENV3 -> new Tenv3Reader(file, net, rejects);
      case PBO_POS -> new PboPosReader(file, net, rejects);
      case SIO_NEU -> new SioNeuReader(file, net, rejects);
      case AVRO -> new AvroObservationFileReader(file, rejects);
    };
  }
}
