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
 * Per-region assembly (key: network). Station snapshots are offered to the region's
 * {@code RegionFeatureState} in whatever order they arrive; an event-time timer per tick assembles
 * the network feature vector (the model's feature order, with the slip-deficit inversion) once the
 * watermark has passed the tick, i.e. after every station's snapshot of that tick (each station
 * emits its snapshot before forwarding the watermark that closes the tick).
 */
public final class RegionAssembly extends KeyedProcessFunction<String, SnapshotRecord, RegionFeatures> {
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
    state = getRuntimeContext().getState(new ValueStateDescriptor<>("region", new RegionStateSerializer(spec)));
    metrics = JobMetrics.acquire(metricsEndpoint);
  }

  @Override
  public void close() {
    if (metrics != null) {
      metrics.release();
      metrics = null;
    }
  }

  @Override
  public void processElement(SnapshotRecord record, Context context, Collector<RegionFeatures> out) throws Exception {
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
    if (region.notePending(tick, record.newestKafkaTimestampMillis())) {
      context.timerService().registerEventTimeTimer(tick);
    }
    state.update(region);
  }

  @Override
  public void onTimer(long tick, OnTimerContext context, Collector<RegionFeatures> out) throws Exception {
    RegionState region = state.value();
    if (region == null) {
      return;
    }
    Long newestKafkaTimestamp = region.takePending(tick);
    if (newestKafkaTimestamp == null) {
      return;
    }
    FeatureVector vector = region.features().assemble(tick);
    out.collect(new RegionFeatures(context.getCurrentKey(), tick, vector.values(), vector.stationsUsed(),
        vector.stationsExpected(), vector.missingStations(), newestKafkaTimestamp));
    state.update(region);
  }
}
