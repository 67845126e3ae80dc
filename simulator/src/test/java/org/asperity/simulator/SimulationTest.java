package org.asperity.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asperity.geodesy.GreensFunctions;
import org.junit.jupiter.api.Test;

class SimulationTest {
  private static SimulationConfig.Builder small() {
    return SimulationTestSupport.small();
  }

  @Test
  void noiseFreeObservationsAreGreensFunctionsTimesTheDeficitChange() throws IOException {
    SimulationConfig config =
        small().noiseFree(true).durationYears(150.0).samplingInterval(Duration.ofDays(7)).build();
    Simulation simulation = new Simulation(config);
    StaticModel model = simulation.model();
    GreensFunctions g = model.greensFunctions();
    double[] reference = new double[model.asperities().size()];
    int[] checked = {0};
    List<Earthquake> quakes = new ArrayList<>();
    EpochSink sink =
        new EpochSink() {
          @Override
          public void asperityStates(int region, long epochMicros, AsperityStates states) {
            if (checked[0] == 0) {
              System.arraycopy(states.slipDeficitMeters(), 0, reference, 0, reference.length);
            }
            double[] change = states.slipDeficitMeters().clone();
            for (int i = 0; i < change.length; i++) {
              change[i] -= reference[i];
            }
            double[] field = model.faultModel().deficitField(change);
            for (int p = 0; p < field.length; p++) {
              field[p] = -field[p]; // deficit is back-slip
            }
            expected = new double[g.rowCount()];
            g.multiply(field, expected);
          }

          double[] expected;

          @Override
          public void observations(int region, long epochMicros, EpochObservations o) {
            for (int s = 0; s < o.stationCount(); s++) {
              assertTrue(o.present()[s]);
              assertEquals(expected[3 * s], o.eastMeters()[s], 1e-12);
              assertEquals(expected[3 * s + 1], o.northMeters()[s], 1e-12);
              assertEquals(expected[3 * s + 2], o.upMeters()[s], 1e-12);
              assertEquals(o.signalEastMeters()[s], o.eastMeters()[s]);
              assertTrue(
                  o.sigmaEastMeters()[s] > 0 && o.sigmaUpMeters()[s] > o.sigmaEastMeters()[s]);
            }
            checked[0]++;
          }

          @Override
          public void earthquake(Earthquake earthquake) {
            quakes.add(earthquake);
          }
        };
    SimulationSummary summary = simulation.run(sink, ProgressListener.none());
    assertEquals(summary.epochs(), checked[0]);
    assertFalse(
        quakes.isEmpty(), "the window contains earthquakes, so the check covers coseismic steps");
  }

  @Test
  void simulationRecordsTheSameEarthquakesAsTheCatalog() throws IOException {
    SimulationConfig config = small().regions(2).durationYears(300.0).build();
    List<Earthquake> recorded = new ArrayList<>();
    SimulationSummary summary =
        new Simulation(config)
            .run(
                new EpochSink() {
                  @Override
                  public void observations(
                      int region, long epochMicros, EpochObservations observations) {}

                  @Override
                  public void earthquake(Earthquake earthquake) {
                    recorded.add(earthquake);
                  }
                },
                ProgressListener.none());
    List<Earthquake> catalog = SeismicCatalog.generate(config).earthquakes();
    recorded.sort(
        java.util.Comparator.comparingLong(Earthquake::onsetEpochMicros)
            .thenComparingInt(Earthquake::region));
    assertEquals(catalog, recorded);
    assertEquals(catalog.size(), summary.earthquakes());
    assertTrue(
        catalog.stream().anyMatch(e -> e.region() == 0)
            && catalog.stream().anyMatch(e -> e.region() == 1));
    Earthquake first = catalog.get(0);
    assertEquals(
        first.regionId() + "/" + TimeAxis.instant(first.onsetEpochMicros()), first.eventId());
  }

  @Test
  void stopsAfterTheRequestedNumberOfEarthquakesAndReportsProgress() throws IOException {
    SimulationConfig config =
        small().unlimitedDuration().untilEventsPerRegion(3).progressEveryEpochs(1000).build();
    List<SimulationProgress> progress = new ArrayList<>();
    SimulationSummary summary = new Simulation(config).run(EpochSink.discard(), progress::add);
    assertTrue(summary.earthquakes() >= 3);
    assertEquals(
        summary.earthquakes(),
        summary.smallRuptures() + summary.partialRuptures() + summary.fullMarginRuptures());
    assertTrue(progress.size() >= 2);
    assertTrue(Double.isNaN(progress.get(0).totalYears()));
    assertEquals(summary.epochs(), progress.get(progress.size() - 1).epochs());
    assertTrue(summary.toString().contains("earthquakes"));
  }

  @Test
  void callbacksArriveInTimeOrderAndStepCanBeStopped() throws IOException {
    SimulationConfig config =
        small().regions(2).unlimitedDuration().samplingInterval(Duration.ofDays(30)).build();
    Simulation simulation = new Simulation(config);
    List<String> calls = new ArrayList<>();
    long[] lastMicros = {Long.MIN_VALUE};
    EpochSink sink =
        new EpochSink() {
          @Override
          public void observations(int region, long epochMicros, EpochObservations o) {
            assertTrue(epochMicros >= lastMicros[0]);
            lastMicros[0] = epochMicros;
            calls.add("obs" + region);
          }

          @Override
          public void earthquake(Earthquake e) {
            assertTrue(
                e.onsetEpochMicros() <= lastMicros[0] + simulation.timeAxis().intervalMicros());
            calls.add("eq" + e.region());
          }

          @Override
          public void asperityStates(int region, long epochMicros, AsperityStates states) {
            calls.add("state" + region);
          }
        };
    for (int i = 0; i < 1200; i++) {
      assertTrue(simulation.step(sink));
    }
    simulation.requestStop();
    assertFalse(simulation.step(sink));
    assertEquals(1200, simulation.epochs());
    assertEquals(List.of("state0", "obs0", "state1", "obs1"), calls.subList(0, 4));
    assertTrue(calls.contains("eq0") && calls.contains("eq1"));
    assertEquals(1200 * 30 / 365.25, simulation.summary().simulatedYears(), 1e-9);
  }

  @Test
  void regionsHaveTheirOwnHistory() {
    SimulationConfig config = small().regions(2).durationYears(500.0).build();
    List<Earthquake> quakes = SeismicCatalog.generate(config).earthquakes();
    List<Long> region0 =
        quakes.stream().filter(e -> e.region() == 0).map(Earthquake::onsetEpochMicros).toList();
    List<Long> region1 =
        quakes.stream().filter(e -> e.region() == 1).map(Earthquake::onsetEpochMicros).toList();
    assertFalse(region0.equals(region1));
  }
}
