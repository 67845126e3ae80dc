package org.asperity.simulator.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.FaultPatch;
import org.asperity.geodesy.FaultPlane;
import org.junit.jupiter.api.Test;

class SeismicCycleTest {
  private static final FaultMesh MESH = new FaultPlane(0, 0, 0, 15, 5, 400, 150).mesh(80, 30);
  private static final CycleParameters QUIET =
      new CycleParameters(3e10, 0.25, 0.06, 10.0, 0.0, 1.0, 3.0, 10.0, 0.25, 1.0, 0.0, 1.0);

  @Test
  void lonelyAsperityWithoutNoiseIsPeriodicWithTheCrackRecurrence() {
    FaultModel model =
        new FaultModel(MESH, List.of(new AsperitySpec("A1", 200, 70, 50, 30, 0.8, 3.0)), QUIET);
    List<Rupture> ruptures = run(model, QUIET, 1, 1000.0);
    double expectedYears = 3.0 / (model.stiffness(0, 0) * 0.06 * 0.8);
    assertTrue(ruptures.size() > 10);
    for (int i = 1; i < ruptures.size(); i++) {
      assertEquals(
          expectedYears, ruptures.get(i).onsetYears() - ruptures.get(i - 1).onsetYears(), 1e-6);
    }
    Rupture r = ruptures.get(0);
    double slip = 3.0 / model.stiffness(0, 0);
    assertEquals(slip, r.slipMeters()[0], 1e-9);
    double moment = 3e10 * slip * model.asperities().get(0).potencySquareMeters();
    assertEquals(moment, r.momentNewtonMeters(), 1e-6 * moment);
    assertEquals(2.0 / 3.0 * (Math.log10(moment) - 9.1), r.momentMagnitude(), 1e-12);
    assertTrue(r.fullMargin(), "the only asperity broke");
    assertEquals(slip, r.maxSlipMeters(), 1e-9);
    assertTrue(r.meanSlipMeters() < slip, "slip tapers at the rupture edges");
  }

  @Test
  void couplingPatternIsLockedInTheCoreAndTapersAcrossTheHalo() {
    FaultModel model =
        new FaultModel(MESH, List.of(new AsperitySpec("A1", 200, 70, 50, 30, 1.0, 3.0)), QUIET);
    Asperity a = model.asperities().get(0);
    int[] patches = a.patchIndices();
    assertEquals(
        java.util.stream.IntStream.range(0, MESH.size()).filter(p -> a.pattern(p) > 0).count(),
        patches.length);
    assertTrue(patches.length < MESH.size() / 4, "an asperity is a small part of the fault");
    double previous = 2.0;
    for (int i = 40; i < 80; i++) {
      FaultPatch p = MESH.patch(i, 14);
      double value = a.pattern(p.index());
      assertTrue(value <= previous + 1e-12, "monotonic away from the centre");
      previous = value;
      double rho = Math.abs(p.alongStrikeKm() - 200) / 50;
      if (rho <= 1) {
        assertEquals(1.0, value);
      } else if (rho >= 1.25) {
        assertEquals(0.0, value);
      } else {
        assertTrue(value > 0 && value < 1);
      }
    }
  }

  @Test
  void interactionIsReciprocalAndCastsStressShadows() {
    FaultModel model = twoAsperities(QUIET);
    double w0 = 0;
    double w1 = 0;
    for (int p = 0; p < MESH.size(); p++) {
      w0 += model.asperities().get(0).pattern(p);
      w1 += model.asperities().get(1).pattern(p);
    }
    // Betti reciprocity of the pattern-weighted stiffness
    assertEquals(
        model.stiffness(0, 1) * w0,
        model.stiffness(1, 0) * w1,
        1e-9 * Math.abs(model.stiffness(0, 1) * w0));
    assertTrue(
        model.stiffness(0, 1) < 0 && model.stiffness(1, 0) < 0,
        "locked neighbours shadow each other");
    assertTrue(
        model.edgeTransfer(0, 1) > -model.stiffness(0, 1) / model.stiffness(1, 1),
        "the facing edge feels more than the asperity mean");
    assertEquals(0.0, model.edgeTransfer(0, 0));
  }

  @Test
  void ruptureOfOneAsperityTriggersANeighbourCloseToFailure() {
    CycleParameters strong = QUIET.withDynamicTriggeringFactor(50.0);
    List<Rupture> ruptures = run(twoAsperities(strong), strong, 7, 2000.0);
    assertTrue(
        ruptures.stream().allMatch(Rupture::fullMargin), "strong triggering synchronises the pair");
    CycleParameters none = QUIET.withInteractionStrength(0.0);
    List<Rupture> independent = run(twoAsperities(none), none, 7, 2000.0);
    assertTrue(independent.stream().noneMatch(Rupture::fullMargin));
    assertTrue(independent.stream().allMatch(r -> r.asperityCount() == 1));
  }

  @Test
  void aTriggeredAsperitySlipsItsCharacteristicAmountAndStartsItsNextCycleLate() {
    CycleParameters strong = QUIET.withDynamicTriggeringFactor(50.0);
    FaultModel model = twoAsperities(strong);
    SeismicCycle cycle = new SeismicCycle(model, strong, new SplittableRandom(7), 0.0);
    List<Rupture> ruptures = new ArrayList<>();
    double t = 0.0;
    while (ruptures.isEmpty()) {
      t += 0.01;
      cycle.advanceTo(t, ruptures::add);
    }
    // just after the first double rupture the asperity that was triggered early sits below its
    // residual level
    double[] deficit = new double[2];
    double[] stress = new double[2];
    cycle.deficitAt(t, deficit);
    cycle.stress(deficit, stress);
    int triggered = ruptures.get(0).asperityOrder()[1];
    assertTrue(
        stress[triggered] < 10.0 - 0.01,
        "overshoot below the residual 10 MPa: " + stress[triggered]);
    cycle.advanceTo(500.0, ruptures::add);
    assertTrue(ruptures.size() > 3);
    for (Rupture r : ruptures) {
      assertTrue(r.fullMargin(), "strong triggering makes every rupture a double");
      for (int i = 0; i < 2; i++) {
        assertEquals(
            3.0 / model.stiffness(i, i),
            r.slipMeters()[i],
            1e-9,
            "full stress drop, nucleated or not");
      }
    }
  }

  @Test
  void largeAsperitiesDecideTheRuptureExtentAndSmallOnesDoNot() {
    FaultModel model =
        new FaultModel(
            MESH,
            List.of(
                new AsperitySpec("A1", 120, 70, 50, 30, 1.0, 3.0),
                new AsperitySpec("A2", 185, 70, 5, 5, 0.5, 3.0),
                new AsperitySpec("A3", 250, 70, 50, 30, 1.0, 3.0)),
            QUIET);
    assertTrue(model.isLarge(0) && !model.isLarge(1) && model.isLarge(2));
    assertEquals(2, model.largeAsperityCount());
    assertTrue(
        model.nominalMagnitude(0) - model.nominalMagnitude(1) > FaultModel.LARGE_MAGNITUDE_RANGE);
    List<Rupture> ruptures = run(model, QUIET.withDynamicTriggeringFactor(1.0), 3, 3000.0);
    for (Rupture r : ruptures) {
      int large = (r.involves(0) ? 1 : 0) + (r.involves(2) ? 1 : 0);
      assertEquals(RuptureExtent.of(large, 2), r.extent(), r.toString());
    }
  }

  @Test
  void nominalMagnitudeIsThatOfTheAsperityFailingAlone() {
    FaultModel model =
        new FaultModel(MESH, List.of(new AsperitySpec("A1", 200, 70, 50, 30, 0.8, 3.0)), QUIET);
    Rupture r = run(model, QUIET, 1, 300.0).get(0);
    assertEquals(model.nominalMagnitude(0), r.momentMagnitude(), 1e-9);
  }

  @Test
  void stressRateIsTheTimeDerivativeOfStressBetweenEarthquakes() {
    CycleParameters p = QUIET.withPrecursor(0.8, 0.3);
    FaultModel model = twoAsperities(p);
    SeismicCycle cycle = new SeismicCycle(model, p, new SplittableRandom(5), 0.0);
    double[] deficit = new double[2];
    double[] stress0 = new double[2];
    double[] stress1 = new double[2];
    double[] rate0 = new double[2];
    double[] rate1 = new double[2];
    double window = 0.5;
    int checked = 0;
    for (double t = 10.0; t < 500.0; t += 7.3) {
      cycle.advanceTo(t, r -> {});
      cycle.deficitAt(t, deficit);
      cycle.stress(deficit, stress0);
      cycle.stressRate(deficit, rate0);
      List<Rupture> ruptures = new ArrayList<>();
      cycle.advanceTo(t + window, ruptures::add);
      if (!ruptures.isEmpty()) {
        continue;
      }
      cycle.deficitAt(t + window, deficit);
      cycle.stress(deficit, stress1);
      cycle.stressRate(deficit, rate1);
      for (int i = 0; i < 2; i++) {
        double trapezoid = 0.5 * (rate0[i] + rate1[i]);
        assertEquals(trapezoid, (stress1[i] - stress0[i]) / window, 0.01 * trapezoid);
      }
      checked++;
    }
    assertTrue(checked > 50);
  }

  @Test
  void eventsDoNotDependOnHowOftenTheCycleIsObserved() {
    CycleParameters p = QUIET.withStrengthVariability(0.03).withPrecursor(0.9, 0.3);
    FaultModel model = twoAsperities(p);
    SeismicCycle coarse = new SeismicCycle(model, p, new SplittableRandom(3), -100.0);
    SeismicCycle fine = new SeismicCycle(model, p, new SplittableRandom(3), -100.0);
    List<Rupture> a = new ArrayList<>();
    List<Rupture> b = new ArrayList<>();
    double[] da = new double[2];
    double[] db = new double[2];
    coarse.advanceTo(500.0, a::add);
    for (double t = -100.0 + 0.0137; t < 500.0; t += 0.0137) {
      fine.advanceTo(t, b::add);
    }
    fine.advanceTo(500.0, b::add);
    assertEquals(a, b);
    coarse.deficitAt(500.0, da);
    fine.deficitAt(500.0, db);
    assertArrayEquals(da, db, 0.0);
    assertThrows(IllegalArgumentException.class, () -> coarse.advanceTo(10.0, r -> {}));
  }

  @Test
  void precursoryDecouplingSlowsTheLoadingJustBeforeFailure() {
    CycleParameters precursor = QUIET.withPrecursor(0.8, 0.5);
    FaultModel model =
        new FaultModel(MESH, List.of(new AsperitySpec("A1", 200, 70, 50, 30, 1.0, 3.0)), precursor);
    SeismicCycle cycle = new SeismicCycle(model, precursor, new SplittableRandom(1), 0.0);
    List<Rupture> ruptures = new ArrayList<>();
    double[] deficit = new double[1];
    double[] stress = new double[1];
    double early = Double.NaN;
    double late = Double.NaN;
    double previous = Double.NaN;
    for (double t = 0.0; t < 400.0 && ruptures.size() < 3; t += 0.1) {
      int before = ruptures.size();
      cycle.advanceTo(t, ruptures::add);
      cycle.deficitAt(t, deficit);
      cycle.stress(deficit, stress);
      double loaded = (stress[0] - 10.0) / (cycle.strength(0) - 10.0);
      if (ruptures.size() == 1 && before == 1 && !Double.isNaN(previous)) {
        double rate = (deficit[0] - previous) / 0.1;
        if (loaded > 0.3 && loaded < 0.5) {
          early = rate;
        } else if (loaded > 0.97) {
          late = rate;
        }
      }
      previous = deficit[0];
    }
    assertEquals(0.06, early, 1e-9, "fully locked in mid-cycle");
    assertTrue(late < 0.06 * 0.6, "decoupled close to failure: " + late);
  }

  private static FaultModel twoAsperities(CycleParameters p) {
    return new FaultModel(
        MESH,
        List.of(
            new AsperitySpec("A1", 120, 70, 50, 30, 1.0, 3.0),
            new AsperitySpec("A2", 250, 70, 50, 30, 1.0, 3.0)),
        p);
  }

  private static List<Rupture> run(FaultModel model, CycleParameters p, long seed, double years) {
    SeismicCycle cycle = new SeismicCycle(model, p, new SplittableRandom(seed), 0.0);
    List<Rupture> ruptures = new ArrayList<>();
    cycle.advanceTo(years, ruptures::add);
    return ruptures;
  }
}
