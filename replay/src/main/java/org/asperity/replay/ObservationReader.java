package org.asperity.replay;

import java.io.IOException;
import org.asperity.schemas.GnssObservation;

/**
 * A source of GNSS observations for replay, read in its own order (for files: time order per
 * station). Malformed input is reported to the {@link RejectLog} and skipped, never thrown, unless
 * the log is strict.
 */
public interface ObservationReader extends AutoCloseable {

  /** The next observation, or null at the end. */
  GnssObservation next() throws IOException;

  /** Where the observations come from (a file name, a topic range), for summaries. */
  String name();

  @Override
  void close() throws IOException;
}
