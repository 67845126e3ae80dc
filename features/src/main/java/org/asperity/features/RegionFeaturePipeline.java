package org.asperity.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Offline driver for one region (the trainer's entry point): feed the region's epochs in increasing
 * order, each with per-station arrays in layout order, and receive the {@link FeatureVector} of
 * every tick that had at least one sample. It performs exactly the steps of the processing contract
 * (see the package documentation) with the same {@link StationFeatureState} and {@link
 * RegionFeatureState} classes the streaming job uses, so offline and online features are
 * bit-identical for the same input.
 *
 * <p>A tick is closed when the first epoch of a later tick arrives, or by {@link #finish()}.
 */
public final class RegionFeaturePipeline {
  private final RegionLayout layout;
  private final FeatureConfig config;
  private final StationFeatureState[] stations;
  private final RegionFeatureState region;
  private final boolean[] sampledInOpenTick;
  private long openTick = Long.MIN_VALUE;
  private long lastEpoch = Long.MIN_VALUE;

  public RegionFeaturePipeline(RegionLayout layout, FeatureConfig config) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.config = Objects.requireNonNull(config, "config");
    this.stations = new StationFeatureState[layout.stationCount()];
    for (int i = 0; i < stations.length; i++) {
      stations[i] = layout.newStationState(layout.stations().get(i).code(), config);
    }
    this.region = new RegionFeatureState(layout, config);
    this.sampledInOpenTick = new boolean[stations.length];
  }

  public FeatureSchema schema() {
    return region.schema();
  }

  /**
   * Ingests one epoch. Arrays are indexed in layout station order; entries of stations with {@code
   * present[i] == false} are not read.
   *
   * @return the vector of the previous tick if this epoch closed it
   * @throws IllegalArgumentException if epochs do not increase or an array has the wrong length
   */
  public Optional<FeatureVector> accept(
      long epochMicros,
      double[] eastMeters,
      double[] northMeters,
      double[] upMeters,
      double[] sigmaEastMeters,
      double[] sigmaNorthMeters,
      double[] sigmaUpMeters,
      boolean[] present) {
    int n = stations.length;
    if (eastMeters.length != n
        || northMeters.length != n
        || upMeters.length != n
        || sigmaEastMeters.length != n
        || sigmaNorthMeters.length != n
        || sigmaUpMeters.length != n
        || present.length != n) {
      throw new IllegalArgumentException(
          "every array must have one entry per layout station (" + n + ")");
    }
    if (epochMicros <= lastEpoch) {
      throw new IllegalArgumentException("epoch " + epochMicros + " not after " + lastEpoch);
    }
    lastEpoch = epochMicros;
    long tick = config.tickOf(epochMicros);
    Optional<FeatureVector> closed = Optional.empty();
    if (tick != openTick) {
      closed = closeOpenTick();
      openTick = tick;
    }
    for (int i = 0; i < n; i++) {
      if (present[i]) {
        stations[i].update(
            epochMicros,
            eastMeters[i],
            northMeters[i],
            upMeters[i],
            sigmaEastMeters[i],
            sigmaNorthMeters[i],
            sigmaUpMeters[i]);
        sampledInOpenTick[i] = true;
      }
    }
    return closed;
  }

  /** Closes the open tick (end of input); returns its vector if it had samples. */
  public Optional<FeatureVector> finish() {
    Optional<FeatureVector> closed = closeOpenTick();
    openTick = Long.MIN_VALUE;
    return closed;
  }

  private Optional<FeatureVector> closeOpenTick() {
    if (openTick == Long.MIN_VALUE) {
      return Optional.empty();
    }
    boolean any = false;
    for (int i = 0; i < stations.length; i++) {
      if (sampledInOpenTick[i]) {
        region.offer(stations[i].snapshot(openTick));
        sampledInOpenTick[i] = false;
        any = true;
      }
    }
    return any ? Optional.of(region.assemble(openTick)) : Optional.empty();
  }

  /**
   * Runs a whole record: {@code epochs[e]} with arrays indexed [epoch][station] in layout order.
   *
   * @return the vectors of all ticks with at least one sample, in tick order
   */
  public static List<FeatureVector> run(
      RegionLayout layout,
      FeatureConfig config,
      long[] epochs,
      double[][] east,
      double[][] north,
      double[][] up,
      double[][] sigmaEast,
      double[][] sigmaNorth,
      double[][] sigmaUp,
      boolean[][] present) {
    RegionFeaturePipeline pipeline = new RegionFeaturePipeline(layout, config);
    List<FeatureVector> out = new ArrayList<>();
    for (int e = 0; e < epochs.length; e++) {
      pipeline
          .accept(
              epochs[e],
              east[e],
              north[e],
              up[e],
              sigmaEast[e],
              sigmaNorth[e],
              sigmaUp[e],
              present[e])
          .ifPresent(out::add);
    }
    pipeline.finish().ifPresent(out::add);
    return out;
  }

  /** The station state at layout index {@code i} (for inspection and tests). */
  StationFeatureState station(int i) {
    return stations[i];
  }

  RegionFeatureState region() {
    return region;
  }

  RegionLayout layout() {
    return layout;
  }
}
