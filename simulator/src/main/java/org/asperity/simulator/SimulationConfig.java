package org.asperity.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.asperity.geodesy.FaultPlane;
import org.asperity.simulator.gnss.NoiseConfig;
import org.asperity.simulator.physics.CycleParameters;

/**
 * Options of a simulation; build with {@link #builder()}. Same options (seed included) give the
 * same output, bit for bit.
 *
 * @param model fault, asperities, physics and default station layout of every region
 * @param seed master seed of all random streams
 * @param regions number of independent regions (sim-00, sim-01, ...)
 * @param start simulated date of the first epoch
 * @param samplingInterval time between GNSS epochs
 * @param durationYears recorded duration, NaN for none
 * @param eventsPerRegion stop once every region has recorded this many earthquakes, 0 for none
 * @param spinUpYears simulated time run (and discarded) before recording, so that the first
 *     recorded cycle does not depend on the initial state
 * @param noise GNSS noise
 * @param stationsCsv stations file replacing the default layout, if any
 * @param slipDeficitInterval time between asperity-state samples (a multiple of the sampling
 *     interval)
 * @param pacing wall-clock pacing
 * @param progressEveryEpochs epochs between progress callbacks, 0 for about 1 % of the run
 */
public record SimulationConfig(
    ModelDefinition model,
    long seed,
    int regions,
    Instant start,
    Duration samplingInterval,
    double durationYears,
    long eventsPerRegion,
    double spinUpYears,
    NoiseConfig noise,
    Optional<Path> stationsCsv,
    Duration slipDeficitInterval,
    Pacing pacing,
    long progressEveryEpochs) {

  public SimulationConfig {
    if (regions < 1) {
      throw new IllegalArgumentException("at least one region");
    }
    if (samplingInterval.isNegative() || samplingInterval.isZero()) {
      throw new IllegalArgumentException("sampling interval must be positive");
    }
    if (slipDeficitInterval.compareTo(samplingInterval) < 0) {
      throw new IllegalArgumentException(
          "slip-deficit interval must be at least the sampling interval");
    }
    if (!(spinUpYears >= 0)) {
      throw new IllegalArgumentException("spin-up must be >= 0 years");
    }
    if (!Double.isNaN(durationYears) && !(durationYears > 0)) {
      throw new IllegalArgumentException("duration must be positive");
    }
    if (eventsPerRegion < 0 || progressEveryEpochs < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Identifier of region r: the network of its stations and the region of its events. */
  public String regionId(int region) {
    return String.format(Locale.ROOT, "sim-%02d", region);
  }

  public boolean bounded() {
    return !Double.isNaN(durationYears) || eventsPerRegion > 0;
  }

  /** Epochs between asperity-state samples. */
  public long slipDeficitEveryEpochs() {
    return Math.max(
        1L, Math.round(slipDeficitInterval.toNanos() / (double) samplingInterval.toNanos()));
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.seed = seed;
    b.regions = regions;
    b.start = start;
    b.samplingInterval = samplingInterval;
    b.durationYears = durationYears;
    b.eventsPerRegion = eventsPerRegion;
    b.spinUpYears = spinUpYears;
    b.noise = noise;
    b.stationsCsv = stationsCsv.orElse(null);
    b.slipDeficitInterval = slipDeficitInterval;
    b.pacing = pacing;
    b.progressEveryEpochs = progressEveryEpochs;
    return b;
  }

  /**
   * Builder with the defaults: nature preset, seed 1, one region, daily sampling, 100 years, 3000
   * years spin-up.
   */
  public static final class Builder {
    private ModelDefinition model = Preset.NATURE.definition();
    private long seed = 1L;
    private int regions = 1;
    private Instant start = Instant.parse("2030-01-01T00:00:00Z");
    private Duration samplingInterval = Duration.ofDays(1);
    private double durationYears = 100.0;
    private long eventsPerRegion;
    private double spinUpYears = 3000.0;
    private NoiseConfig noise;
    private Boolean noiseFree;
    private Path stationsCsv;
    private Duration slipDeficitInterval;
    private Pacing pacing = Pacing.asFastAsPossible();
    private long progressEveryEpochs;

    private Builder() {}

    /** Replaces the whole model with a preset's. */
    public Builder preset(Preset preset) {
      this.model = preset.definition();
      return this;
    }

    public Builder model(ModelDefinition value) {
      this.model = value;
      return this;
    }

    public Builder fault(FaultPlane value) {
      this.model = model.withFault(value);
      return this;
    }

    public Builder cycle(CycleParameters value) {
      this.model = model.withCycle(value);
      return this;
    }

    public Builder plateRateMetersPerYear(double value) {
      return cycle(model.cycle().withPlateRate(value));
    }

    /** Interaction strength between asperities (1 = elastic, 0 = independent asperities). */
    public Builder interactionStrength(double value) {
      return cycle(model.cycle().withInteractionStrength(value));
    }

    /** Per-cycle strength perturbation, fraction of the stress drop (default 0.03). */
    public Builder strengthVariability(double value) {
      return cycle(model.cycle().withStrengthVariability(value));
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder regions(int value) {
      this.regions = value;
      return this;
    }

    public Builder start(Instant value) {
      this.start = value;
      return this;
    }

    public Builder samplingInterval(Duration value) {
      this.samplingInterval = value;
      return this;
    }

    /** Recorded duration (with an event count also set, the run stops at whichever comes first). */
    public Builder durationYears(double value) {
      this.durationYears = value;
      return this;
    }

    /**
     * Stop once every region has this many earthquakes (and, if a duration is also set, at
     * whichever comes first).
     */
    public Builder untilEventsPerRegion(long value) {
      this.eventsPerRegion = value;
      return this;
    }

    /** No duration: run until the event count, or until stopped. */
    public Builder unlimitedDuration() {
      this.durationYears = Double.NaN;
      return this;
    }

    public Builder spinUpYears(double value) {
      this.spinUpYears = value;
      return this;
    }

    public Builder noise(NoiseConfig value) {
      this.noise = value;
      return this;
    }

    public Builder noiseFree(boolean value) {
      this.noiseFree = value;
      return this;
    }

    public Builder stationsCsv(Path value) {
      this.stationsCsv = value;
      return this;
    }

    public Builder slipDeficitInterval(Duration value) {
      this.slipDeficitInterval = value;
      return this;
    }

    public Builder pacing(Pacing value) {
      this.pacing = value;
      return this;
    }

    public Builder progressEveryEpochs(long value) {
      this.progressEveryEpochs = value;
      return this;
    }

    public SimulationConfig build() {
      NoiseConfig n = noise != null ? noise : NoiseConfig.defaultsFor(samplingInterval);
      if (noiseFree != null) {
        n = n.withEnabled(!noiseFree);
      }
      Duration slip =
          slipDeficitInterval != null
              ? slipDeficitInterval
              : (samplingInterval.compareTo(Duration.ofDays(1)) >= 0
                  ? samplingInterval
                  : Duration.ofDays(1));
      return new SimulationConfig(
          model,
          seed,
          regions,
          start,
          samplingInterval,
          durationYears,
          eventsPerRegion,
          spinUpYears,
          n,
          Optional.ofNullable(stationsCsv),
          slip,
          pacing,
          progressEveryEpochs);
    }
  }
}
