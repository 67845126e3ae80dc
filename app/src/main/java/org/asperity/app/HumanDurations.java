package org.asperity.app;

import java.time.Duration;
import java.util.Locale;

/** Durations as an operator writes them: 1d, 5m, 1s, 365d, 250ms. */
final class HumanDurations {
  private HumanDurations() {}

  static String format(Duration d) {
    long millis = d.toMillis();
    if (millis % 86_400_000L == 0) {
      return millis / 86_400_000L + "d";
    }
    if (millis % 3_600_000L == 0) {
      return millis / 3_600_000L + "h";
    }
    if (millis % 60_000L == 0) {
      return millis / 60_000L + "m";
    }
    if (millis % 1000L == 0) {
      return millis / 1000L + "s";
    }
    return String.format(Locale.ROOT, "%dms", millis);
  }
}
