package org.asperity.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.EpochObservations;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.StaticModel;
import org.asperity.time.TimeUnits;

/**
 * The simulator's meters, fed as one more {@link EpochSink} beside the writers: {@code
 * asperity_simulator_observations_total}, {@code asperity_simulator_earthquakes_total{region}},
 * {@code asperity_simulator_earthquake_magnitude{region}} and {@code
 * asperity_simulator_simulated_time_seconds}. One counter increment and one volatile write per
 * region and epoch; nothing per observation.
 */
public final class SimulatorMetrics implements EpochSink {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter observations;
  private Counter[] earthquakes = new Counter[0];
  private LatestMagnitude[] lastMagnitude = new LatestMagnitude[0];
  private volatile double simulatedTimeSeconds = Double.NaN;

  public SimulatorMetrics() {
    observations =
        Counter.builder("asperity.simulator.observations")
            .description("GNSS observations simulated (handed to the writers)")
            .register(registry);
    Gauge.builder("asperity.simulator.simulated.time", this, m -> m.simulatedTimeSeconds)
        .baseUnit("seconds")
        .description("Event time the simulation has reached (the latest epoch), seconds since 1970")
        .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void begin(StaticModel model, List<String> regionIds) {
    int n = regionIds.size();
    earthquakes = new Counter[n];
    lastMagnitude = new LatestMagnitude[n];
    for (int r = 0; r < n; r++) {
      String region = regionIds.get(r);
      earthquakes[r] =
          Counter.builder("asperity.simulator.earthquakes")
              .tag("region", region)
              .description("Earthquakes in the simulated catalog (ground truth), by region")
              .register(registry);
      lastMagnitude[r] = new LatestMagnitude();
      Gauge.builder("asperity.simulator.earthquake.magnitude", lastMagnitude[r], m -> m.mw)
          .tag("region", region)
          .description(
              "Moment magnitude of the region's latest simulated earthquake (ground truth)")
          .register(registry);
    }
  }

  @Override
  public void observations(int region, long epochMicros, EpochObservations o) {
    observations.increment(o.presentCount());
    simulatedTimeSeconds = epochMicros / (double) TimeUnits.MICROS_PER_SECOND;
  }

  @Override
  public void earthquake(Earthquake earthquake) {
    earthquakes[earthquake.region()].increment();
    lastMagnitude[earthquake.region()].mw = earthquake.momentMagnitude();
  }

  /** Read by the scrape thread; NaN until the region's first earthquake. Held by the array. */
  private static final class LatestMagnitude {
    volatile double mw = Double.NaN;
  }
}
