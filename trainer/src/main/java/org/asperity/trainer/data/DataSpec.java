package org.asperity.trainer.data;

import static org.asperity.time.TimeUnits.MICROS_PER_DAY;
import static org.asperity.time.TimeUnits.MICROS_PER_SECOND;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.asperity.features.FeatureConfig;
import org.asperity.simulator.Ingredient;
import org.asperity.simulator.ModelDefinition;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SimulationConfig;

/**
 * What training data to generate: simulated regions, how many cycles, and how they become rows.
 *
 * @param preset the simulator's physics and station network
 * @param seed master seed; run r simulates with a seed derived from it and r
 * @param cycles cycles (intervals between consecutive events at or above the threshold) to record
 *     in all, over all runs
 * @param cyclesPerRun cycles per simulation run; runs = ceil(cycles / cyclesPerRun)
 * @param magnitudeThreshold Mw at or above which an event ends a cycle (the forecast target)
 * @param sampling GNSS sampling interval: at most one day, and one day must be a whole number of
 *     them
 * @param rowStrideTicks one training row every this many forecast ticks (features are computed at
 *     every tick; neighbouring rows are nearly identical, so a stride keeps training fast)
 * @param exclusion rows whose window (T - exclusion, T] contains an earthquake onset are dropped
 * @param features the feature configuration (windows, tick interval, detection thresholds)
 * @param start simulated date of every run's first epoch
 * @param spinUpYears simulated years discarded before each run's record
 * @param stationsCsv a stations file replacing the preset's network (see the simulator), or null
 * @param toggled physics ingredients switched relative to the preset (ablations), usually none
 */
public record DataSpec(
    Preset preset,
    long seed,
    int cycles,
    int cyclesPerRun,
    double magnitudeThreshold,
    Duration sampling,
    int rowStrideTicks,
    Duration exclusion,
    FeatureConfig features,
    Instant start,
    double spinUpYears,
    Path stationsCsv,
    List<Ingredient> toggled) {

  /** The preset's physics as it is. */
  public DataSpec(
      Preset preset,
      long seed,
      int cycles,
      int cyclesPerRun,
      double magnitudeThreshold,
      Duration sampling,
      int rowStrideTicks,
      Duration exclusion,
      FeatureConfig features,
      Instant start,
      double spinUpYears,
      Path stationsCsv) {
    this(
        preset,
        seed,
        cycles,
        cyclesPerRun,
        magnitudeThreshold,
        sampling,
        rowStrideTicks,
        exclusion,
        features,
        start,
        spinUpYears,
        stationsCsv,
        List.of());
  }

  public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");
  public static final double DEFAULT_SPIN_UP_YEARS = 3000.0;

  public DataSpec {
    Objects.requireNonNull(preset, "preset");
    toggled = List.copyOf(toggled);
    Objects.requireNonNull(features, "features");
    if (cycles < 3 || cyclesPerRun < 1) {
      throw new IllegalArgumentException(
          "need at least 3 cycles and 1 cycle per run, not " + cycles + " and " + cyclesPerRun);
    }
    if (!Double.isFinite(magnitudeThreshold)) {
      throw new IllegalArgumentException("the magnitude threshold must be finite");
    }
    long samplingMicros = sampling.toNanos() / 1000;
    if (samplingMicros <= 0
        || samplingMicros > MICROS_PER_DAY
        || MICROS_PER_DAY % samplingMicros != 0) {
      throw new IllegalArgumentException(
          "the sampling interval must divide one day evenly (1d, 1h, 30s...), not " + sampling);
    }
    if (features.tickIntervalMicros() != MICROS_PER_DAY) {
      throw new IllegalArgumentException(
          "the trainer forecasts daily: the feature tick must be one day");
    }
    if (rowStrideTicks < 1) {
      throw new IllegalArgumentException(
          "row stride must be at least 1 tick, not " + rowStrideTicks);
    }
    if (exclusion.isNegative()) {
      throw new IllegalArgumentException("the exclusion window must be >= 0");
    }
    if ((start.getEpochSecond() * MICROS_PER_SECOND) % MICROS_PER_DAY != 0
        || start.getNano() != 0) {
      throw new IllegalArgumentException(
          "runs must start at midnight UTC (a tick boundary), not " + start);
    }
    Split.heldOutRuns(runs(cycles, cyclesPerRun));
  }

  static int runs(int cycles, int cyclesPerRun) {
    return (cycles + cyclesPerRun - 1) / cyclesPerRun;
  }

  /** Number of simulation runs. */
  public int runs() {
    return runs(cycles, cyclesPerRun);
  }

  /** Cycles of run r: the total spread as evenly as possible. */
  public int cyclesOfRun(int run) {
    int runs = runs();
    return cycles / runs + (run < cycles % runs ? 1 : 0);
  }

  public long samplingMicros() {
    return sampling.toNanos() / 1000;
  }

  /** Feature warm-up: the long station window must be full before a tick is a row. */
  public long warmUpMicros() {
    return features.longWindowSamples() * samplingMicros();
  }

  public long exclusionMicros() {
    return exclusion.toNanos() / 1000;
  }

  public long rowStrideMicros() {
    return rowStrideTicks * features.tickIntervalMicros();
  }

  /** The preset's model with the toggled ingredients switched. */
  public ModelDefinition model() {
    ModelDefinition model = preset.definition();
    for (Ingredient i : toggled) {
      model = i.toggle(model);
    }
    return model;
  }

  /** The same data with another master seed and cycle count. */
  public DataSpec withSeedAndCycles(long newSeed, int newCycles) {
    return new DataSpec(
        preset,
        newSeed,
        newCycles,
        cyclesPerRun,
        magnitudeThreshold,
        sampling,
        rowStrideTicks,
        exclusion,
        features,
        start,
        spinUpYears,
        stationsCsv,
        toggled);
  }

  /** The same data with these ingredients switched. */
  public DataSpec withToggled(List<Ingredient> value) {
    return new DataSpec(
        preset,
        seed,
        cycles,
        cyclesPerRun,
        magnitudeThreshold,
        sampling,
        rowStrideTicks,
        exclusion,
        features,
        start,
        spinUpYears,
        stationsCsv,
        value);
  }

  /** The simulation of run r, recording {@code durationYears}. */
  public SimulationConfig simulation(long runSeed, double durationYears) {
    SimulationConfig.Builder b =
        SimulationConfig.builder()
            .model(model())
            .seed(runSeed)
            .start(start)
            .samplingInterval(sampling)
            .slipDeficitInterval(Duration.ofDays(1))
            .spinUpYears(spinUpYears)
            .durationYears(durationYears);
    if (stationsCsv != null) {
      b.stationsCsv(stationsCsv);
    }
    return b.build();
  }
}
