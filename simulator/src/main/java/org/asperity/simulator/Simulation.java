package org.asperity.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.asperity.simulator.gnss.StationNoise;
import org.asperity.simulator.physics.CycleParameters;
import org.asperity.simulator.physics.Rupture;
import org.asperity.simulator.physics.SeismicCycle;
import org.asperity.time.Pacer;
import org.asperity.time.TimeUnits;
import org.asperity.time.WallClock;

/**
 * Generates the streams of one or more regions epoch by epoch: the seismic cycle of each region
 * ({@link SeismicCycle}), the GNSS displacements it causes at the stations (precomputed Okada
 * responses per asperity: a few multiply-adds per station and epoch) plus noise ({@link
 * StationNoise}), the earthquakes and the true asperity states.
 *
 * <p>Use {@link #run} for a whole run, or drive it with {@link #step} (calling the sink's {@code
 * begin} yourself). Not thread-safe, except {@link #requestStop}.
 */
public final class Simulation {
  private final SimulationConfig config;
  private final StaticModel model;
  private final TimeAxis axis;
  private final List<Region> regions = new ArrayList<>();
  private final List<String> regionIds = new ArrayList<>();
  private final CatalogStatistics statistics;
  private final long slipEvery;
  private final double samplingSeconds;
  private final long totalEpochs;
  private final WallClock clock;

  /** Paces the epochs after the catch-up; null when unpaced or before the catch-up ends. */
  private Pacer pacer;

  private volatile boolean stopRequested;
  private long epoch;
  private long observations;
  private long samples;
  private long wallStartNanos = -1;
  private long wallLastNanos;
  private IOException sinkFailure;

  public Simulation(SimulationConfig config) throws IOException {
    this(config, WallClock.SYSTEM);
  }

  /** A simulation paced and timed against {@code clock}. */
  public Simulation(SimulationConfig config, WallClock clock) throws IOException {
    this.config = config;
    this.clock = clock;
    this.model = Models.staticModel(config);
    this.axis = new TimeAxis(config.start(), config.samplingInterval());
    this.slipEvery = config.slipDeficitEveryEpochs();
    this.samplingSeconds = axis.intervalMicros() / (double) TimeUnits.MICROS_PER_SECOND;
    this.totalEpochs =
        Double.isNaN(config.durationYears())
            ? -1
            : (long)
                Math.ceil(
                    config.durationYears() * TimeUnits.MICROS_PER_YEAR / axis.intervalMicros()
                        - 1e-9);
    this.statistics = new CatalogStatistics(config.regions(), model.faultModel());
    for (int r = 0; r < config.regions(); r++) {
      regionIds.add(config.regionId(r));
      regions.add(new Region(r));
    }
  }

  public SimulationConfig config() {
    return config;
  }

  public StaticModel model() {
    return model;
  }

  public List<String> regionIds() {
    return List.copyOf(regionIds);
  }

  public TimeAxis timeAxis() {
    return axis;
  }

  /** Asks a running simulation to stop after the current epoch (callable from any thread). */
  public void requestStop() {
    stopRequested = true;
  }

  /** Epochs generated so far. */
  public long epochs() {
    return epoch;
  }

  /** Runs to the end (or until stopped), with pacing and progress callbacks; closes nothing. */
  public SimulationSummary run(EpochSink sink, ProgressListener progress) throws IOException {
    sink.begin(model, regionIds());
    long every =
        config.progressEveryEpochs() > 0
            ? config.progressEveryEpochs()
            : totalEpochs > 0 ? Math.max(1, totalEpochs / 100) : 10_000;
    while (step(sink)) {
      if (epoch % every == 0) {
        progress.onProgress(progress());
      }
    }
    progress.onProgress(progress());
    SimulationSummary summary = summary();
    sink.end(summary);
    return summary;
  }

  /**
   * Generates the next epoch for every region.
   *
   * @return false (and generates nothing) once the configured duration or event count is reached, a
   *     stop was requested or the thread was interrupted
   */
  public boolean step(EpochSink sink) throws IOException {
    if (finished()) {
      return false;
    }
    long micros = axis.epochMicros(epoch);
    double years = axis.epochYears(epoch);
    if (!pace(micros, years)) {
      return false;
    }
    double yearFraction = micros / TimeUnits.MICROS_PER_YEAR;
    double angle = 2.0 * Math.PI * (yearFraction - Math.floor(yearFraction));
    double annualCos = Math.cos(angle);
    double annualSin = Math.sin(angle);
    double semiCos = annualCos * annualCos - annualSin * annualSin;
    double semiSin = 2.0 * annualSin * annualCos;
    boolean sample = epoch % slipEvery == 0;
    for (Region region : regions) {
      region.advance(years, sink);
      if (sinkFailure != null) {
        IOException failure = sinkFailure;
        sinkFailure = null;
        throw failure;
      }
      if (sample) {
        region.states(years);
        sink.asperityStates(region.index, micros, region.states);
        samples += region.states.asperityCount();
      }
      region.observe(annualCos, annualSin, semiCos, semiSin);
      observations += region.observations.presentCount;
      sink.observations(region.index, micros, region.observations);
    }
    epoch++;
    wallLastNanos = clock.nanoTime();
    return true;
  }

  private boolean finished() {
    if (stopRequested || Thread.currentThread().isInterrupted()) {
      return true;
    }
    if (totalEpochs >= 0 && epoch >= totalEpochs) {
      return true;
    }
    if (config.eventsPerRegion() > 0) {
      for (int r = 0; r < regions.size(); r++) {
        if (statistics.earthquakes(r) < config.eventsPerRegion()) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Waits until the wall clock reaches the epoch's paced time: after the catch-up, simulated time
   * since the catch-up's end runs at the speed factor, from the first paced epoch on.
   *
   * @return false when a stop was requested or the thread interrupted while waiting
   */
  private boolean pace(long epochMicros, double years) {
    if (wallStartNanos < 0) {
      wallStartNanos = clock.nanoTime();
    }
    Pacing pacing = config.pacing();
    if (pacing.unpaced() || years < pacing.catchUpYears()) {
      return true;
    }
    if (pacer == null) {
      pacer = new Pacer(clock, pacing.speedFactor());
    }
    double sinceCatchUpMicros =
        (epochMicros - axis.startMicros()) - pacing.catchUpYears() * TimeUnits.MICROS_PER_YEAR;
    return pacer.awaitEvent(sinceCatchUpMicros, () -> stopRequested);
  }

  public SimulationProgress progress() {
    double wall =
        wallStartNanos < 0
            ? 0.0
            : (wallLastNanos - wallStartNanos) / (double) TimeUnits.NANOS_PER_SECOND;
    double total = Double.isNaN(config.durationYears()) ? Double.NaN : config.durationYears();
    return new SimulationProgress(
        epoch, axis.epochYears(epoch), total, statistics.earthquakes(), observations, wall);
  }

  public SimulationSummary summary() {
    double wall =
        wallStartNanos < 0
            ? 0.0
            : (wallLastNanos - wallStartNanos) / (double) TimeUnits.NANOS_PER_SECOND;
    return SimulationSummary.of(
        regions.size(), axis.epochYears(epoch), epoch, statistics, observations, samples, wall);
  }

  /** Statistics of the earthquakes recorded so far. */
  public CatalogStatistics statistics() {
    return statistics;
  }

  static Earthquake earthquake(
      SimulationConfig config, StaticModel model, TimeAxis axis, int region, Rupture r) {
    return earthquake(config.regionId(region), region, model.asperityNames(), axis, r);
  }

  static Earthquake earthquake(
      String regionId, int region, List<String> asperityNames, TimeAxis axis, Rupture r) {
    long onset = axis.micros(r.onsetYears());
    List<String> names = new ArrayList<>();
    for (int a : r.asperityOrder()) {
      names.add(asperityNames.get(a));
    }
    return new Earthquake(
        region,
        regionId,
        regionId + "/" + TimeAxis.instant(onset),
        onset,
        r.onsetYears(),
        names,
        r.extent(),
        r.momentMagnitude(),
        r.momentNewtonMeters(),
        r.alongStrikeStartKm(),
        r.alongStrikeEndKm(),
        r.areaSquareKm(),
        r.meanSlipMeters(),
        r.maxSlipMeters(),
        r.slipMeters());
  }

  /** The state of one region. */
  private final class Region {
    final int index;
    final SeismicCycle cycle;
    final StationNoise[] noise;
    final double[] reference;
    final double[] deficit;
    final double[] change;
    final double slowSlipReference;
    final double[] slowSlipResponse;
    final double[] noiseValue = new double[3];
    final EpochObservations observations;
    final AsperityStates states;

    Region(int index) {
      this.index = index;
      CycleParameters parameters = config.model().cycle();
      int n = model.asperities().size();
      cycle =
          new SeismicCycle(
              model.faultModel(),
              parameters,
              Seeds.random(config.seed(), Seeds.CYCLE, index, 0),
              -config.spinUpYears());
      cycle.advanceTo(0.0, rupture -> {});
      reference = new double[n];
      deficit = new double[n];
      change = new double[n];
      cycle.deficitAt(0.0, reference);
      slowSlipReference = cycle.slowSlipDeficit();
      slowSlipResponse =
          model.faultModel().slowSlipPatch() == null ? null : model.slowSlipResponse();
      int stations = model.stationCount();
      noise = new StationNoise[stations];
      observations = new EpochObservations(stations);
      for (int s = 0; s < stations; s++) {
        noise[s] =
            new StationNoise(
                config.noise(),
                samplingSeconds,
                Seeds.random(config.seed(), Seeds.NOISE, index, s));
        observations.sigmaEast[s] = noise[s].sigma(0);
        observations.sigmaNorth[s] = noise[s].sigma(1);
        observations.sigmaUp[s] = noise[s].sigma(2);
      }
      states = new AsperityStates(n);
    }

    void advance(double years, EpochSink sink) {
      cycle.advanceTo(
          years,
          rupture -> {
            Earthquake e = earthquake(config, model, axis, index, rupture);
            statistics.add(e);
            try {
              sink.earthquake(e);
            } catch (IOException failure) {
              if (sinkFailure == null) {
                sinkFailure = failure;
              }
            }
          });
      cycle.deficitAt(years, deficit);
    }

    void states(double years) {
      System.arraycopy(deficit, 0, states.slipDeficit, 0, deficit.length);
      cycle.stress(deficit, states.shearStress);
      for (int i = 0; i < deficit.length; i++) {
        states.strength[i] = cycle.strength(i);
      }
    }

    void observe(double annualCos, double annualSin, double semiCos, double semiSin) {
      int n = deficit.length;
      for (int i = 0; i < n; i++) {
        change[i] = deficit[i] - reference[i];
      }
      double[] response = model.responseByRow;
      EpochObservations o = observations;
      int present = 0;
      for (int s = 0; s < noise.length; s++) {
        int row = 3 * s * n;
        double e = 0.0;
        double nn = 0.0;
        double u = 0.0;
        for (int i = 0; i < n; i++) {
          double d = change[i];
          e += response[row + i] * d;
          nn += response[row + n + i] * d;
          u += response[row + 2 * n + i] * d;
        }
        if (slowSlipResponse != null) {
          double d = cycle.slowSlipDeficit() - slowSlipReference;
          e += slowSlipResponse[3 * s] * d;
          nn += slowSlipResponse[3 * s + 1] * d;
          u += slowSlipResponse[3 * s + 2] * d;
        }
        o.signalEast[s] = e;
        o.signalNorth[s] = nn;
        o.signalUp[s] = u;
        boolean has = noise[s].next(annualCos, annualSin, semiCos, semiSin, noiseValue);
        o.east[s] = e + noiseValue[0];
        o.north[s] = nn + noiseValue[1];
        o.up[s] = u + noiseValue[2];
        o.present[s] = has;
        if (has) {
          present++;
        }
      }
      o.presentCount = present;
    }
  }
}
