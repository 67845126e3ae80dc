package org.asperity.replay;

import java.util.ArrayList;
import java.util.List;
import org.asperity.schemas.GnssObservation;

/** Test helper: everything a reader yields, then closed. */
final class Readers {
  private Readers() {}

  static List<GnssObservation> readAll(ObservationReader reader) throws Exception {
    List<GnssObservation> out = new ArrayList<>();
    try (reader) {
      GnssObservation o;
      while ((o = reader.next()) != null) {
        out.add(o);
      }
    }
    return out;
  }
}
