package org.asperity.replay;

import java.io.IOException;
import org.asperity.schemas.GnssObservation;

/** Where replayed observations go (Kafka in production, a list in tests). */
public interface ObservationSink extends AutoCloseable {
  void accept(GnssObservation observation) throws IOException;

  @Override
  void close() throws IOException;
}
