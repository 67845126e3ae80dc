package org.asperity.replay.catalog;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a catalog file held: the events accepted (in document order) and the refusals.
 *
 * @param events accepted events
 * @param refusals refused events, or one refusal of the whole document
 */
public record CatalogDocument(List<CatalogEvent> events, List<CatalogRefusal> refusals) {

  public CatalogDocument {
    events = List.copyOf(events);
    refusals = List.copyOf(refusals);
  }

  /** Refusals counted by reason, in the reasons' order. */
  public Map<CatalogRefusal.Reason, Long> refusalsByReason() {
    Map<CatalogRefusal.Reason, Long> counts = new TreeMap<>();
    for (CatalogRefusal r : refusals) {
      counts.merge(r.reason(), 1L, Long::sum);
    }
    return counts;
  }
}
