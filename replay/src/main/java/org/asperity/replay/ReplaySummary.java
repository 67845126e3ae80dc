package org.asperity.replay;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a replay did: records read, filtered out, written; rejects by reason with examples; lines
 * dropped on purpose (duplicate epochs) by reason; notes on how files were read (sorted, format
 * told by content, charset); the event-time span written (after any shift) and the number of
 * stations.
 */
public record ReplaySummary(
    String source,
    long read,
    long filtered,
    long written,
    long rejected,
    Map<String, Long> rejectsByReason,
    List<RejectLog.Reject> rejectExamples,
    long dropped,
    Map<String, Long> dropsByReason,
    List<String> notes,
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
            "  records   %,d read, %,d written, %,d outside the filters, %,d rejected%s%n",
            read,
            written,
            filtered,
            rejected,
            dropped == 0 ? "" : String.format(Locale.ROOT, ", %,d dropped", dropped)));
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
    for (String note : notes) {
      b.append("  read      ").append(note).append(System.lineSeparator());
    }
    if (dropped > 0) {
      b.append("  dropped   ").append(dropsByReason).append(System.lineSeparator());
    }
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
