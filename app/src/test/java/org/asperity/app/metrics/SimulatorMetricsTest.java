package org.asperity.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.asperity.simulator.EpochSink;
import org.asperity.simulator.Preset;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.SimulationSummary;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class SimulatorMetricsTest {

  @Test
  void theMetersCountWhatTheSimulationSummaryReports() throws Exception {
    SimulationConfig config =
        SimulationConfig.builder()
            .preset(Preset.NATURE)
            .seed(11)
            .regions(2)
            .durationYears(60)
            .spinUpYears(200)
            .samplingInterval(java.time.Duration.ofDays(30))
            .build();
    SimulatorMetrics metrics = new SimulatorMetrics();
    SimulationSummary summary = new Simulation(config).run(EpochSink.all(metrics), p -> {});

    var registry = metrics.registry();
    assertEquals(
        summary.observations(), registry.get("asperity.simulator.observations").counter().count());
    double quakes =
        registry.get("asperity.simulator.earthquakes").counters().stream()
            .mapToDouble(c -> c.count())
            .sum();
    assertEquals(summary.earthquakes(), quakes);
    assertTrue(summary.earthquakes() > 0, "60 years of the nature preset have earthquakes");
    double mw =
        registry
            .get("asperity.simulator.earthquake.magnitude")
            .tag("region", "sim-00")
            .gauge()
            .value();
    assertTrue(mw >= summary.minMagnitude() && mw <= summary.maxMagnitude(), "latest Mw " + mw);
    double endSeconds =
        config.start().getEpochSecond() + summary.simulatedYears() * TimeUnits.SECONDS_PER_YEAR;
    double reached = registry.get("asperity.simulator.simulated.time").gauge().value();
    assertTrue(
        Math.abs(reached - endSeconds) <= 31 * TimeUnits.SECONDS_PER_DAY,
        "event time reached " + reached + " vs " + endSeconds);
  }
}
