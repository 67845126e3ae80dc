package org.asperity.trainer.data;

import static org.asperity.time.TimeUnits.DAYS_PER_YEAR;
import static org.asperity.time.TimeUnits.MICROS_PER_YEAR;

import java.util.ArrayList;
import java.util.List;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.Seeds;
import org.asperity.simulator.SeismicCatalog;
import org.asperity.simulator.SimulationConfig;

/**
 * One simulation run of the training data: its seed, set, and how long to simulate so that it
 * records its cycles. The duration comes from the run's earthquake catalog, computed first from the
 * physics alone ({@link SeismicCatalog}: the same events as the full simulation at a thousandth of
 * the cost), which also gives exact progress for the expensive GNSS-and-features pass.
 *
 * @param run index of the run
 * @param seed the run's simulation seed
 * @param split the set the run's rows belong to
 * @param cycles cycles the run records
 * @param durationYears simulated years to record: just past the onset of the event closing the last
 *     cycle
 */
public record RunPlan(int run, long seed, Split split, int cycles, double durationYears) {

  /** Purpose tag of the trainer's run seeds (ASCII "TRAN"), see {@link Seeds#derive}. */
  static final long SEED_PURPOSE = 0x5452414EL;

  /** Give up on a run that finds no cycle in this many simulated years per cycle asked for. */
  static final double MAX_YEARS_PER_CYCLE = 2000.0;

  /** Simulate this long past the closing onset, so the simulation reports the closing event. */
  static final double CLOSING_MARGIN_YEARS = 2.0 / DAYS_PER_YEAR;

  /** The plans of every run of {@code spec}, in run order. */
  public static List<RunPlan> of(DataSpec spec) {
    List<RunPlan> plans = new ArrayList<>();
    for (int r = 0; r < spec.runs(); r++) {
      plans.add(plan(spec, r));
    }
    return plans;
  }

  static RunPlan plan(DataSpec spec, int run) {
    long seed = Seeds.derive(spec.seed(), SEED_PURPOSE, run, 0);
    int cycles = spec.cyclesOfRun(run);
    double warmUpYears = spec.warmUpMicros() / MICROS_PER_YEAR;
    double limit = warmUpYears + cycles * MAX_YEARS_PER_CYCLE;
    double years = Math.min(limit, warmUpYears + 100.0 * (cycles + 1));
    while (true) {
      SimulationConfig config = spec.simulation(seed, years);
      List<Double> large = new ArrayList<>();
      for (Earthquake e : SeismicCatalog.generate(config).earthquakes()) {
        if (e.momentMagnitude() >= spec.magnitudeThreshold()) {
          large.add(e.onsetYears());
        }
      }
      // Cycle j runs from large event j-1 to large event j; it has rows once it ends after the
      // warm-up.
      int counted = 0;
      for (int j = 1; j < large.size(); j++) {
        if (large.get(j) > warmUpYears && ++counted == cycles) {
          return new RunPlan(
              run,
              seed,
              Split.ofRun(run, spec.runs()),
              cycles,
              large.get(j) + CLOSING_MARGIN_YEARS);
        }
      }
      if (years >= limit) {
        throw new IllegalStateException(
            String.format(
                java.util.Locale.ROOT,
                "run %d recorded only %d of %d cycles with events of Mw >= %s in %.0f simulated years: "
                    + "lower the magnitude threshold",
                run,
                counted,
                cycles,
                Double.toString(spec.magnitudeThreshold()),
                years));
      }
      years = Math.min(limit, 2 * years);
    }
  }
}
