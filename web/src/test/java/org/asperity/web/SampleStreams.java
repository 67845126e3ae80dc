package org.asperity.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.Pacing;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SeismicCatalog;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.TimeAxis;
import org.asperity.time.TimeUnits;

/**
 * Realistic input for the page until the Flink job exists: a short simulation of the nature preset
 * (its observations and catalog come from the simulator itself), and forecasts and alerts such as a
 * good model and a simple alert policy would give for it: the time from each tick to the next
 * catalog earthquake of at least {@link #THRESHOLD}, with a seeded, slowly varying log-normal error
 * (a model fed rolling features errs alike from one tick to the next), and alert levels with
 * hysteresis (a level is left only well past the threshold that raised it).
 */
final class SampleStreams {
  static final String REGION = "sim-00";
  static final double THRESHOLD = 7.5;
  static final double WATCH_P10_DAYS = 3 * TimeUnits.DAYS_PER_YEAR;
  static final double WARNING_P50_DAYS = TimeUnits.DAYS_PER_YEAR;

  /** A level ends when its quantity is this factor past the threshold that raised it. */
  static final double HYSTERESIS = 1.5;

  /** Tick-to-tick correlation of the forecast error, and its size (log units). */
  static final double ERROR_CORRELATION = 0.95;

  static final double ERROR_SIGMA = 0.15;

  final SimulationConfig config;
  final List<TtfForecast> forecasts = new ArrayList<>();
  final List<TtfAlert> alerts = new ArrayList<>();

  /**
   * @param years simulated years of observations (weekly solutions: fast, and a tick a week)
   */
  SampleStreams(double years, long seed) {
    this.config =
        SimulationConfig.builder()
            .preset(Preset.NATURE)
            .seed(seed)
            .regions(1)
            .samplingInterval(Duration.ofDays(7))
            .durationYears(years)
            .pacing(Pacing.asFastAsPossible())
            .build();
    List<Earthquake> catalog =
        SeismicCatalog.generate(
                config.toBuilder().unlimitedDuration().untilEventsPerRegion(8).build())
            .earthquakes();
    TimeAxis axis = new TimeAxis(config.start(), config.samplingInterval());
    Random noise = new Random(seed);
    AlertLevel level = AlertLevel.CLEAR;
    String openAlert = null;
    double error = 0.0;
    double errorInnovation = ERROR_SIGMA * Math.sqrt(1 - ERROR_CORRELATION * ERROR_CORRELATION);
    long epochs = (long) Math.ceil(years * TimeUnits.MICROS_PER_YEAR / axis.intervalMicros());
    for (long k = 1; k < epochs; k++) {
      long tick = axis.epochMicros(k);
      Earthquake next =
          catalog.stream()
              .filter(e -> e.onsetEpochMicros() > tick && e.momentMagnitude() >= THRESHOLD)
              .findFirst()
              .orElseThrow();
      double trueDays = (next.onsetEpochMicros() - tick) / (double) TimeUnits.MICROS_PER_DAY;
      error = ERROR_CORRELATION * error + errorInnovation * noise.nextGaussian();
      double p50 = trueDays * Math.exp(error);
      double p10 = p50 * 0.6;
      double p90 = p50 * 1.6;
      double mw = next.momentMagnitude() + 0.3 * error;
      Instant windowEnd = TimeAxis.instant(tick);
      forecasts.add(
          TtfForecast.newBuilder()
              .setRegion(REGION)
              .setWindowEnd(windowEnd)
              .setTtfP10Days(p10)
              .setTtfP50Days(p50)
              .setTtfP90Days(p90)
              .setMomentMagnitude(mw)
              .setMagnitudeThreshold(THRESHOLD)
              .setModelVersion("gbrt-sample-1")
              .setFeatureHash("sample")
              .setStationsUsed(100)
              .setStationsExpected(100)
              .setMissingStations(List.of())
              .build());
      AlertLevel now = levelFor(level, p10, p50);
      if (now != level) {
        AlertAction action =
            openAlert == null
                ? AlertAction.ISSUE
                : now == AlertLevel.CLEAR ? AlertAction.CANCEL : AlertAction.UPDATE;
        String id = REGION + "/" + now + "/" + windowEnd.toString().substring(0, 10);
        String reason =
            switch (now) {
              case WARNING ->
                  String.format(
                      Locale.ROOT,
                      "p50 TTF %.0f d below warning horizon %.0f d",
                      p50,
                      WARNING_P50_DAYS);
              case WATCH ->
                  String.format(
                      Locale.ROOT,
                      "p10 TTF %.0f d below watch horizon %.0f d",
                      p10,
                      WATCH_P10_DAYS);
              default ->
                  String.format(
                      Locale.ROOT,
                      "p10 TTF %.0f d above watch horizon %.0f d",
                      p10,
                      WATCH_P10_DAYS);
            };
        alerts.add(
            TtfAlert.newBuilder()
                .setAlertId(id)
                .setRegion(REGION)
                .setLevel(now)
                .setAction(action)
                .setReferences(openAlert)
                .setIssuedAt(windowEnd)
                .setTtfP10Days(p10)
                .setTtfP50Days(p50)
                .setTtfP90Days(p90)
                .setMomentMagnitude(mw)
                .setModelVersion("gbrt-sample-1")
                .setReason(reason)
                .build());
        openAlert = now == AlertLevel.CLEAR ? null : id;
        level = now;
      }
    }
  }

  private static AlertLevel levelFor(AlertLevel current, double p10, double p50) {
    double warningEnd =
        current == AlertLevel.WARNING ? WARNING_P50_DAYS * HYSTERESIS : WARNING_P50_DAYS;
    double watchEnd = current != AlertLevel.CLEAR ? WATCH_P10_DAYS * HYSTERESIS : WATCH_P10_DAYS;
    if (p50 < warningEnd) {
      return AlertLevel.WARNING;
    }
    return p10 < watchEnd ? AlertLevel.WATCH : AlertLevel.CLEAR;
  }
}
