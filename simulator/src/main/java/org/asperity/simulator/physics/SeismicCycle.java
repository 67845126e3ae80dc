package org.asperity.simulator.physics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.asperity.time.TimeUnits;

/**
 * The seismic cycle of one region: a Coulomb-threshold model of interacting asperities.
 *
 * <p><b>Why this model.</b> Of the usual choices, a quasi-dynamic rate-and-state spring-slider or a
 * Coulomb-threshold asperity model, this is the latter, because (1) its state is exactly what the
 * streams publish as ground truth (slip deficit, shear stress and strength per asperity, with a
 * well-defined failure threshold), (2) between events it is a smooth, nearly linear ODE that can be
 * stepped cheaply for tens of thousands of years, and (3) every source of irregularity is explicit
 * and can be switched off for tests. Rate-and-state nucleation enters only as the optional
 * precursory decoupling below.
 *
 * <p><b>Loading.</b> Each asperity's slip-deficit amplitude {@code a_i} (peak deficit of its core)
 * grows at {@code plate rate x coupling x (1 - decoupling)}. Its shear stress is {@code tau = tau_r
 * + K a}, with K the elastic stiffness of {@link FaultModel}: self-stiffness of the crack plus
 * static stress transfer from the others, scaled by the <em>interaction strength</em> (1 =
 * elastic).
 *
 * <p><b>Failure and cascade.</b> An asperity fails when its stress reaches its strength and
 * releases its strength excess (strength minus residual level): slip = excess / self-stiffness,
 * tapered by its coupling pattern. The slip loads the others statically. A neighbour joins the same
 * earthquake when its stress plus the rupture-front stress at its facing edge ({@code interaction
 * strength x dynamic triggering factor x edge transfer x stress drop}) reaches its strength:
 * partial ruptures (some of the large asperities) and full-margin ruptures (all of them) emerge
 * from the state, not from dice.
 *
 * <p><b>Characteristic slip.</b> A neighbour brought to failure early by a rupture front releases
 * the same stress excess as when it nucleates, i.e. it slips its characteristic amount (the
 * asperity model of Lay and Kanamori 1981; characteristic earthquakes of Schwartz and Coppersmith
 * 1984) and ends below its residual level by the stress it lacked (dynamic overshoot driven by the
 * incoming rupture), so its next failure comes that much later. This is what keeps the sequence
 * irregular: were a triggered asperity reset to its residual level, every joint rupture would erase
 * the phase difference between the asperities and the catalog would lock, after a few cycles, into
 * a short periodic pattern (a piecewise contraction). With a fixed release every event shifts the
 * state by a fixed amount, the phases of asperities with different loading periods are never
 * forgotten, and partial and full-margin ruptures alternate aperiodically even without any noise.
 * Each asperity thus always slips about the same amount, and the magnitude of a rupture is set by
 * which asperities broke.
 *
 * <p><b>Randomness.</b> The strength excess of each new cycle is perturbed (a few percent of the
 * stress drop in the older presets, more in the variable one); the further sources below add to it.
 * The irregular sequence of partial and full ruptures comes from the interaction of asperities with
 * different loading rates: with interaction off every asperity is a near-periodic oscillator and no
 * multi-asperity rupture occurs; with the noise off the sequence stays aperiodic.
 *
 * <p><b>Further variability</b> ({@link Variability}, each source switchable, none in the older
 * presets): the stress drop of each asperity in each rupture is drawn log-normal around its
 * strength excess (variable slip, overshoot and undershoot); each asperity's loading rate
 * fluctuates slowly (an Ornstein-Uhlenbeck factor on plate rate times coupling, updated every
 * step); every rupture is followed by logarithmic afterslip on the ruptured asperities (Marone et
 * al. 1991), amplitude and time constant drawn per event, which is added exactly over each step; a
 * deeper patch releases its deficit in slow slip events of their own recurrence, which load the
 * asperities; and the precursory decoupling below can be drawn per cycle (onset, amplitude, whether
 * it happens at all). Each source has its own random stream, split off once from the cycle's
 * generator, so switching one off does not change the draws of the others.
 *
 * <p><b>Precursory decoupling.</b> In the last part of a cycle (stress excess above {@code
 * precursorOnset} of the strength excess) the asperity creeps: its deficit rate falls quadratically
 * to {@code 1 - precursorMaxDecoupling} of the plate rate at failure, a modest analogue of
 * rate-and-state nucleation (Dieterich 1992) and of the accelerating aseismic slip seen before
 * Tohoku (Mavrommatis et al. 2014) that coastal GNSS can detect.
 *
 * <p><b>Time.</b> The ODE is integrated with Heun's method on a fixed grid of {@code
 * physicsStepDays} anchored at the start of spin-up, independent of how often it is observed;
 * within a step the state is linear in time and events are located by interpolation. The catalog
 * therefore depends only on the seed and the physics, not on the GNSS sampling interval.
 */
public final class SeismicCycle {

  /** Per-source stream tags, mixed into the base seed (golden-ratio increments). */
  private static final long STREAM_STEP = 0x9E3779B97F4A7C15L;

  private final FaultModel model;
  private final CycleParameters parameters;
  private final Variability variability;
  private final SplittableRandom random;
  private final SplittableRandom slipRandom;
  private final SplittableRandom couplingRandom;
  private final SplittableRandom afterslipRandom;
  private final SplittableRandom slowSlipRandom;
  private final SplittableRandom precursorRandom;
  private final int n;
  private final double[][] k;
  private final double[][] trigger;
  private final double[] deficitRate;
  private final double[] stressDrop;
  private final double[] slowSlipStiffness;
  private final double residual;
  private final double gridOrigin;
  private final double step;
  private final double[] strength;
  private final double[] couplingFactor;
  private final double[] precursorOnset;
  private final double[] precursorDecoupling;
  private long couplingGrid = Long.MIN_VALUE;

  /** Active afterslip episodes: {asperity, start, amplitude a (m), tau (years), end}. */
  private final List<double[]> afterslip = new ArrayList<>();

  /** Slow-slip deficit breakpoints {time, amplitude}, piecewise linear; from the current step. */
  private final List<double[]> slowSlipBreaks = new ArrayList<>();

  private long gridIndex;
  private double t0;
  private double t1;
  private final double[] a0;
  private final double[] a1;
  private double s0;
  private double s1;
  private double slowSlipQueried;
  private double slowSlipRateQueried;
  private boolean ruptureAtEnd;
  private int crossing;

  private final double[] rate1;
  private final double[] rate2;
  private final double[] predicted;
  private final double[] stress0;
  private final double[] stress1;
  private final double[] rateStress;
  private final double[] release;
  private final double[] afterslipRate;

  /**
   * @param startYears time of the initial state (the start of spin-up); the initial stresses are
   *     drawn uniformly between the residual level and the strength, so a spin-up of several cycles
   *     is needed before the state forgets them
   */
  public SeismicCycle(
      FaultModel model, CycleParameters parameters, SplittableRandom random, double startYears) {
    this.model = model;
    this.parameters = parameters;
    this.variability = parameters.variability();
    this.random = random;
    this.n = model.asperityCount();
    this.k = new double[n][n];
    this.trigger = new double[n][n];
    this.deficitRate = new double[n];
    this.stressDrop = new double[n];
    this.slowSlipStiffness = new double[n];
    this.residual = parameters.residualStressMegapascals();
    double lambda = parameters.interactionStrength();
    for (int i = 0; i < n; i++) {
      AsperitySpec spec = model.asperities().get(i).spec();
      deficitRate[i] = parameters.plateRateMetersPerYear() * spec.coupling();
      stressDrop[i] = spec.stressDropMegapascals();
      slowSlipStiffness[i] = variability.slowSlip() == null ? 0.0 : model.slowSlipStiffness(i);
      for (int j = 0; j < n; j++) {
        k[i][j] = i == j ? model.stiffness(i, i) : lambda * model.stiffness(i, j);
        trigger[i][j] = lambda * parameters.dynamicTriggeringFactor() * model.edgeTransfer(i, j);
      }
    }
    double worstDecoupling =
        variability.precursor() != null
            ? variability.precursor().maxDecoupling()
            : parameters.precursorMaxDecoupling();
    for (int i = 0; i < n; i++) {
      double loading = k[i][i] * deficitRate[i] * (1.0 - worstDecoupling);
      for (int j = 0; j < n; j++) {
        if (j != i) {
          loading += k[i][j] * deficitRate[j];
        }
      }
      if (!(loading > 0)) {
        throw new IllegalArgumentException(
            "asperity "
                + model.asperities().get(i).name()
                + " is never loaded: the stress shadow of its neighbours exceeds its own loading");
      }
    }
    this.gridOrigin = startYears;
    this.t0 = startYears;
    this.step = parameters.physicsStepDays() / TimeUnits.DAYS_PER_YEAR;
    this.strength = new double[n];
    this.a0 = new double[n];
    this.a1 = new double[n];
    this.rate1 = new double[n];
    this.rate2 = new double[n];
    this.predicted = new double[n];
    this.stress0 = new double[n];
    this.stress1 = new double[n];
    this.rateStress = new double[n];
    this.release = new double[n];
    this.afterslipRate = new double[n];
    this.couplingFactor = new double[n];
    this.precursorOnset = new double[n];
    this.precursorDecoupling = new double[n];
    Arrays.fill(couplingFactor, 1.0);
    double[] stress = new double[n];
    for (int i = 0; i < n; i++) {
      strength[i] = drawStrength(i);
      stress[i] = random.nextDouble() * (strength[i] - residual);
    }
    if (variability.any()) {
      long base = random.nextLong();
      slipRandom = variability.slipLogSigma() > 0 ? stream(base, 1) : null;
      couplingRandom = variability.couplingSigma() > 0 ? stream(base, 2) : null;
      afterslipRandom = variability.afterslip() != null ? stream(base, 3) : null;
      slowSlipRandom = variability.slowSlip() != null ? stream(base, 4) : null;
      precursorRandom = variability.precursor() != null ? stream(base, 5) : null;
    } else {
      slipRandom = null;
      couplingRandom = null;
      afterslipRandom = null;
      slowSlipRandom = null;
      precursorRandom = null;
    }
    for (int i = 0; i < n; i++) {
      drawPrecursor(i);
    }
    if (slowSlipRandom != null) {
      Variability.SlowSlip sse = variability.slowSlip();
      double loadRate = sse.coupling() * parameters.plateRateMetersPerYear();
      double elapsed = slowSlipRandom.nextDouble() * sse.recurrenceYears();
      slowSlipBreaks.add(new double[] {startYears, loadRate * elapsed});
      slowSlipBreaks.add(
          new double[] {
            startYears + sse.recurrenceYears() - elapsed, loadRate * sse.recurrenceYears()
          });
    }
    s0 = slowSlipAt(startYears);
    for (int i = 0; i < n; i++) {
      stress[i] -= slowSlipStiffness[i] * s0;
    }
    solve(k, stress, a0);
    t0 = startYears;
    gridIndex = 0;
    slowSlipQueried = s0;
    nextSegment();
  }

  private static SplittableRandom stream(long base, int tag) {
    return new SplittableRandom(base + tag * STREAM_STEP);
  }

  public FaultModel model() {
    return model;
  }

  public int asperityCount() {
    return n;
  }

  /**
   * Runs the cycle up to time {@code t} (years), reporting every rupture with onset at or before t
   * in order. Time may only move forward.
   */
  public void advanceTo(double t, Consumer<Rupture> onRupture) {
    if (t < t0) {
      throw new IllegalArgumentException("time moves forward only: " + t + " < " + t0);
    }
    while (t > t1 || (t == t1 && ruptureAtEnd)) {
      boolean rupture = ruptureAtEnd;
      t0 = t1;
      System.arraycopy(a1, 0, a0, 0, n);
      s0 = s1;
      if (rupture) {
        onRupture.accept(rupture(crossing));
      }
      nextSegment();
    }
  }

  /**
   * Slip-deficit amplitudes at time t, which must lie in the current step (call advanceTo first).
   * Also sets the slow-slip deficit that {@link #slowSlipDeficit} and {@link #stress} use.
   */
  public void deficitAt(double t, double[] out) {
    if (t < t0 || t > t1) {
      throw new IllegalStateException(
          "time " + t + " outside the current step [" + t0 + ", " + t1 + "]");
    }
    double f = t1 > t0 ? (t - t0) / (t1 - t0) : 0.0;
    for (int i = 0; i < n; i++) {
      out[i] = a0[i] + f * (a1[i] - a0[i]);
    }
    slowSlipQueried = s0 + f * (s1 - s0);
    slowSlipRateQueried = t1 > t0 ? (s1 - s0) / (t1 - t0) : 0.0;
  }

  /**
   * Slip-deficit amplitude (m) of the slow-slip patch at the time of the last {@link #deficitAt}
   * call; 0 without one.
   */
  public double slowSlipDeficit() {
    return slowSlipQueried;
  }

  /**
   * Shear stress (MPa) of every asperity for the given deficit amplitudes (and the slow-slip
   * deficit of the last {@link #deficitAt} call).
   */
  public void stress(double[] deficit, double[] out) {
    stress(deficit, slowSlipQueried, out);
  }

  private void stress(double[] deficit, double slowSlip, double[] out) {
    for (int i = 0; i < n; i++) {
      double s = residual + slowSlipStiffness[i] * slowSlip;
      for (int j = 0; j < n; j++) {
        s += k[i][j] * deficit[j];
      }
      out[i] = s;
    }
  }

  /**
   * Loading rate of the shear stress (MPa per year) of every asperity for the given deficit
   * amplitudes: the stiffness times the deficit rates, including the precursory decoupling of
   * asperities close to failure, the current loading-rate fluctuation, afterslip and slow slip of
   * the current step. Between earthquakes this is the time derivative of {@link #stress}.
   */
  public void stressRate(double[] deficit, double[] out) {
    double[] rates = new double[n];
    rate(deficit, slowSlipQueried, rates);
    for (int i = 0; i < n; i++) {
      rates[i] -= afterslipRate[i];
    }
    for (int i = 0; i < n; i++) {
      double s = slowSlipStiffness[i] * slowSlipRateQueried;
      for (int j = 0; j < n; j++) {
        s += k[i][j] * rates[j];
      }
      out[i] = s;
    }
  }

  /** Strength (failure threshold, MPa) of asperity i in its current cycle. */
  public double strength(int i) {
    return strength[i];
  }

  /** Time (years) the cycle has been advanced to, i.e. the start of the current step. */
  public double time() {
    return t0;
  }

  private double drawStrength(int i) {
    double z = random.nextGaussian();
    z = Math.max(-3.0, Math.min(3.0, z));
    return residual + stressDrop[i] * (1.0 + parameters.strengthVariability() * z);
  }

  /** This cycle's precursor of asperity i: drawn, or the fixed parameters. */
  private void drawPrecursor(int i) {
    Variability.Precursor p = variability.precursor();
    if (p == null) {
      precursorOnset[i] = parameters.precursorOnset();
      precursorDecoupling[i] = parameters.precursorMaxDecoupling();
      return;
    }
    boolean happens = precursorRandom.nextDouble() < p.probability();
    double onset = p.onsetMin() + (p.onsetMax() - p.onsetMin()) * precursorRandom.nextDouble();
    double amplitude = p.maxDecoupling() * precursorRandom.nextDouble();
    precursorOnset[i] = happens ? onset : 1.0;
    precursorDecoupling[i] = happens ? amplitude : 0.0;
  }

  /** Slow-slip deficit at t (piecewise linear), extending the schedule of events as needed. */
  private double slowSlipAt(double t) {
    if (slowSlipBreaks.isEmpty()) {
      return 0.0;
    }
    Variability.SlowSlip sse = variability.slowSlip();
    double loadRate = sse.coupling() * parameters.plateRateMetersPerYear();
    double duration = sse.durationDays() / TimeUnits.DAYS_PER_YEAR;
    while (slowSlipBreaks.get(slowSlipBreaks.size() - 1)[0] <= t) {
      // the last break is the start of an event: the event, then accumulation to the next one
      double[] start = slowSlipBreaks.get(slowSlipBreaks.size() - 1);
      double end = start[0] + duration;
      double sigma = Math.sqrt(Math.log(1.0 + sse.recurrenceCov() * sse.recurrenceCov()));
      double interval =
          sse.recurrenceYears()
              * Math.exp(sigma * slowSlipRandom.nextGaussian() - 0.5 * sigma * sigma);
      interval = Math.max(interval, 2.0 * duration);
      double next = end + interval - duration;
      slowSlipBreaks.add(new double[] {end, 0.0});
      slowSlipBreaks.add(new double[] {next, loadRate * (next - end)});
    }
    while (slowSlipBreaks.size() > 2 && slowSlipBreaks.get(1)[0] <= t0) {
      slowSlipBreaks.remove(0);
    }
    for (int b = 1; b < slowSlipBreaks.size(); b++) {
      double[] left = slowSlipBreaks.get(b - 1);
      double[] right = slowSlipBreaks.get(b);
      if (t <= right[0]) {
        double f = right[0] > left[0] ? (t - left[0]) / (right[0] - left[0]) : 1.0;
        return left[1] + Math.max(0.0, Math.min(1.0, f)) * (right[1] - left[1]);
      }
    }
    throw new IllegalStateException("slow slip schedule does not reach " + t);
  }

  /** Afterslip of every asperity over [from, to] (m), dropping the episodes that ended. */
  private void afterslipOver(double from, double to, double[] out) {
    Arrays.fill(out, 0.0);
    for (int e = afterslip.size() - 1; e >= 0; e--) {
      double[] ep = afterslip.get(e);
      if (ep[4] <= from) {
        afterslip.remove(e);
        continue;
      }
      double start = ep[1];
      double a = ep[2];
      double tau = ep[3];
      double end = ep[4];
      double u0 = Math.log1p((Math.min(from, end) - start) / tau);
      double u1 = Math.log1p((Math.min(to, end) - start) / tau);
      out[(int) ep[0]] += a * (u1 - u0);
    }
  }

  /**
   * Integrates from (t0, a0) to the next grid point or to the first strength crossing before it.
   */
  private void nextSegment() {
    long index = gridIndex;
    double end = gridOrigin + index * step;
    while (end <= t0) {
      index++;
      end = gridOrigin + index * step;
    }
    gridIndex = index;
    if (couplingRandom != null && index != couplingGrid) {
      // exact Ornstein-Uhlenbeck update over one step
      double decay = Math.exp(-step / variability.couplingCorrelationYears());
      double kick = variability.couplingSigma() * Math.sqrt(1.0 - decay * decay);
      for (int i = 0; i < n; i++) {
        double x = (couplingFactor[i] - 1.0) * decay + kick * couplingRandom.nextGaussian();
        couplingFactor[i] = Math.max(0.0, 1.0 + x);
      }
      couplingGrid = index;
    }
    double h = end - t0;
    double sEnd = slowSlipAt(end);
    rate(a0, s0, rate1);
    for (int i = 0; i < n; i++) {
      predicted[i] = a0[i] + h * rate1[i];
    }
    rate(predicted, sEnd, rate2);
    afterslipOver(t0, end, release);
    for (int i = 0; i < n; i++) {
      a1[i] = a0[i] + 0.5 * h * (rate1[i] + rate2[i]) - release[i];
      afterslipRate[i] = h > 0 ? release[i] / h : 0.0;
    }
    s1 = sEnd;
    stress(a0, s0, stress0);
    stress(a1, s1, stress1);
    double first = Double.POSITIVE_INFINITY;
    int failing = -1;
    for (int i = 0; i < n; i++) {
      if (stress1[i] >= strength[i]) {
        double f =
            stress0[i] >= strength[i]
                ? 0.0
                : (strength[i] - stress0[i]) / (stress1[i] - stress0[i]);
        if (f < first) {
          first = f;
          failing = i;
        }
      }
    }
    if (failing < 0) {
      t1 = end;
      ruptureAtEnd = false;
      return;
    }
    t1 = t0 + first * h;
    for (int i = 0; i < n; i++) {
      a1[i] = a0[i] + first * (a1[i] - a0[i]);
    }
    s1 = s0 + first * (s1 - s0);
    ruptureAtEnd = true;
    crossing = failing;
  }

  /**
   * Deficit rates with the loading-rate fluctuation and the precursory decoupling of the asperities
   * close to failure.
   */
  private void rate(double[] deficit, double slowSlip, double[] out) {
    double[] stress = rateStress;
    stress(deficit, slowSlip, stress);
    for (int i = 0; i < n; i++) {
      double decoupling = 0.0;
      double onset = precursorOnset[i];
      double maxDecoupling = precursorDecoupling[i];
      if (maxDecoupling > 0.0 && onset < 1.0) {
        double loaded = (stress[i] - residual) / (strength[i] - residual);
        double s = (loaded - onset) / (1.0 - onset);
        if (s > 0.0) {
          s = Math.min(s, 1.0);
          decoupling = maxDecoupling * s * s;
        }
      }
      out[i] = deficitRate[i] * couplingFactor[i] * (1.0 - decoupling);
    }
  }

  /** The cascade at the end of the current step, starting with the asperity that crossed first. */
  private Rupture rupture(int first) {
    double[] stress = new double[n];
    stress(a0, s0, stress);
    double[] slip = new double[n];
    double[] dropped = new double[n];
    boolean[] involved = new boolean[n];
    int[] order = new int[n];
    int count = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(first);
    involved[first] = true;
    while (!queue.isEmpty()) {
      int i = queue.poll();
      order[count++] = i;
      // the strength excess of this cycle, whether nucleated here or triggered, times this
      // rupture's stress-drop factor (1 for characteristic slip)
      double factor =
          slipRandom == null
              ? 1.0
              : Math.exp(
                  variability.slipLogSigma()
                      * Math.max(-3.0, Math.min(3.0, slipRandom.nextGaussian())));
      double target = stress[i] - factor * (strength[i] - residual);
      double change = (target - stress[i]) / k[i][i];
      a0[i] += change;
      slip[i] = -change;
      dropped[i] = stress[i] - target;
      for (int j = 0; j < n; j++) {
        stress[j] += k[j][i] * change;
      }
      stress[i] = target;
      for (int j = 0; j < n; j++) {
        if (involved[j]) {
          continue;
        }
        double front = 0.0;
        for (int m = 0; m < n; m++) {
          front += trigger[j][m] * dropped[m];
        }
        // an asperity at or below its residual stress has nothing to release and holds
        if (stress[j] > residual && stress[j] + front >= strength[j]) {
          involved[j] = true;
          queue.add(j);
        }
      }
    }
    int[] failed = Arrays.copyOf(order, count);
    for (int i : failed) {
      strength[i] = Math.max(drawStrength(i), stress[i] + 1e-6 * stressDrop[i]);
      drawPrecursor(i);
      if (afterslipRandom != null) {
        Variability.Afterslip as = variability.afterslip();
        double fraction =
            as.firstYearMedian()
                * Math.exp(
                    as.firstYearLogSigma()
                        * Math.max(-3.0, Math.min(3.0, afterslipRandom.nextGaussian())));
        double logTau =
            Math.log(as.tauMinDays())
                + afterslipRandom.nextDouble()
                    * (Math.log(as.tauMaxDays()) - Math.log(as.tauMinDays()));
        double tauYears = Math.exp(logTau) / TimeUnits.DAYS_PER_YEAR;
        double amplitude = fraction * slip[i] / Math.log1p(1.0 / tauYears);
        afterslip.add(new double[] {i, t0, amplitude, tauYears, t0 + as.durationYears()});
      }
    }
    return model.describe(t0, failed, slip);
  }

  /** Solves the small dense system {@code m x = b} (Gaussian elimination with partial pivoting). */
  private static void solve(double[][] m, double[] b, double[] x) {
    int n = b.length;
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] tmp = a[c];
      a[c] = a[pivot];
      a[pivot] = tmp;
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int q = c; q <= n; q++) {
          a[r][q] -= f * a[c][q];
        }
      }
    }
    for (int r = n - 1; r >= 0; r--) {
      double s = a[r][n];
      for (int q = r + 1; q < n; q++) {
        s -= a[r][q] * x[q];
      }
      x[r] = s / a[r][r];
    }
  }
}
