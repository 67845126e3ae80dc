package org.asperity.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.asperity.simulator.physics.FaultModel;
import org.asperity.simulator.physics.SeismicCycle;

/**
 * The earthquake catalog of a configuration without GNSS: the same seismic cycles (same seeds, same
 * fixed integration grid) as a {@link Simulation}, hence the same earthquakes, at the cost of the
 * physics only (about 30 ns per simulated day and region). For statistics and quick studies.
 */
public final class SeismicCatalog {
  private final List<Earthquake> earthquakes;
  private final CatalogStatistics statistics;
  private final double simulatedYears;

  private SeismicCatalog(
      List<Earthquake> earthquakes, CatalogStatistics statistics, double simulatedYears) {
    this.earthquakes = List.copyOf(earthquakes);
    this.statistics = statistics;
    this.simulatedYears = simulatedYears;
  }

  /**
   * Runs every region from the start of spin-up over the configured duration, or until each region
   * has the configured number of earthquakes (whichever comes first when both are set).
   */
  public static SeismicCatalog generate(SimulationConfig config) {
    if (!config.bounded()) {
      throw new IllegalArgumentException("a duration or an event count is required");
    }
    FaultModel faultModel = Models.faultModel(config.model());
    List<String> names = faultModel.asperities().stream().map(a -> a.name()).toList();
    TimeAxis axis = new TimeAxis(config.start(), config.samplingInterval());
    CatalogStatistics statistics = new CatalogStatistics(config.regions(), faultModel);
    List<Earthquake> all = new ArrayList<>();
    double limit =
        Double.isNaN(config.durationYears()) ? Double.POSITIVE_INFINITY : config.durationYears();
    double longest = 0.0;
    for (int r = 0; r < config.regions(); r++) {
      SeismicCycle cycle =
          new SeismicCycle(
              faultModel,
              config.model().cycle(),
              Seeds.random(config.seed(), Seeds.CYCLE, r, 0),
              -config.spinUpYears());
      cycle.advanceTo(0.0, rupture -> {});
      List<Earthquake> region = new ArrayList<>();
      String id = config.regionId(r);
      int index = r;
      double t = 0.0;
      double chunk = 10.0;
      while (t < limit
          && (config.eventsPerRegion() == 0 || region.size() < config.eventsPerRegion())) {
        double next = Math.min(limit, t + chunk);
        cycle.advanceTo(
            next,
            rupture -> {
              if (config.eventsPerRegion() == 0 || region.size() < config.eventsPerRegion()) {
                region.add(Simulation.earthquake(id, index, names, axis, rupture));
              }
            });
        t = next;
      }
      region.forEach(statistics::add);
      all.addAll(region);
      longest = Math.max(longest, t);
    }
    all.sort(
        Comparator.comparingLong(Earthquake::onsetEpochMicros)
            .thenComparingInt(Earthquake::region));
    return new SeismicCatalog(all, statistics, longest);
  }

  /** All earthquakes, by onset then region. */
  public List<Earthquake> earthquakes() {
    return earthquakes;
  }

  public CatalogStatistics statistics() {
    return statistics;
  }

  public double simulatedYears() {
    return simulatedYears;
  }
}
