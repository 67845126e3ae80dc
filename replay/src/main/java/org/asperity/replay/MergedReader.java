package org.asperity.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.asperity.schemas.GnssObservation;

/**
 * Several sources merged into one stream in epoch order (ties by network, station, then the order
 * the sources were given), so a replay of many station files reaches Kafka as the stations observed
 * it: in time. Each source is assumed to be in time order itself (text readers read a file whole
 * and sort it). Given a reject log, a station's epoch that an earlier source already gave (two
 * overlapping files of one station) is dropped and counted as {@code DUPLICATE_EPOCH}: the first
 * source given wins.
 */
public final class MergedReader implements ObservationReader {
  private record Head(GnssObservation observation, int sourceIndex) {}

  private static final Comparator<Head> SAME_KEY =
      Comparator.comparing((Head h) -> h.observation().getEpoch())
          .thenComparing(h -> h.observation().getNetwork().toString())
          .thenComparing(h -> h.observation().getStation().toString());
  private static final Comparator<Head> ORDER = SAME_KEY.thenComparingInt(Head::sourceIndex);

  private final List<ObservationReader> sources;
  private final RejectLog duplicates;
  private final PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);
  private boolean primed;

  /** The key of the last observation returned, copied: a replay may shift the record's epoch. */
  private Head last;

  /** Merges without looking for duplicates across sources. */
  public MergedReader(List<ObservationReader> sources) {
    this(sources, null);
  }

  /** Merges, dropping into {@code duplicates} what an earlier source gave for the same epoch. */
  public MergedReader(List<ObservationReader> sources, RejectLog duplicates) {
    this.sources = List.copyOf(sources);
    this.duplicates = duplicates;
  }

  @Override
  public GnssObservation next() throws IOException {
    if (!primed) {
      primed = true;
      for (int i = 0; i < sources.size(); i++) {
        advance(i);
      }
    }
    while (true) {
      Head head = heads.poll();
      if (head == null) {
        return null;
      }
      advance(head.sourceIndex());
      if (duplicates != null && last != null && SAME_KEY.compare(last, head) == 0) {
        GnssObservation o = head.observation();
        duplicates.drop(
            sources.get(head.sourceIndex()).name(),
            "epoch " + o.getEpoch(),
            LineReader.DUPLICATE_EPOCH,
            "station "
                + o.getNetwork()
                + "/"
                + o.getStation()
                + " already read from "
                + sources.get(last.sourceIndex()).name());
        continue;
      }
      last = new Head(GnssObservation.newBuilder(head.observation()).build(), head.sourceIndex());
      return head.observation();
    }
  }

  private void advance(int index) throws IOException {
    GnssObservation next = sources.get(index).next();
    if (next != null) {
      heads.add(new Head(next, index));
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
