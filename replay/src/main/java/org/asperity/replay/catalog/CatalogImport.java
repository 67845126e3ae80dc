package org.asperity.replay.catalog;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.asperity.replay.catalog.CatalogRefusal.Reason;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.EventSource;
import org.asperity.schemas.RuptureKind;

/**
 * A catalog document into {@code EarthquakeEvent}s of one region: every accepted event whose
 * hypocentre lies in the region's bounds (if any are given) becomes a {@code CATALOG} record keyed
 * by the region; the others are refused with a reason. Nothing in an event says which fault segment
 * it belongs to, so the region is the operator's choice, optionally checked against a box.
 */
public final class CatalogImport {
  /** How many refusals the summary names. */
  public static final int EXAMPLES = 20;

  /** Where accepted records go. */
  @FunctionalInterface
  public interface Sink {
    void accept(EarthquakeEvent event) throws IOException;
  }

  /**
   * What an import did.
   *
   * @param file what was read
   * @param region the region the events were assigned to
   * @param read events in the document (accepted and refused; 0 if the document was refused)
   * @param accepted events accepted (written unless a dry run)
   * @param refusedByReason refusals counted by reason
   * @param examples the first refusals
   */
  public record Summary(
      String file,
      String region,
      int read,
      int accepted,
      Map<Reason, Long> refusedByReason,
      List<CatalogRefusal> examples) {

    public Summary {
      refusedByReason = Map.copyOf(refusedByReason);
      examples = List.copyOf(examples);
    }

    public long refused() {
      return refusedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      s.append(
          String.format(
              Locale.ROOT,
              "%s: %d events read, %d accepted for region %s, %d refused",
              file,
              read,
              accepted,
              region,
              refused()));
      new TreeMap<>(refusedByReason)
          .forEach((reason, n) -> s.append("\n  refused ").append(reason).append(": ").append(n));
      for (CatalogRefusal r : examples) {
        s.append("\n    ").append(r);
      }
      return s.toString();
    }
  }

  private CatalogImport() {}

  /**
   * Writes the document's events of {@code region} to {@code sink}.
   *
   * @param bounds the region's box, or null to take every event
   */
  public static Summary run(
      String file, CatalogDocument document, String region, RegionBounds bounds, Sink sink)
      throws IOException {
    Objects.requireNonNull(region, "region");
    List<CatalogRefusal> refusals = new ArrayList<>(document.refusals());
    int written = 0;
    for (CatalogEvent e : document.events()) {
      if (bounds != null && !e.hasPosition()) {
        refusals.add(
            new CatalogRefusal(
                e.eventId(), Reason.OUTSIDE_REGION, "no hypocentre to check against " + bounds));
      } else if (bounds != null && !bounds.contains(e.latitudeDegrees(), e.longitudeDegrees())) {
        refusals.add(
            new CatalogRefusal(
                e.eventId(),
                Reason.OUTSIDE_REGION,
                String.format(
                    Locale.ROOT,
                    "hypocentre %.3f, %.3f outside %s",
                    e.latitudeDegrees(),
                    e.longitudeDegrees(),
                    bounds)));
      } else {
        sink.accept(toAvro(e, region));
        written++;
      }
    }
    Map<Reason, Long> counts = new TreeMap<>();
    for (CatalogRefusal r : refusals) {
      counts.merge(r.reason(), 1L, Long::sum);
    }
    boolean documentRefused = refusals.stream().anyMatch(r -> r.eventId() == null);
    int read = documentRefused ? 0 : document.events().size() + document.refusals().size();
    return new Summary(
        file,
        region,
        read,
        written,
        counts,
        refusals.subList(0, Math.min(EXAMPLES, refusals.size())));
  }

  /**
   * The record of a catalog event in {@code region}: the rupture fields, which a catalog does not
   * give, are NaN (asperities empty, kind UNKNOWN); the seismic moment follows from Mw by Hanks
   * &amp; Kanamori (1979), M0 = 10^(1.5 Mw + 9.1) N m.
   */
  public static EarthquakeEvent toAvro(CatalogEvent e, String region) {
    return EarthquakeEvent.newBuilder()
        .setEventId(e.eventId())
        .setRegion(region)
        .setOnset(Instant.EPOCH.plus(e.originTimeMicros(), ChronoUnit.MICROS))
        .setMomentMagnitude(e.momentMagnitude())
        .setSeismicMomentNewtonMeters(Math.pow(10, 1.5 * e.momentMagnitude() + 9.1))
        .setAsperities(List.of())
        .setRuptureKind(RuptureKind.UNKNOWN)
        .setRuptureStartAlongStrikeKilometers(Double.NaN)
        .setRuptureEndAlongStrikeKilometers(Double.NaN)
        .setRuptureAreaSquareKilometers(Double.NaN)
        .setMeanSlipMeters(Double.NaN)
        .setMaxSlipMeters(Double.NaN)
        .setSource(EventSource.CATALOG)
        .setAgency(e.agency())
        .setMagnitudeType(e.magnitudeType())
        .setMomentMagnitudeUncertainty(nullIfNaN(e.momentMagnitudeUncertainty()))
        .setHypocenterLatitudeDegrees(nullIfNaN(e.latitudeDegrees()))
        .setHypocenterLongitudeDegrees(nullIfNaN(e.longitudeDegrees()))
        .setHypocenterDepthMeters(nullIfNaN(e.depthMeters()))
        .setDescription(e.description())
        .build();
  }

  private static Double nullIfNaN(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
