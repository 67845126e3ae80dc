package org.asperity.geodesy;

/** A point on the free surface in the local Cartesian frame, km. */
public record SurfacePoint(double eastKm, double northKm) {}
