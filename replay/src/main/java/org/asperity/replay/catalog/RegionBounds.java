package org.asperity.replay.catalog;

import java.util.Locale;

/**
 * A latitude/longitude box that an event's hypocentre must lie in to belong to a region; a box
 * whose west edge is east of its east edge crosses the antimeridian (e.g. Tonga: 160,-170).
 *
 * @param southDegrees southern edge, degrees north in [-90, 90]
 * @param northDegrees northern edge, degrees north, at least the southern edge
 * @param westDegrees western edge, degrees east in [-180, 180]
 * @param eastDegrees eastern edge, degrees east in [-180, 180]
 */
public record RegionBounds(
    double southDegrees, double northDegrees, double westDegrees, double eastDegrees) {

  public RegionBounds {
    if (!(southDegrees >= -90 && northDegrees <= 90 && southDegrees <= northDegrees)) {
      throw new IllegalArgumentException(
          "latitudes must satisfy -90 <= south <= north <= 90, not "
              + southDegrees
              + ", "
              + northDegrees);
    }
    if (!(Math.abs(westDegrees) <= 180 && Math.abs(eastDegrees) <= 180)) {
      throw new IllegalArgumentException(
          "longitudes must lie in [-180, 180], not " + westDegrees + ", " + eastDegrees);
    }
  }

  /** Parses {@code SOUTH,NORTH,WEST,EAST} in degrees. */
  public static RegionBounds parse(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "bounds are SOUTH,NORTH,WEST,EAST in degrees (e.g. 34,42,138,146), not '" + text + "'");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + parts[i] + "' in '" + text + "' is not a number");
      }
    }
    return new RegionBounds(v[0], v[1], v[2], v[3]);
  }

  /** Whether the point lies in the box (edges included). */
  public boolean contains(double latitudeDegrees, double longitudeDegrees) {
    if (!(latitudeDegrees >= southDegrees && latitudeDegrees <= northDegrees)) {
      return false;
    }
    return westDegrees <= eastDegrees
        ? longitudeDegrees >= westDegrees && longitudeDegrees <= eastDegrees
        : longitudeDegrees >= westDegrees || longitudeDegrees <= eastDegrees;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "%s,%s,%s,%s", southDegrees, northDegrees, westDegrees, eastDegrees);
  }
}
