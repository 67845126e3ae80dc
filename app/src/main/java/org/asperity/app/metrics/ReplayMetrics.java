package org.asperity.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.asperity.replay.Replay;

/**
 * A replay's meters: {@code asperity_replay_records_total}, {@code
 * asperity_replay_rejects_total{reason}} and {@code asperity_replay_event_time_seconds}. Fed from
 * the replay's progress snapshots (a few per second and one at the end, on the replay thread), so
 * the replay loop itself pays nothing.
 */
public final class ReplayMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong records = new AtomicLong();
  private final Map<String, AtomicLong> rejects = new ConcurrentHashMap<>();
  private volatile double eventTimeSeconds = Double.NaN;

  public ReplayMetrics() {
    FunctionCounter.builder("asperity.replay.records", records, AtomicLong::get)
        .description("Observations replayed (written to the topic, or checked in a dry run)")
        .register(registry);
    Gauge.builder("asperity.replay.event.time", this, m -> m.eventTimeSeconds)
        .baseUnit("seconds")
        .description(
            "Event time of the latest replayed observation (after any shift), seconds since 1970")
        .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Takes a progress snapshot and the reject counts by reason so far (the replay's {@code
   * RejectLog#countsByReason()}, read on the replay thread).
   */
  public void progress(Replay.Progress progress, Map<String, Long> rejectsByReason) {
    records.set(progress.written());
    Instant epoch = progress.currentEpoch();
    if (epoch != null) {
      eventTimeSeconds = epoch.getEpochSecond() + epoch.getNano() / 1e9;
    }
    rejectsByReason.forEach(
        (reason, count) -> rejects.computeIfAbsent(reason, this::registerReject).set(count));
  }

  private AtomicLong registerReject(String reason) {
    AtomicLong count = new AtomicLong();
    FunctionCounter.builder("asperity.replay.rejects", count, AtomicLong::get)
        .tag("reason", reason)
        .description(
            "Lines or records the replay could not read, by reason (skipped, named in the summary)")
        .register(registry);
    return count;
  }
}
