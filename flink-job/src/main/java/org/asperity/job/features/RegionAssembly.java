package org.asperity.job.features;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
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
 */
public final class RegionAssembly
    extends KeyedProcessFunction<String, SnapshotRecord, RegionFeatures> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RegionAssembly.class);

  private final FeatureSpec spec;
  private final MetricsEndpoint metricsEndpoint;

  private transient ValueState<RegionState> state;
  private transient JobMetrics metrics;

  public RegionAssembly(FeatureSpec spec, MetricsEndpoint metricsEndpoint) {
    this.spec = spec;
    this.metricsEndpoint = metricsEndpoint;
  }

  @Override
  public void open(OpenContext context) {
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("region", new RegionStateSerializer(spec)));
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
    state.update(region);
  }
}
