package org.asperity.replay.catalog;

import java.util.Objects;

/**
 * An event (or a whole document) a catalog import refused.
 *
 * @param eventId the event's QuakeML publicID, or null when the whole document is refused
 * @param reason why, one of a fixed set
 * @param detail the particulars, one sentence
 */
public record CatalogRefusal(String eventId, Reason reason, String detail) {

  /** Why an event or document was refused. */
  public enum Reason {
    /** The document is not well-formed XML, or larger than allowed, or unreadable. */
    MALFORMED_XML,
    /** Well-formed, but not a QuakeML 1.2 document (root q:quakeml, events in the BED 1.2 ns). */
    NOT_QUAKEML_1_2,
    /** The event has no origin at all. */
    NO_ORIGIN,
    /** The chosen origin has no (parseable) time. */
    NO_ORIGIN_TIME,
    /** None of the event's magnitudes is a moment magnitude (Mw, Mww, Mwc, Mwr, Mwb, ...). */
    NO_MOMENT_MAGNITUDE,
    /** A value out of its physical range (latitude, longitude, depth, magnitude, uncertainty). */
    BAD_VALUE,
    /** The event type says it is no earthquake (explosion, quarry blast, not existing...). */
    NOT_AN_EARTHQUAKE,
    /** The hypocentre lies outside the region's bounds, or is unknown while bounds are set. */
    OUTSIDE_REGION,
    /** A second event with the same publicID in the document. */
    DUPLICATE_EVENT_ID
  }

  public CatalogRefusal {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return (eventId == null ? "document" : eventId) + ": " + reason + " (" + detail + ")";
  }
}
