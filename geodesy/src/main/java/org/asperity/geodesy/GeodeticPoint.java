package org.asperity.geodesy;

/** Geodetic latitude and longitude on the WGS84 ellipsoid, degrees (east and north positive). */
public record GeodeticPoint(double latitudeDegrees, double longitudeDegrees) {
  public GeodeticPoint {
    if (!(latitudeDegrees >= -90.0 && latitudeDegrees <= 90.0)) {
      throw new IllegalArgumentException("latitude out of range: " + latitudeDegrees);
    }
    if (!(longitudeDegrees >= -180.0 && longitudeDegrees <= 360.0)) {
      throw new IllegalArgumentException("longitude out of range: " + longitudeDegrees);
    }
  }
}
