package org.asperity.job.alerts.formats;

import java.io.Serializable;
import java.util.Map;

/**
 * Who publishes the alerts and how they are to be taken: the CAP {@code sender} (and CloudEvents
 * {@code source}) and the CAP {@code status}. Simulated or replayed streams should be published as
 * {@code Exercise} (or {@code Test}) so no receiving system mistakes them for a real warning.
 *
 * @param areas per region, its area on the map (CAP {@code polygon} and {@code circle}); a region
 *     without one is named only by its {@code areaDesc}. The model's region layout has stations in
 *     a local frame only, so the geographic area comes from whoever knows the stations' positions.
 */
public record AlertPublication(String sender, CapStatus status, Map<String, CapArea> areas)
    implements Serializable {

  /** OASIS CAP 1.2 status values (section 3.2.1). */
  public enum CapStatus {
    Actual,
    Exercise,
    System,
    Test,
    Draft
  }

  public AlertPublication(String sender, CapStatus status) {
    this(sender, status, Map.of());
  }

  public AlertPublication {
    areas = Map.copyOf(areas);
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

  /** This publication with the areas of the regions. */
  public AlertPublication withAreas(Map<String, CapArea> regionAreas) {
    return new AlertPublication(sender, status, regionAreas);
  }

  public static AlertPublication defaults() {
    return new AlertPublication("asperity@localhost", CapStatus.Exercise);
  }
}
