package org.asperity.replay.catalog;

import java.util.Objects;

/**
 * One earthquake read from a catalog: its preferred origin and its chosen moment magnitude.
 *
 * @param eventId the QuakeML event publicID
 * @param originTimeMicros origin time, µs since 1970-01-01T00:00:00Z (UTC)
 * @param latitudeDegrees hypocentre latitude, WGS84 degrees north, NaN if not given
 * @param longitudeDegrees hypocentre longitude, WGS84 degrees east in [-180, 180], NaN if not given
 * @param depthMeters hypocentre depth, metres (QuakeML's unit), NaN if not given
 * @param momentMagnitude the moment magnitude, dimensionless
 * @param momentMagnitudeUncertainty its uncertainty as the catalog gives it, NaN if not given
 * @param magnitudeType the magnitude type as written (Mw, Mww, ...)
 * @param agency the magnitude's agencyID or author (else the origin's, else the event's), or null
 * @param description the event's first description text, or null
 */
public record CatalogEvent(
    String eventId,
    long originTimeMicros,
    double latitudeDegrees,
    double longitudeDegrees,
    double depthMeters,
    double momentMagnitude,
    double momentMagnitudeUncertainty,
    String magnitudeType,
    String agency,
    String description) {

  public CatalogEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(magnitudeType, "magnitudeType");
  }

  /** Whether the catalog gave a hypocentre position. */
  public boolean hasPosition() {
    return !Double.isNaN(latitudeDegrees) && !Double.isNaN(longitudeDegrees);
  }
}
