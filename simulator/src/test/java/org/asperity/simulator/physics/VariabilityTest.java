package org.asperity.simulator.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.FaultPlane;
import org.junit.jupiter.api.Test;

/** Each further source of irregularity of {@link Variability}, alone on a quiet cycle. */
class VariabilityTest {
  private static final FaultMesh MESH = new FaultPlane(0, 0, 0, 15, 5, 400, 150).mesh(80, 30);
  private static final CycleParameters QUIET =
      new CycleParameters(3e10, 0.25, 0.06, 10.0, 0.0, 1.0, 3.0, 10.0, 0.25, 1.0, 0.0, 1.0);
  private static final AsperitySpec LONELY = new AsperitySpec("A1", 200, 60, 50, 30, 1.0, 3.0);

  @Test
  void withoutFurtherSourcesTheCycleIsUnchanged() {
    CycleParameters noisy = QUIET.withStrengthVariability(0.05);
    FaultModel model = new FaultModel(MESH, List.of(LONELY), noisy);
    List<Rupture> plain = run(model, noisy, 3, 800.0);
    List<Rupture> none = run(model, noisy.withVariability(Variability.NONE), 3, 800.0);
    assertEquals(plain, none);
  }

  @Test
  void stressDropVariesLogNormallyAroundTheStrengthExcess() {
    CycleParameters p = QUIET.withVariability(Variability.NONE.withSlipLogSigma(0.35));
    FaultModel model = new FaultModel(MESH, List.of(LONELY), p);
    List<Rupture> ruptures = run(model, p, 7, 20_000.0);
    double characteristic = 3.0 / model.stiffness(0, 0);
    double[] logs = ruptures.stream().mapToDouble(r -> Math.log(r.slipMeters()[0])).toArray();
    double mean = mean(logs);
    assertTrue(logs.length > 200);
    assertEquals(Math.log(characteristic), mean, 0.05, "median slip is the characteristic one");
    assertEquals(0.35, sd(logs), 0.04);
    // a larger drop than the excess is an overshoot: the next interval is longer
    for (int i = 1; i + 1 < ruptures.size(); i++) {
      double interval = ruptures.get(i + 1).onsetYears() - ruptures.get(i).onsetYears();
      double expected = ruptures.get(i).slipMeters()[0] / (0.06);
      assertEquals(expected, interval, 1e-3 * expected);
    }
  }

  @Test
  void loadingRateFluctuatesSlowlyAroundThePlateRate() {
    CycleParameters p = QUIET.withVariability(new Variability(0.0, 0.1, 10.0, null, null, null));
    FaultModel model = new FaultModel(MESH, List.of(LONELY), p);
    SeismicCycle cycle = new SeismicCycle(model, p, new SplittableRandom(11), 0.0);
    double[] deficit = new double[1];
    List<Double> yearlyRates = new ArrayList<>();
    double previous = Double.NaN;
    List<Rupture> ruptures = new ArrayList<>();
    for (int year = 1; year <= 3000; year++) {
      int before = ruptures.size();
      cycle.advanceTo(year, ruptures::add);
      cycle.deficitAt(year, deficit);
      if (ruptures.size() == before && !Double.isNaN(previous)) {
        yearlyRates.add((deficit[0] - previous) / 0.06);
      }
      previous = deficit[0];
    }
    double[] factor = yearlyRates.stream().mapToDouble(Double::doubleValue).toArray();
    assertEquals(1.0, mean(factor), 0.02);
    assertEquals(0.1, sd(factor), 0.03);
    double lag1 = 0.0;
    for (int i = 1; i < factor.length; i++) {
      lag1 += (factor[i] - 1.0) * (factor[i - 1] - 1.0);
    }
    lag1 /= (factor.length - 1) * sd(factor) * sd(factor);
    assertTrue(lag1 > 0.8, "correlated over years, not white: " + lag1);
  }

  @Test
  void afterslipDecaysLogarithmicallyAndTakesItsShareOfTheFirstYear() {
    double tauDays = 5.0;
    Variability.Afterslip fixed = new Variability.Afterslip(0.2, 0.0, tauDays, tauDays, 10.0);
    CycleParameters p = QUIET.withVariability(Variability.NONE.withAfterslip(fixed));
    FaultModel model = new FaultModel(MESH, List.of(LONELY), p);
    SeismicCycle cycle = new SeismicCycle(model, p, new SplittableRandom(2), 0.0);
    List<Rupture> ruptures = new ArrayList<>();
    long day = 0;
    while (ruptures.isEmpty()) {
      day++;
      cycle.advanceTo(day / 365.25, ruptures::add);
    }
    Rupture r = ruptures.get(0);
    double onset = r.onsetYears();
    double slip = r.slipMeters()[0];
    double tau = tauDays / 365.25;
    double a = 0.2 * slip / Math.log1p(1.0 / tau);
    double[] deficit = new double[1];
    double ta = day / 365.25;
    cycle.deficitAt(ta, deficit);
    double first = deficit[0];
    for (long later : new long[] {29, 364, 1825}) {
      double tb = (day + later) / 365.25;
      cycle.advanceTo(tb, ruptures::add);
      cycle.deficitAt(tb, deficit);
      double afterslip = a * (Math.log1p((tb - onset) / tau) - Math.log1p((ta - onset) / tau));
      double expected = first + 0.06 * (tb - ta) - afterslip;
      assertEquals(expected, deficit[0], 1e-3 * a, "after " + later + " days");
    }
    assertEquals(1, ruptures.size());
    assertEquals(0.2 * slip, a * Math.log1p(1.0 / tau), 1e-12);
  }

  @Test
  void slowSlipEventsRecurOnTheirOwnAndLoadTheAsperity() {
    Variability.SlowSlip sse =
        new Variability.SlowSlip(200.0, 130.0, 100.0, 10.0, 0.5, 2.0, 0.3, 30.0);
    CycleParameters p = QUIET.withVariability(Variability.NONE.withSlowSlip(sse));
    FaultModel model = new FaultModel(MESH, List.of(LONELY), p);
    assertTrue(model.slowSlipStiffness(0) < 0, "a locked deep patch shadows the asperity");
    SeismicCycle cycle = new SeismicCycle(model, p, new SplittableRandom(4), 0.0);
    double[] deficit = new double[1];
    double[] stress = new double[1];
    List<Double> starts = new ArrayList<>();
    double previous = Double.NaN;
    boolean releasing = false;
    double stressGainInEvents = 0.0;
    double previousStress = Double.NaN;
    List<Rupture> ruptures = new ArrayList<>();
    for (double day = 1; day < 365.25 * 400; day += 1.0) {
      double t = day / 365.25;
      int before = ruptures.size();
      cycle.advanceTo(t, ruptures::add);
      cycle.deficitAt(t, deficit);
      cycle.stress(deficit, stress);
      double s = cycle.slowSlipDeficit();
      boolean falling = !Double.isNaN(previous) && s < previous;
      if (falling && !releasing) {
        starts.add(t);
      }
      if (falling && ruptures.size() == before) {
        stressGainInEvents += stress[0] - previousStress - 0.06 * model.stiffness(0, 0) / 365.25;
      }
      releasing = falling;
      previous = s;
      previousStress = stress[0];
    }
    double[] intervals = new double[starts.size() - 1];
    for (int i = 1; i < starts.size(); i++) {
      intervals[i - 1] = starts.get(i) - starts.get(i - 1);
    }
    assertTrue(intervals.length > 150);
    assertEquals(2.0, mean(intervals), 0.15);
    assertEquals(0.3, sd(intervals) / mean(intervals), 0.06);
    assertTrue(stressGainInEvents > 0, "slow slip loads the asperity: " + stressGainInEvents);
  }

  @Test
  void precursorIsDrawnPerCycleAndOnlyWithItsProbability() {
    FaultModel model = new FaultModel(MESH, List.of(LONELY), QUIET);
    double period = 3.0 / (model.stiffness(0, 0) * 0.06);
    CycleParameters never =
        QUIET.withVariability(
            Variability.NONE.withPrecursor(new Variability.Precursor(0.0, 0.8, 0.98, 0.3)));
    List<Rupture> periodic = run(model, never, 5, 3000.0);
    for (int i = 2; i < periodic.size(); i++) {
      assertEquals(
          period, periodic.get(i).onsetYears() - periodic.get(i - 1).onsetYears(), 1e-6 * period);
    }
    CycleParameters always =
        QUIET.withVariability(
            Variability.NONE.withPrecursor(new Variability.Precursor(1.0, 0.8, 0.98, 0.3)));
    List<Rupture> delayed = run(model, always, 5, 3000.0);
    double[] intervals = new double[delayed.size() - 2];
    for (int i = 2; i < delayed.size(); i++) {
      intervals[i - 2] = delayed.get(i).onsetYears() - delayed.get(i - 1).onsetYears();
      assertTrue(intervals[i - 2] >= period - 1e-6 * period, "decoupling only delays failure");
    }
    assertTrue(sd(intervals) > 0.002 * period, "onset and amplitude differ between cycles");
  }

  private static List<Rupture> run(FaultModel model, CycleParameters p, long seed, double years) {
    SeismicCycle cycle = new SeismicCycle(model, p, new SplittableRandom(seed), 0.0);
    List<Rupture> ruptures = new ArrayList<>();
    cycle.advanceTo(years, ruptures::add);
    return ruptures;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double sd(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }
}
