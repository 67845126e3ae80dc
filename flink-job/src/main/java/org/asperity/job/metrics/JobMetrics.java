package org.asperity.job.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.time.TimeUnits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's meters, one set per JVM (a TaskManager, or the whole MiniCluster): every subtask of
 * every operator adds to the same Micrometer {@link PrometheusMeterRegistry}, scraped at {@code
 * http://bind:port/metrics}. Operators {@link #acquire} it in {@code open()} and {@link #release}
 * it in {@code close()}; the HTTP endpoint runs while at least one operator holds it, the meters
 * live as long as the JVM (so counts can be read after a job ends). Names and meanings are listed
 * in the README; Prometheus names are these with dots as underscores, counters ending in {@code
 * _total}, timers in {@code _seconds}.
 */
public final class JobMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(JobMetrics.class);

  /** Distinct unmodelled stations remembered for the gauge; beyond this they are still counted. */
  static final int MAX_TRACKED_UNMODELLED_STATIONS = 100_000;

  private static final Duration[] LATENCY_BUCKETS =
      millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000);

  /** Second to decade: a replay of history lags by years, a live feed by seconds. */
  private static final double[] LAG_BUCKETS_SECONDS = {
    1,
    10,
    TimeUnits.SECONDS_PER_MINUTE,
    10 * TimeUnits.SECONDS_PER_MINUTE,
    TimeUnits.SECONDS_PER_HOUR,
    TimeUnits.SECONDS_PER_DAY,
    30 * TimeUnits.SECONDS_PER_DAY,
    365 * TimeUnits.SECONDS_PER_DAY,
    3_650 * TimeUnits.SECONDS_PER_DAY
  };

  private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

  private static JobMetrics instance;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter observationsIn;
  private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);
  private final Counter late;
  private final Counter duplicates;
  private final Counter unmodelled;
  private final Counter ingested;
  private final Counter intervalsFull;
  private final Counter intervalsSparse;
  private final Counter intervalSamples;
  private final Counter stationsCreated;
  private final Counter stationsRetired;
  private final Counter regionsRetired;
  private final Counter snapshotsRejected;
  private final Counter jobRestarts;
  private final AtomicInteger jobUp = new AtomicInteger();
  private final AtomicBoolean jobUpRegistered = new AtomicBoolean();
  private final Counter forecasts;
  private final Map<String, Counter> alerts = new ConcurrentHashMap<>();
  private final Map<String, Counter> modelSwaps = new ConcurrentHashMap<>();
  private final Timer scoringLatency;
  private final DistributionSummary batchSize;
  private final DistributionSummary eventTimeLag;
  private final Timer forecastLatency;
  private final Set<String> unmodelledStations = ConcurrentHashMap.newKeySet();
  private final RegionGauges regionGauges = new RegionGauges(registry);
  private Meter.Id modelInfo;
  private int holders;
  private ScrapeServer server;
  private MetricsEndpoint serving;

  private JobMetrics() {
    observationsIn =
        Counter.builder("asperity.observations.in")
            .description("Records read from the observations topic, decodable or not")
            .register(registry);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLetters.put(
          reason,
          Counter.builder("asperity.observations.dead.letter")
              .tag("reason", reason.name())
              .description("Records sent to the dead-letter topic, by reason")
              .register(registry));
    }
    late =
        Counter.builder("asperity.observations.late")
            .description("Observations behind the watermark (also dead-lettered as LATE)")
            .register(registry);
    duplicates =
        Counter.builder("asperity.observations.duplicate")
            .description(
                "Observations dropped as duplicates of one already taken (same station and epoch)")
            .register(registry);
    unmodelled =
        Counter.builder("asperity.observations.unmodelled")
            .description(
                "Valid observations of stations the model's layout does not name (no forecast uses them)")
            .register(registry);
    ingested =
        Counter.builder("asperity.observations.ingested")
            .description("Observations taken into a station's features (forecast inputs)")
            .register(registry);
    intervalsFull =
        Counter.builder("asperity.intervals")
            .tag("coverage", "full")
            .description(
                "Station positions made for one sampling interval of the model (a day), by coverage:"
                    + " sparse when fewer samples formed it than the coverage threshold")
            .register(registry);
    intervalsSparse =
        Counter.builder("asperity.intervals")
            .tag("coverage", "sparse")
            .description(
                "Station positions made for one sampling interval of the model (a day), by coverage:"
                    + " sparse when fewer samples formed it than the coverage threshold")
            .register(registry);
    intervalSamples =
        Counter.builder("asperity.intervals.samples")
            .description("Observations aggregated into interval positions")
            .register(registry);
    // Not "...created": Prometheus reserves the _created suffix (OpenMetrics' creation timestamp)
    // and the
    // registry would strip it, exporting asperity_stations_total.
    stationsCreated =
        Counter.builder("asperity.stations.started")
            .description(
                "Station feature states created (first observation, or back after retirement)")
            .register(registry);
    stationsRetired =
        Counter.builder("asperity.stations.retired")
            .description("Station feature states cleared after the retirement silence")
            .register(registry);
    regionsRetired =
        Counter.builder("asperity.regions.retired")
            .description("Region alert states and gauges cleared after the retirement silence")
            .register(registry);
    snapshotsRejected =
        Counter.builder("asperity.snapshots.rejected")
            .description(
                "Station snapshots a region refused (late or duplicate tick); should stay 0")
            .register(registry);
    jobRestarts =
        Counter.builder("asperity.job.restarts")
            .description("Restarts of the job after a failure (each replays from a checkpoint)")
            .register(registry);
    forecasts =
        Counter.builder("asperity.forecasts").description("Forecasts emitted").register(registry);
    scoringFailures();
    Gauge.builder("asperity.stations.unmodelled", unmodelledStations, Set::size)
        .description("Distinct stations seen that the model's layout does not name")
        .register(registry);
    scoringLatency =
        Timer.builder("asperity.scoring.latency")
            .description("Wall time of one ONNX Runtime call (a batch)")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    batchSize =
        DistributionSummary.builder("asperity.scoring.batch.size")
            .description("Feature vectors scored per ONNX Runtime call")
            .serviceLevelObjectives(BATCH_BUCKETS)
            .register(registry);
    eventTimeLag =
        DistributionSummary.builder("asperity.event.time.lag")
            .baseUnit("seconds")
            .description(
                "Processing time minus window end at scoring (only non-negative lags: a simulated future"
                    + " stream has none)")
            .serviceLevelObjectives(LAG_BUCKETS_SECONDS)
            .register(registry);
    forecastLatency =
        Timer.builder("asperity.forecast.latency")
            .description(
                "Forecast emission time minus the Kafka timestamp of the newest observation it used")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    // Every level change the policy can emit, at 0 from the start: a dashboard's rate() then has a
    // series before the first alert, and a query naming the family finds it.
    for (AlertLevel level : AlertLevel.values()) {
      if (level == AlertLevel.UNKNOWN) {
        continue;
      }
      if (level == AlertLevel.CLEAR) {
        alertCounter(level, AlertAction.CANCEL);
      } else {
        alertCounter(level, AlertAction.ISSUE);
        alertCounter(level, AlertAction.UPDATE);
      }
    }
  }

  /**
   * The JVM's meters; starts the scrape endpoint on the first acquisition if {@code endpoint} is
   * enabled.
   */
  public static synchronized JobMetrics acquire(MetricsEndpoint endpoint) {
    if (instance == null) {
      instance = new JobMetrics();
    }
    instance.hold(endpoint);
    return instance;
  }

  /** The JVM's meters without holding the endpoint open (tests, benchmarks reading counts). */
  public static synchronized JobMetrics peek() {
    if (instance == null) {
      instance = new JobMetrics();
    }
    return instance;
  }

  private void hold(MetricsEndpoint endpoint) {
    synchronized (JobMetrics.class) {
      holders++;
      if (server == null && endpoint.enabled()) {
        try {
          server = new ScrapeServer(registry, endpoint);
          serving = endpoint;
          LOG.info("Prometheus metrics at http://{}:{}/metrics", endpoint.bind(), server.port());
        } catch (IOException e) {
          holders--;
          throw new UncheckedIOException(
              "cannot serve metrics on "
                  + endpoint.bind()
                  + ":"
                  + endpoint.port()
                  + " (is the port in use? change it with --metrics-port)",
              e);
        }
      } else if (server != null && endpoint.enabled() && !endpoint.equals(serving)) {
        LOG.warn(
            "metrics are already served on {}:{}; ignoring {}:{}",
            serving.bind(),
            server.port(),
            endpoint.bind(),
            endpoint.port());
      }
    }
  }

  /**
   * For an operator's {@code close()}, which may run without {@code open()}: releases a held
   * handle, returns null.
   */
  public static JobMetrics releaseHeld(JobMetrics held) {
    if (held != null) {
      held.release();
    }
    return null;
  }

  /** Gives up one hold; the endpoint stops with the last. */
  public void release() {
    synchronized (JobMetrics.class) {
      holders = Math.max(0, holders - 1);
      if (holders == 0 && server != null) {
        server.close();
        server = null;
        serving = null;
      }
    }
  }

  /** The port the scrape endpoint listens on, or -1 when none runs. */
  public int port() {
    synchronized (JobMetrics.class) {
      return server == null ? -1 : server.port();
    }
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void observationIn() {
    observationsIn.increment();
  }

  public void deadLetter(DeadLetterReason reason) {
    deadLetters.get(reason).increment();
  }

  public void late() {
    late.increment();
  }

  public void duplicate() {
    duplicates.increment();
  }

  public void unmodelledObservation(String stationKey) {
    unmodelled.increment();
    if (unmodelledStations.size() < MAX_TRACKED_UNMODELLED_STATIONS) {
      unmodelledStations.add(stationKey);
    }
  }

  public void ingested(int samples) {
    ingested.increment(samples);
  }

  /** An interval position made of {@code samples} observations, sparse or not. */
  public void intervalClosed(long samples, boolean sparse) {
    (sparse ? intervalsSparse : intervalsFull).increment();
    intervalSamples.increment(samples);
  }

  public void stationCreated() {
    stationsCreated.increment();
  }

  public void stationRetired() {
    stationsRetired.increment();
  }

  public void snapshotRejected() {
    snapshotsRejected.increment();
  }

  public void jobRestarts(int count) {
    jobRestarts.increment(count);
  }

  /**
   * Whether the job runs now (the live page shows a job that does not as down). Only the process
   * that submits and watches the job knows: the gauge exists once it has said so, so a TaskManager
   * of a cluster never exports a false 0.
   */
  public void jobUp(boolean up) {
    jobUp.set(up ? 1 : 0);
    if (jobUpRegistered.compareAndSet(false, true)) {
      Gauge.builder("asperity.job.up", jobUp, AtomicInteger::get)
          .description(
              "1 while the job runs, 0 while it restarts after a failure or once it has stopped")
          .register(registry);
    }
  }

  public void forecasts(int count) {
    forecasts.increment(count);
  }

  public void alert(AlertLevel level, AlertAction action) {
    alertCounter(level, action).increment();
  }

  private Counter alertCounter(AlertLevel level, AlertAction action) {
    return alerts.computeIfAbsent(
        level.name() + '/' + action.name(),
        k ->
            Counter.builder("asperity.alerts")
                .tag("level", level.name())
                .tag("action", action.name())
                .description("Alerts emitted, by level and action")
                .register(registry));
  }

  /**
   * The region's latest forecast, as the {@code asperity_forecast_*{region}} gauges; in plain
   * values, so metrics stay below the operators that use them.
   */
  public void forecast(
      String region,
      long windowEndMicros,
      double ttfP10Days,
      double ttfP50Days,
      double ttfP90Days,
      double momentMagnitude,
      boolean inTrainingDomain) {
    regionGauges.forecast(
        region,
        windowEndMicros,
        ttfP10Days,
        ttfP50Days,
        ttfP90Days,
        momentMagnitude,
        inTrainingDomain);
  }

  /**
   * The level in force in a region after the alert policy saw its latest forecast ({@code
   * asperity_alert_level}).
   */
  public void alertLevel(String region, AlertLevel level) {
    regionGauges.alertLevel(region, level);
  }

  /** The region's state retired after its silence: its gauges go too, and it is counted. */
  public void regionRetired(String region) {
    regionGauges.retire(region);
    regionsRetired.increment();
  }

  public void scoringLatency(long nanos) {
    scoringLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void batchSize(int rows) {
    batchSize.record(rows);
  }

  /**
   * Processing time minus window end, seconds; negative lags (a future event time) are not
   * recorded.
   */
  public void eventTimeLag(double seconds) {
    if (seconds >= 0) {
      eventTimeLag.record(seconds);
    }
  }

  public void forecastLatency(long millis) {
    if (millis >= 0) {
      forecastLatency.record(millis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Marks the model in force: {@code asperity_model_info{model_name, model_version, feature_hash}
   * 1}.
   */
  public void modelInForce(String name, String version, String featureHash) {
    synchronized (JobMetrics.class) {
      Meter.Id id =
          new Meter.Id(
              "asperity.model.info",
              Tags.of("model_name", name, "model_version", version, "feature_hash", featureHash),
              null,
              null,
              Meter.Type.GAUGE);
      if (id.equals(modelInfo)) {
        return;
      }
      if (modelInfo != null) {
        registry.remove(modelInfo);
      }
      modelInfo =
          Gauge.builder("asperity.model.info", () -> 1)
              .description("The model in force (value 1), named by its labels")
              .tags(id.getTags())
              .register(registry)
              .getId();
    }
  }

  /** A hot-swap attempt: result accepted or rejected, with the rejection reason. */
  public void modelSwap(boolean accepted, String reason) {
    String result = accepted ? "accepted" : "rejected";
    String why = accepted ? "" : reason;
    modelSwaps
        .computeIfAbsent(
            result + '/' + why,
            k ->
                Counter.builder("asperity.model.swaps")
                    .tag("result", result)
                    .tag("reason", why)
                    .description(
                        "Model releases received on the models topic, accepted or rejected (with the reason)")
                    .register(registry))
        .increment();
  }

  /**
   * A scoring call that threw or gave a non-finite or unordered forecast (the previous model takes
   * over, or the batch gives no forecast).
   */
  public void modelScoringFailure() {
    scoringFailures().increment();
  }

  private Counter scoringFailures() {
    return Counter.builder("asperity.model.scoring.failures")
        .description("Scoring calls that failed or gave non-finite or unordered forecasts")
        .register(registry);
  }

  /** Current value of a counter (tests and benchmarks); 0 when it does not exist. */
  public double count(String name, String... tags) {
    Counter counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Whether a gauge named {@code name} with {@code tags} is registered (tests). */
  public boolean hasGauge(String name, String... tags) {
    return registry.find(name).tags(tags).gauge() != null;
  }

  /** Sum of every counter named {@code name}, whatever its tags (tests and benchmarks). */
  public double countAll(String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static Duration[] millis(long... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofMillis(values[i]);
    }
    return out;
  }
}
