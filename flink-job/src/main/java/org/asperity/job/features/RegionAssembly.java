package org.asperity.job.features;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionFeatureState;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-region assembly (key: network). Station snapshots are offered to the region's {@code
 * RegionFeatureState} in whatever order they arrive; event-time timers assemble the network feature
 * vector of every tick (the model's feature order, with the slip-deficit inversion) once the
 * watermark has passed the tick, i.e. after every station's snapshot of that tick (each station
 * emits its snapshot before forwarding the watermark that closes the tick).
 *
 * <p>A region without a snapshot for the retirement period (event time, the stations' setting) and
 * nothing pending has its state and timers cleared, as its stations' are by then; a later snapshot
 * starts it afresh. Retirement needs that silence, so it never touches a live region's output.
 */
public final class RegionAssembly
    extends KeyedProcessFunction<String, SnapshotRecord, RegionFeatures> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RegionAssembly.class);

  private final FeatureSpec spec;
  private final long retirementSilenceMicros;
  private final MetricsEndpoint metricsEndpoint;

  private transient ValueState<RegionState> state;

  /** The latest tick offered, µs; apart from {@link RegionState} to keep its format. */
  private transient ValueState<Long> lastTick;

  /** When the retirement check fires, µs. */
  private transient ValueState<Long> retirementTimer;

  private transient JobMetrics metrics;

  /**
   * @param retirementSilenceMicros event-time silence after which a region's state is cleared, µs
   */
  public RegionAssembly(
      FeatureSpec spec, long retirementSilenceMicros, MetricsEndpoint metricsEndpoint) {
    if (retirementSilenceMicros <= 0) {
      throw new IllegalArgumentException("the retirement silence must be positive");
    }
    this.spec = spec;
    this.retirementSilenceMicros = retirementSilenceMicros;
    this.metricsEndpoint = metricsEndpoint;
  }

  @Override
  public void open(OpenContext context) {
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("region", new RegionStateSerializer(spec)));
    lastTick =
        getRuntimeContext().getState(new ValueStateDescriptor<>("region-last-tick", Types.LONG));
    retirementTimer =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("region-retirement-timer", Types.LONG));
    metrics = JobMetrics.acquire(metricsEndpoint);
  }

  @Override
  public void close() {
    metrics = JobMetrics.releaseHeld(metrics);
  }

  @Override
  public void processElement(SnapshotRecord record, Context context, Collector<RegionFeatures> out)
      throws Exception {
    RegionState region = state.value();
    if (region == null) {
      region = new RegionState(new RegionFeatureState(spec.layout(), spec.config()));
    }
    try {
      region.features().offer(record.snapshot());
    } catch (IllegalArgumentException e) {
      // The station operator closes a tick only when the watermark passes it, and the region's
      // watermark cannot pass it before that snapshot arrives: this is a bug, not bad input.
      metrics.snapshotRejected();
      LOG.warn("region {} refused a snapshot: {}", record.region(), e.getMessage());
      return;
    }
    long tick = record.snapshot().tickMicros();
    region.notePending(tick, record.newestKafkaTimestampMillis());
    if (region.timerMicros == Long.MIN_VALUE || tick < region.timerMicros) {
      context.timerService().registerEventTimeTimer(tick);
      region.timerMicros = tick;
    }
    state.update(region);
    Long last = lastTick.value();
    if (last == null || tick > last) {
      lastTick.update(tick);
    }
    if (retirementTimer.value() == null) {
      long at = StationFeatures.saturatedAdd(lastTick.value(), retirementSilenceMicros);
      context.timerService().registerEventTimeTimer(at);
      retirementTimer.update(at);
    }
  }

  /**
   * Assembles every pending tick the watermark has passed, in tick order (one timer per advance).
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<RegionFeatures> out)
      throws Exception {
    RegionState region = state.value();
    if (region == null) {
      return;
    }
    long watermark = Math.max(timestamp, context.timerService().currentWatermark());
    while (region.firstPendingTick() != Long.MIN_VALUE && region.firstPendingTick() <= watermark) {
      long tick = region.firstPendingTick();
      long newestKafkaTimestamp = region.takeFirstPending();
      FeatureVector vector = region.features().assemble(tick);
      out.collect(
          new RegionFeatures(
              context.getCurrentKey(),
              tick,
              vector.values(),
              vector.stationsUsed(),
              vector.stationsExpected(),
              vector.missingStations(),
              newestKafkaTimestamp));
    }
    if (region.timerMicros != Long.MIN_VALUE && region.timerMicros <= watermark) {
      region.timerMicros = Long.MIN_VALUE;
    }
    if (region.firstPendingTick() != Long.MIN_VALUE && region.timerMicros == Long.MIN_VALUE) {
      region.timerMicros = region.firstPendingTick();
      context.timerService().registerEventTimeTimer(region.timerMicros);
    }
    Long retireAt = retirementTimer.value();
    if (retireAt != null && timestamp == retireAt) {
      long silentUntil = StationFeatures.saturatedAdd(lastTick.value(), retirementSilenceMicros);
      if (region.firstPendingTick() == Long.MIN_VALUE && timestamp >= silentUntil) {
        state.clear();
        lastTick.clear();
        retirementTimer.clear();
        return;
      }
      long next = Math.max(silentUntil, timestamp + 1);
      context.timerService().registerEventTimeTimer(next);
      retirementTimer.update(next);
    }
    state.update(region);
  }
}
