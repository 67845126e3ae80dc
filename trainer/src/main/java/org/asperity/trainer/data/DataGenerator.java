package org.asperity.trainer.data;

import static org.asperity.time.TimeUnits.MICROS_PER_YEAR;
import static org.asperity.time.TimeUnits.NANOS_PER_SECOND;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;

/**
 * Simulates the runs of a {@link DataSpec} (in parallel, each run on one thread) and labels their
 * rows into a {@link Dataset}. Results do not depend on the number of threads: each run is
 * independent and they are assembled in run order.
 */
public final class DataGenerator {

  /** Receives progress from the calling thread: fraction done in [0, 1] and a one-line detail. */
  public interface Progress {
    void update(double fraction, String detail);
  }

  private DataGenerator() {}

  public static Dataset generate(DataSpec spec, int threads, Progress progress)
      throws InterruptedException {
    List<RunPlan> plans = RunPlan.of(spec);
    long totalEpochs = 0;
    for (RunPlan plan : plans) {
      totalEpochs += epochs(spec, plan);
    }
    RegionLayout layout = layout(spec, plans.get(0));
    AtomicLong done = new AtomicLong();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(threads, plans.size())),
            r -> {
              Thread t = new Thread(r, "asperity-trainer-simulation");
              t.setDaemon(true);
              return t;
            });
    List<Future<RunRecord>> futures = new ArrayList<>();
    try {
      for (RunPlan plan : plans) {
        futures.add(pool.submit(() -> record(spec, plan, layout, done)));
      }
      pool.shutdown();
      long startNanos = System.nanoTime();
      while (!pool.awaitTermination(200, TimeUnit.MILLISECONDS)) {
        report(progress, done.get(), totalEpochs, spec, startNanos);
        for (Future<RunRecord> f : futures) {
          if (f.isDone()) {
            get(f); // fail fast: rethrows a run's failure
          }
        }
      }
      report(progress, done.get(), totalEpochs, spec, startNanos);
      List<RunRecord> records = new ArrayList<>();
      for (Future<RunRecord> f : futures) {
        records.add(get(f));
      }
      return Dataset.of(spec, layout, FeatureSchema.of(spec.features(), layout), records);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void report(
      Progress progress, long done, long total, DataSpec spec, long startNanos) {
    double years = done * spec.samplingMicros() / MICROS_PER_YEAR;
    double seconds = (System.nanoTime() - startNanos) / (double) NANOS_PER_SECOND;
    progress.update(
        total == 0 ? 1.0 : Math.min(1.0, done / (double) total),
        String.format(
            Locale.ROOT,
            "%,.0f of %,.0f simulated years (%,.0f years/s)",
            years,
            total * spec.samplingMicros() / MICROS_PER_YEAR,
            seconds > 0 ? years / seconds : 0.0));
  }

  private static RunRecord get(Future<RunRecord> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("a simulation run failed: " + cause, cause);
    }
  }

  /** Epochs the simulation of {@code plan} generates. */
  static long epochs(DataSpec spec, RunPlan plan) {
    return (long) Math.ceil(plan.durationYears() * MICROS_PER_YEAR / spec.samplingMicros() - 1e-9);
  }

  /** The region layout every run shares (the first region of the preset's simulation). */
  public static RegionLayout layout(DataSpec spec, RunPlan plan) {
    try {
      SimulationConfig config = spec.simulation(plan.seed(), plan.durationYears());
      Simulation simulation = new Simulation(config);
      return SimulatedLayouts.of(config.regionId(0), simulation.model(), config.noise());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the simulated region", e);
    }
  }

  /** Simulates one run through the features; public for tests that rebuild a run's features. */
  public static RunRecord record(
      DataSpec spec, RunPlan plan, RegionLayout layout, AtomicLong epochsDone) throws IOException {
    SimulationConfig config = spec.simulation(plan.seed(), plan.durationYears());
    Simulation simulation = new Simulation(config);
    RegionLayout own = SimulatedLayouts.of(config.regionId(0), simulation.model(), config.noise());
    if (!own.layoutHash().equals(layout.layoutHash())) {
      throw new IllegalStateException(
          "run " + plan.run() + " has another station layout than run 0");
    }
    RunRecorder recorder =
        new RunRecorder(
            layout,
            spec.features(),
            simulation.timeAxis().startMicros(),
            spec.rowStrideMicros(),
            epochsDone);
    simulation.run(
        recorder,
        p -> {
          if (Thread.currentThread().isInterrupted()) {
            simulation.requestStop();
          }
        });
    RunRecord record = recorder.finish(plan);
    CycleLabeler labeler =
        new CycleLabeler(
            record.earthquakes(),
            spec.magnitudeThreshold(),
            record.startMicros(),
            spec.warmUpMicros(),
            0);
    int recorded = 0;
    for (int j = 1; j < labeler.largeEvents(); j++) {
      if (labeler.largeOnsetMicros(j) - record.startMicros() > spec.warmUpMicros()) {
        recorded++;
      }
    }
    if (recorded != plan.cycles()) {
      throw new IllegalStateException(
          "run "
              + plan.run()
              + " recorded "
              + recorded
              + " cycles, its plan "
              + plan.cycles()
              + ": the simulation and the physics-only catalog disagree");
    }
    return record;
  }
}
