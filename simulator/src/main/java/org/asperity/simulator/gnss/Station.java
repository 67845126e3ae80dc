package org.asperity.simulator.gnss;

/**
 * A GNSS station of a region's network.
 *
 * @param index position in the network (row {@code 3 * index + component} of the Green's functions)
 * @param code station code, unique in the network (C001.. coastal line, I001.. inland grid)
 * @param eastKm local east coordinate
 * @param northKm local north coordinate
 * @param latitudeDegrees WGS84 latitude
 * @param longitudeDegrees WGS84 longitude
 * @param coastal true for stations of the coastal line (the ones closest to the trench)
 * @param distanceFromTrenchKm horizontal distance landward of the trench (the fault's top edge)
 */
public record Station(
    int index,
    String code,
    double eastKm,
    double northKm,
    double latitudeDegrees,
    double longitudeDegrees,
    boolean coastal,
    double distanceFromTrenchKm) {}
