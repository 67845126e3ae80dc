package org.asperity.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.asperity.simulator.Pacing;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SimulationConfig;
import org.asperity.time.DurationConverter;
import picocli.CommandLine.Option;

/** The simulator's options, shared by {@code simulate} and {@code demo}. */
public final class SimulationOptions {

  @Option(
      names = "--preset",
      defaultValue = "nature",
      paramLabel = "nature|lab",
      description =
          "nature: a Chile-like megathrust with three interacting asperities; lab: two equal asperities"
              + " as in the analog experiments (default: ${DEFAULT-VALUE}).")
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
      description = "Simulated years to record (default: 100, or until stopped with --pace).")
  Double years;

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Stop once every region has recorded N earthquakes (instead of --years).")
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
          "Simulated time per wall-clock second, e.g. 1d (a day per second) or 365d; default: as fast as possible.")
  Duration pace;

  @Option(
      names = "--catch-up-years",
      paramLabel = "YEARS",
      description =
          "With --pace: stream the first YEARS of the record as fast as possible (history for the job's"
              + " features), then pace (default: 0; demo: 100).")
  Double catchUpYears;

  SimulationConfig config() {
    SimulationConfig.Builder b =
        SimulationConfig.builder()
            .preset(preset)
            .seed(seed)
            .regions(regions)
            .start(start.atStartOfDay(ZoneOffset.UTC).toInstant())
            .samplingInterval(sampling)
            .noiseFree(noiseFree);
    if (events != null) {
      b.untilEventsPerRegion(events);
    } else if (years != null) {
      b.durationYears(years);
    } else if (pace != null) {
      b.unlimitedDuration();
    }
    if (spinUpYears != null) {
      b.spinUpYears(spinUpYears);
    }
    if (stationsCsv != null) {
      b.stationsCsv(stationsCsv);
    }
    Pacing pacing =
        pace == null ? Pacing.asFastAsPossible() : Pacing.speedFactor(pace.toMillis() / 1000.0);
    b.pacing(catchUpYears == null ? pacing : pacing.afterCatchUp(catchUpYears));
    return b.build();
  }
}
