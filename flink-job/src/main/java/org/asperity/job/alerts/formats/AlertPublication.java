package org.asperity.job.alerts.formats;

import java.io.Serializable;

/**
 * Who publishes the alerts and how they are to be taken: the CAP {@code sender} (and CloudEvents
 * {@code source}) and the CAP {@code status}. Simulated or replayed streams should be published as
 * {@code Exercise} (or {@code Test}) so no receiving system mistakes them for a real warning.
 */
public record AlertPublication(String sender, CapStatus status) implements Serializable {

  /** OASIS CAP 1.2 status values (section 3.2.1). */
  public enum CapStatus {
    Actual,
    Exercise,
    System,
    Test,
    Draft
  }

  public AlertPublication {
    if (sender == null
        || sender.isBlank()
        || sender.contains(" ")
        || sender.contains(",")
        || sender.contains("<")
        || sender.contains("&")) {
      // CAP 1.2: sender "MUST NOT include spaces, commas or restricted characters (< and &)".
      throw new IllegalArgumentException(
          "CAP sender must be a non-empty identifier without spaces, commas, < or &: '"
              + sender
              + "'");
    }
  }

  public static AlertPublication defaults() {
    return new AlertPublication("asperity@localhost", CapStatus.Exercise);
  }
}
