package org.asperity.job.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.asperity.schemas.AlertLevel;
import org.asperity.time.TimeUnits;

/**
 * The latest forecast and alert level of each region as gauges, for dashboards that plot them over
 * time: {@code asperity_forecast_ttf_seconds{region,percentile}}, {@code
 * asperity_forecast_magnitude}, {@code asperity_forecast_in_training_domain}, {@code
 * asperity_forecast_window_end_seconds} and {@code asperity_alert_level}. The time to failure is in
 * seconds and its percentiles are a {@code percentile} label ("10", "50", "90"): Prometheus wants
 * base units in names, and reserves {@code quantile} for summaries. A region's forecast gauges are
 * registered on its first forecast, its alert-level gauge on its first pass through the alert
 * policy (the two operators may run in different TaskManagers); both then read volatile fields, so
 * an update allocates nothing. A region whose alert state retires after its silence has its gauges
 * removed, so made-up or decommissioned regions do not accumulate series.
 */
final class RegionGauges {
  private final MeterRegistry registry;
  private final Map<String, Region> regions = new ConcurrentHashMap<>();
  private final Map<String, Level> levels = new ConcurrentHashMap<>();

  RegionGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void forecast(
      String region,
      long windowEndMicros,
      double ttfP10Days,
      double ttfP50Days,
      double ttfP90Days,
      double momentMagnitude,
      boolean inTrainingDomain) {
    Region r = regions.get(region);
    if (r == null) {
      r = regions.computeIfAbsent(region, this::register);
    }
    r.ttfP10Days = ttfP10Days;
    r.ttfP50Days = ttfP50Days;
    r.ttfP90Days = ttfP90Days;
    r.momentMagnitude = momentMagnitude;
    r.inTrainingDomain = inTrainingDomain ? 1 : 0;
    r.windowEndSeconds = windowEndMicros / (double) TimeUnits.MICROS_PER_SECOND;
  }

  void alertLevel(String region, AlertLevel level) {
    Level l = levels.get(region);
    if (l == null) {
      l = levels.computeIfAbsent(region, this::registerLevel);
    }
    l.value = levelValue(level);
  }

  /** Removes the region's gauges, if any; a later forecast registers them afresh. */
  void retire(String region) {
    regions.remove(region);
    levels.remove(region);
    registry.find("asperity.forecast.ttf").tag("region", region).meters().forEach(registry::remove);
    for (String name :
        List.of(
            "asperity.forecast.magnitude",
            "asperity.forecast.in.training.domain",
            "asperity.forecast.window.end",
            "asperity.alert.level")) {
      registry.find(name).tag("region", region).meters().forEach(registry::remove);
    }
  }

  /** CLEAR 0, WATCH 1, WARNING 2: ordered, so a panel can threshold and colour them. */
  static double levelValue(AlertLevel level) {
    return switch (level) {
      case CLEAR -> 0;
      case WATCH -> 1;
      case WARNING -> 2;
      case UNKNOWN -> Double.NaN;
    };
  }

  private Region register(String id) {
    Region r = new Region();
    ttf(id, "10", r, x -> x.ttfP10Days);
    ttf(id, "50", r, x -> x.ttfP50Days);
    ttf(id, "90", r, x -> x.ttfP90Days);
    Gauge.builder("asperity.forecast.magnitude", r, x -> x.momentMagnitude)
        .tag("region", id)
        .description("Moment magnitude of the next large event, latest forecast of the region")
        .register(registry);
    Gauge.builder("asperity.forecast.in.training.domain", r, x -> x.inTrainingDomain)
        .tag("region", id)
        .description(
            "1 when the latest forecast's features lie inside the model's training domain, 0 when it"
                + " carries a caveat")
        .register(registry);
    Gauge.builder("asperity.forecast.window.end", r, x -> x.windowEndSeconds)
        .tag("region", id)
        .baseUnit("seconds")
        .description("Event time of the latest forecast (window end), seconds since 1970")
        .register(registry);
    return r;
  }

  private Level registerLevel(String id) {
    Level l = new Level();
    Gauge.builder("asperity.alert.level", l, x -> x.value)
        .tag("region", id)
        .description("Alert level in force: 0 CLEAR, 1 WATCH, 2 WARNING")
        .register(registry);
    return l;
  }

  private void ttf(String id, String percentile, Region r, ToDoubleFunction<Region> days) {
    Gauge.builder(
            "asperity.forecast.ttf", r, x -> days.applyAsDouble(x) * TimeUnits.SECONDS_PER_DAY)
        .tag("region", id)
        .tag("percentile", percentile)
        .baseUnit("seconds")
        .description(
            "Time to failure of the latest forecast of the region, seconds, by percentile (10, 50,"
                + " 90)")
        .register(registry);
  }

  /**
   * One region's latest forecast; the map holds it strongly (Micrometer's gauges hold it weakly).
   * NaN until the first value, so a scrape racing the registration shows no point rather than a
   * false 0.
   */
  private static final class Region {
    volatile double ttfP10Days = Double.NaN;
    volatile double ttfP50Days = Double.NaN;
    volatile double ttfP90Days = Double.NaN;
    volatile double momentMagnitude = Double.NaN;
    volatile double inTrainingDomain = Double.NaN;
    volatile double windowEndSeconds = Double.NaN;
  }

  private static final class Level {
    volatile double value = Double.NaN;
  }
}
