package org.asperity.simulator;

import java.util.List;
import org.asperity.simulator.physics.RuptureExtent;

/**
 * A recorded earthquake of one region (ground truth).
 *
 * @param region index of the region
 * @param regionId region identifier (sim-00, ...), the network of its stations
 * @param eventId deterministic identifier: region and ISO onset
 * @param onsetEpochMicros onset, microseconds since 1970 (UTC)
 * @param onsetYears onset in simulated years since the start of recording
 * @param asperities names of the asperities that slipped, in order of failure
 * @param extent small (no large asperity slipped), partial (some large asperities) or full-margin
 *     (all large asperities of the region)
 * @param momentMagnitude Mw
 * @param seismicMomentNewtonMeters M0
 * @param ruptureStartAlongStrikeKm along-strike start of the slipping area
 * @param ruptureEndAlongStrikeKm along-strike end of the slipping area
 * @param ruptureAreaSquareKm slipping area
 * @param meanSlipMeters mean slip over the slipping area
 * @param maxSlipMeters peak slip
 * @param asperitySlipMeters slip amplitude of each asperity of the region (0 for those that held)
 */
public record Earthquake(
    int region,
    String regionId,
    String eventId,
    long onsetEpochMicros,
    double onsetYears,
    List<String> asperities,
    RuptureExtent extent,
    double momentMagnitude,
    double seismicMomentNewtonMeters,
    double ruptureStartAlongStrikeKm,
    double ruptureEndAlongStrikeKm,
    double ruptureAreaSquareKm,
    double meanSlipMeters,
    double maxSlipMeters,
    double[] asperitySlipMeters) {

  public Earthquake {
    asperities = List.copyOf(asperities);
    asperitySlipMeters = asperitySlipMeters.clone();
  }

  /** True when every large asperity of the region slipped (the schema's FULL_MARGIN). */
  public boolean fullMargin() {
    return extent == RuptureExtent.FULL_MARGIN;
  }

  @Override
  public double[] asperitySlipMeters() {
    return asperitySlipMeters.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Earthquake e
        && region == e.region
        && eventId.equals(e.eventId)
        && onsetEpochMicros == e.onsetEpochMicros
        && Double.compare(onsetYears, e.onsetYears) == 0
        && asperities.equals(e.asperities)
        && extent == e.extent
        && Double.compare(momentMagnitude, e.momentMagnitude) == 0
        && java.util.Arrays.equals(asperitySlipMeters, e.asperitySlipMeters);
  }

  @Override
  public int hashCode() {
    return eventId.hashCode() * 31 + java.util.Arrays.hashCode(asperitySlipMeters);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "%s Mw %.2f %s %s",
        eventId,
        momentMagnitude,
        extent.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
        asperities);
  }
}
