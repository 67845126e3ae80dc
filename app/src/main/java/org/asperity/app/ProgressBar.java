package org.asperity.app;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal (redrawn in place); when output is not a terminal (CI, a
 * pipe) a plain line at every 10 % so logs stay readable.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private final String label;
  private int lastDecile = -1;
  private long lastDrawNanos;

  ProgressBar(PrintStream out, String label) {
    this.out = out;
    this.terminal = System.console() != null;
    this.label = label;
  }

  /** {@code fraction} in [0, 1] or NaN when the end is unknown; {@code detail} after the bar. */
  void update(double fraction, String detail) {
    long now = System.nanoTime();
    if (terminal) {
      if (now - lastDrawNanos < 200_000_000L && fraction < 1) {
        return;
      }
      lastDrawNanos = now;
      out.print("\r" + line(fraction, detail) + "   ");
      out.flush();
    } else {
      int decile = Double.isNaN(fraction) ? lastDecile : (int) Math.floor(fraction * 10);
      boolean due =
          Double.isNaN(fraction) ? now - lastDrawNanos > 10_000_000_000L : decile > lastDecile;
      if (due) {
        lastDecile = decile;
        lastDrawNanos = now;
        out.println(line(fraction, detail));
      }
    }
  }

  /** Ends the bar's line. */
  void done() {
    if (terminal) {
      out.println();
    }
  }

  private String line(double fraction, String detail) {
    if (Double.isNaN(fraction)) {
      return label + " " + detail;
    }
    int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %3.0f%% %s",
        label,
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        100 * fraction,
        detail);
  }
}
