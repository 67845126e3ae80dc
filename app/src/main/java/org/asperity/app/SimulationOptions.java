package org.asperity.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.asperity.simulator.Pacing;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SimulationConfig;
import org.asperity.time.DurationConverter;
import org.asperity.time.TimeUnits;
import picocli.CommandLine.Option;

/**
 * The simulator's options, shared by {@code simulate} and {@code demo}. Options whose defaults
 * depend on other options are resolved together in {@link #config(Defaults)}, and nowhere else.
 */
public final class SimulationOptions {

  /**
   * The defaults in which the commands differ.
   *
   * @param pace simulated time per wall second when {@code --pace} is not given; null: as fast as
   *     possible
   * @param catchUpYears {@code --catch-up-years} when not given (used only when paced)
   */
  record Defaults(Duration pace, double catchUpYears) {
    /** simulate: as fast as possible, so paced runs are the operator's choice. */
    static final Defaults SIMULATE = new Defaults(null, 0.0);

    /**
     * demo: a simulated year per second (a few cycles of loading and rupture within minutes), after
     * 100 years streamed as fast as possible: the job's features need the last rupture of every
     * asperity, or its forecasts lie outside the model's training domain for decades of simulated
     * time.
     */
    static final Defaults DEMO = new Defaults(Duration.ofDays(365), 100.0);
  }

  @Option(
      names = "--preset",
      defaultValue = "variable",
      paramLabel = "variable|nature|lab",
      description =
          "variable: a Chile-like megathrust with three interacting asperities and every documented"
              + " source of irregularity (what the default model is trained on); nature: the same"
              + " megathrust, more clock-like; lab: two equal asperities as in the analog"
              + " experiments (default: ${DEFAULT-VALUE}).")
  Preset preset;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Master seed: same seed and options, same output (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--regions",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Independent fault segments sim-00, sim-01, ..., each with its own stations (default: ${DEFAULT-VALUE}).")
  int regions;

  @Option(
      names = "--years",
      paramLabel = "YEARS",
      description =
          "Simulated years to record (default: 100; with --events or --pace: until the events or until stopped).")
  Double years;

  @Option(
      names = "--events",
      paramLabel = "N",
      description =
          "Stop once every region has recorded N earthquakes; replaces the default --years (with --years"
              + " too, whichever comes first).")
  Long events;

  @Option(
      names = "--start",
      defaultValue = "2030-01-01",
      paramLabel = "YYYY-MM-DD",
      description = "Simulated date of the first epoch (event time) (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(
      names = "--sampling",
      defaultValue = "1d",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "GNSS sampling interval: 1d (daily solutions), 5m, 1s (1 Hz); noise scales with it (default: ${DEFAULT-VALUE}).")
  Duration sampling;

  @Option(
      names = "--spin-up-years",
      paramLabel = "YEARS",
      description =
          "Simulated years run and discarded before recording, so the record does not start from an artificial state (default: 3000).")
  Double spinUpYears;

  @Option(
      names = "--noise-free",
      description = "GNSS displacements without any noise, gaps, outliers or offsets.")
  boolean noiseFree;

  @Option(
      names = "--stations",
      paramLabel = "CSV",
      description =
          "Stations file replacing the default layout: a CSV with a header row name,lat,lon (WGS84 degrees) or name,east_km,north_km.")
  Path stationsCsv;

  @Option(
      names = "--pace",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Simulated time per wall-clock second, e.g. 1d (a day per second) or 365d; implies no default"
              + " --years (runs until stopped) (default: as fast as possible; demo: 365d).")
  Duration pace;

  @Option(
      names = "--catch-up-years",
      paramLabel = "YEARS",
      description =
          "With --pace: stream the first YEARS of the record as fast as possible (history for the job's"
              + " features), then pace (default: 0; demo: 100).")
  Double catchUpYears;

  /** The configuration {@code simulate} runs. */
  SimulationConfig config() {
    return config(Defaults.SIMULATE);
  }

  /**
   * The configuration these options describe, with a command's defaults:
   *
   * <ul>
   *   <li>{@code --events} replaces the default 100 years; with {@code --years} too, the run stops
   *       at whichever comes first;
   *   <li>a paced run without {@code --years} or {@code --events} runs until stopped;
   *   <li>{@code --catch-up-years} needs a paced run.
   * </ul>
   *
   * @throws IllegalArgumentException for {@code --catch-up-years} without a pace
   */
  SimulationConfig config(Defaults defaults) {
    Duration effectivePace = pace != null ? pace : defaults.pace();
    if (catchUpYears != null && effectivePace == null) {
      throw new IllegalArgumentException(
          "--catch-up-years only applies to a paced run: give --pace too");
    }
    SimulationConfig.Builder b =
        SimulationConfig.builder()
            .preset(preset)
            .seed(seed)
            .regions(regions)
            .start(start.atStartOfDay(ZoneOffset.UTC).toInstant())
            .samplingInterval(sampling)
            .noiseFree(noiseFree);
    if (years != null) {
      b.durationYears(years);
    } else if (events != null || effectivePace != null) {
      b.unlimitedDuration();
    }
    if (events != null) {
      b.untilEventsPerRegion(events);
    }
    if (spinUpYears != null) {
      b.spinUpYears(spinUpYears);
    }
    if (stationsCsv != null) {
      b.stationsCsv(stationsCsv);
    }
    if (effectivePace == null) {
      b.pacing(Pacing.asFastAsPossible());
    } else {
      double speedFactor = effectivePace.toMillis() / (double) TimeUnits.MILLIS_PER_SECOND;
      b.pacing(
          Pacing.speedFactor(speedFactor)
              .afterCatchUp(catchUpYears != null ? catchUpYears : defaults.catchUpYears()));
    }
    return b.build();
  }
}
