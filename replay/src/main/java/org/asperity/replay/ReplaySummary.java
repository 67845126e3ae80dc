package org.asperity.replay;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a replay did: records read, filtered out, written; rejects by reason with examples; the
 * event-time span written (after any shift) and the number of stations.
 */
public record ReplaySummary(
    String source,
    long read,
    long filtered,
    long written,
    long rejected,
    Map<String, Long> rejectsByReason,
    List<RejectLog.Reject> rejectExamples,
    Instant firstEpoch,
    Instant lastEpoch,
    int stations,
    long shiftSeconds,
    double wallSeconds) {

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Replayed %s in %.1f s%n", source, wallSeconds));
    b.append(
        String.format(
            Locale.ROOT,
            "  records   %,d read, %,d written, %,d outside the filters, %,d rejected%n",
            read,
            written,
            filtered,
            rejected));
    b.append(String.format(Locale.ROOT, "  stations  %d%n", stations));
    b.append(
        String.format(
            Locale.ROOT,
            "  span      %s .. %s%s%n",
            firstEpoch == null ? "-" : firstEpoch,
            lastEpoch == null ? "-" : lastEpoch,
            shiftSeconds == 0
                ? " (historic event times)"
                : String.format(Locale.ROOT, " (shifted by %+,d s to now)", shiftSeconds)));
    if (rejected > 0) {
      b.append("  rejects   ").append(rejectsByReason).append(System.lineSeparator());
      for (RejectLog.Reject r : rejectExamples) {
        b.append("            ").append(r).append(System.lineSeparator());
      }
      if (rejected > rejectExamples.size()) {
        b.append(
            String.format(
                Locale.ROOT, "            ... and %,d more%n", rejected - rejectExamples.size()));
      }
    }
    return b.toString().stripTrailing();
  }
}
