package org.asperity.simulator.gnss;

/**
 * The default station layout: a line of stations along the coast and a grid inland, both parallel
 * to the trench.
 *
 * @param coastDistanceKm distance of the coastline landward of the trench
 * @param coastalStations number of stations on the coastal line
 * @param inlandColumns number of trench-parallel lines of the inland grid
 * @param inlandRows stations per inland line
 * @param inlandFirstDistanceKm distance of the first inland line from the trench
 * @param inlandSpacingKm distance between inland lines
 * @param alongStrikeMarginKm margin kept from the fault's along-strike ends
 */
public record NetworkLayout(
    double coastDistanceKm,
    int coastalStations,
    int inlandColumns,
    int inlandRows,
    double inlandFirstDistanceKm,
    double inlandSpacingKm,
    double alongStrikeMarginKm) {

  public NetworkLayout {
    if (coastalStations < 0
        || inlandColumns < 0
        || inlandRows < 0
        || coastalStations + inlandColumns * inlandRows == 0) {
      throw new IllegalArgumentException("the layout must contain stations");
    }
  }

  /** About 100 stations: 25 on the coast, 5 x 15 inland. */
  public static NetworkLayout standard(double coastDistanceKm) {
    return new NetworkLayout(coastDistanceKm, 25, 5, 15, coastDistanceKm + 40.0, 50.0, 10.0);
  }

  public int stationCount() {
    return coastalStations + inlandColumns * inlandRows;
  }
}
