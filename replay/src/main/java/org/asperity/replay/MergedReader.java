package org.asperity.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.asperity.schemas.GnssObservation;

/**
 * Several sources merged into one stream in epoch order (ties by network, then station), so a
 * replay of many station files reaches Kafka as the stations observed it: in time. Each source is
 * assumed to be in time order itself (text readers read a file whole and sort it).
 */
public final class MergedReader implements ObservationReader {
  private record Head(GnssObservation observation, ObservationReader source) {}

  private static final Comparator<Head> ORDER =
      Comparator.comparing((Head h) -> h.observation().getEpoch())
          .thenComparing(h -> h.observation().getNetwork())
          .thenComparing(h -> h.observation().getStation());

  private final List<ObservationReader> sources;
  private final PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);
  private boolean primed;

  public MergedReader(List<ObservationReader> sources) {
    this.sources = List.copyOf(sources);
  }

  @Override
  public GnssObservation next() throws IOException {
    if (!primed) {
      primed = true;
      for (ObservationReader source : sources) {
        advance(source);
      }
    }
    Head head = heads.poll();
    if (head == null) {
      return null;
    }
    advance(head.source());
    return head.observation();
  }

  private void advance(ObservationReader source) throws IOException {
    GnssObservation next = source.next();
    if (next != null) {
      heads.add(new Head(next, source));
    }
  }

  @Override
  public String name() {
    List<String> names = new ArrayList<>();
    for (ObservationReader s : sources) {
      names.add(s.name());
    }
    return String.join(", ", names);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (ObservationReader s : sources) {
      try {
        s.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
