package org.asperity.simulator;

/**
 * One region's GNSS observations at one epoch, as primitive arrays indexed by station. The arrays
 * are reused from epoch to epoch: a sink that keeps values must copy them during the callback.
 *
 * <p>{@code east/north/up} are the observed displacements from the station's position at the start
 * of recording (signal plus noise); {@code signal*} are the noise-free displacements (ground
 * truth); {@code sigma*} are the formal one-sigma uncertainties; {@code present[s]} is false during
 * outages (no observation is emitted for that station at that epoch).
 */
public final class EpochObservations {
  private final int stations;
  final double[] east;
  final double[] north;
  final double[] up;
  final double[] signalEast;
  final double[] signalNorth;
  final double[] signalUp;
  final double[] sigmaEast;
  final double[] sigmaNorth;
  final double[] sigmaUp;
  final boolean[] present;
  int presentCount;

  /** Empty observations for {@code stations} stations (for sinks that buffer or replay epochs). */
  public EpochObservations(int stations) {
    this.stations = stations;
    east = new double[stations];
    north = new double[stations];
    up = new double[stations];
    signalEast = new double[stations];
    signalNorth = new double[stations];
    signalUp = new double[stations];
    sigmaEast = new double[stations];
    sigmaNorth = new double[stations];
    sigmaUp = new double[stations];
    present = new boolean[stations];
  }

  /** Copies every array of another epoch (same station count) into this one. */
  public void copyFrom(EpochObservations other) {
    if (other.stations != stations) {
      throw new IllegalArgumentException("station count differs");
    }
    System.arraycopy(other.east, 0, east, 0, stations);
    System.arraycopy(other.north, 0, north, 0, stations);
    System.arraycopy(other.up, 0, up, 0, stations);
    System.arraycopy(other.signalEast, 0, signalEast, 0, stations);
    System.arraycopy(other.signalNorth, 0, signalNorth, 0, stations);
    System.arraycopy(other.signalUp, 0, signalUp, 0, stations);
    System.arraycopy(other.sigmaEast, 0, sigmaEast, 0, stations);
    System.arraycopy(other.sigmaNorth, 0, sigmaNorth, 0, stations);
    System.arraycopy(other.sigmaUp, 0, sigmaUp, 0, stations);
    System.arraycopy(other.present, 0, present, 0, stations);
    presentCount = other.presentCount;
  }

  public int stationCount() {
    return stations;
  }

  /** Number of stations with an observation at this epoch. */
  public int presentCount() {
    return presentCount;
  }

  public double[] eastMeters() {
    return east;
  }

  public double[] northMeters() {
    return north;
  }

  public double[] upMeters() {
    return up;
  }

  public double[] signalEastMeters() {
    return signalEast;
  }

  public double[] signalNorthMeters() {
    return signalNorth;
  }

  public double[] signalUpMeters() {
    return signalUp;
  }

  public double[] sigmaEastMeters() {
    return sigmaEast;
  }

  public double[] sigmaNorthMeters() {
    return sigmaNorth;
  }

  public double[] sigmaUpMeters() {
    return sigmaUp;
  }

  public boolean[] present() {
    return present;
  }
}
