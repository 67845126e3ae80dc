package org.asperity.job.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionFeatureState;
import org.asperity.job.catalog.CatalogRecord;
import org.asperity.job.ingest.DeadLetterRecord;
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
 * <p><b>Catalog.</b> The second input is the catalog topic, keyed by region too. An earthquake of
 * at least the large-event magnitude (the model's threshold) is kept per region (the two newest by
 * origin time: only the last and previous events are features; a record within the coincidence
 * window of a kept one is a revision of it and replaces it) and noted in the region's feature state
 * before each tick whose time has reached its origin time ({@code
 * RegionFeatureState#noteCatalogEvent}, which never counts a quake twice and ignores repeats). So a
 * job started on a live feed after the last rupture knows its date from the catalog, and a catalog
 * record that arrives after its origin time's tick was assembled counts from the next tick. The
 * kept events outlive the region's retirement, so a region that comes back still knows them. A
 * catalog record that cannot be used goes to the dead letters ({@link #CATALOG_DEAD_LETTERS}).
 * Event time is the snapshots' alone ({@link ObservationTimeCoProcessOperator}): a quiet catalog
 * never holds ticks back.
 *
 * <p>A region without a snapshot for the retirement period (event time, the stations' setting) and
 * nothing pending has its state and timers cleared, as its stations' are by then; a later snapshot
 * starts it afresh. Retirement needs that silence, so it never touches a live region's output.
 */
public final class RegionAssembly
    extends KeyedCoProcessFunction<String, SnapshotRecord, CatalogRecord, RegionFeatures> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RegionAssembly.class);

  /** Catalog records that could not be used. */
  public static final OutputTag<DeadLetterRecord> CATALOG_DEAD_LETTERS =
      new OutputTag<>("catalog-dead-letters", DeadLetterRecord.TYPE_INFO);

  /** Catalog events kept per region: the last and the previous are all the features use. */
  static final int CATALOG_EVENTS_KEPT = 2;

  private final FeatureSpec spec;
  private final long retirementSilenceMicros;
  private final double largeEventMagnitude;
  private final MetricsEndpoint metricsEndpoint;

  private transient ValueState<RegionState> state;

  /** The latest tick offered, µs; apart from {@link RegionState} to keep its format. */
  private transient ValueState<Long> lastTick;

  /** When the retirement check fires, µs. */
  private transient ValueState<Long> retirementTimer;

  /** The region's large catalog earthquakes: origin time (µs) to Mw. */
  private transient MapState<Long, Double> catalog;

  private transient JobMetrics metrics;

  /**
   * @param retirementSilenceMicros event-time silence after which a region's state is cleared, µs
   * @param largeEventMagnitude the Mw from which a catalog earthquake counts as a region's event
   */
  public RegionAssembly(
      FeatureSpec spec,
      long retirementSilenceMicros,
      double largeEventMagnitude,
      MetricsEndpoint metricsEndpoint) {
    if (retirementSilenceMicros <= 0) {
      throw new IllegalArgumentException("the retirement silence must be positive");
    }
    this.spec = spec;
    this.retirementSilenceMicros = retirementSilenceMicros;
    this.largeEventMagnitude = largeEventMagnitude;
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
    catalog =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("region-catalog", Types.LONG, Types.DOUBLE));
    metrics = JobMetrics.acquire(metricsEndpoint);
  }

  @Override
  public void close() {
    metrics = JobMetrics.releaseHeld(metrics);
  }

  @Override
  public void processElement1(SnapshotRecord record, Context context, Collector<RegionFeatures> out)
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

  /** Keeps a large catalog earthquake of the region; see the class comment. */
  @Override
  public void processElement2(CatalogRecord record, Context context, Collector<RegionFeatures> out)
      throws Exception {
    if (record.isRejected()) {
      context.output(CATALOG_DEAD_LETTERS, record.rejection());
      return;
    }
    if (!(record.momentMagnitude() >= largeEventMagnitude)) {
      return;
    }
    long window = spec.config().eventCoincidenceMicros();
    List<Long> kept = new ArrayList<>();
    for (Long onset : catalog.keys()) {
      kept.add(onset);
    }
    for (long onset : kept) {
      if (Math.abs(onset - record.onsetMicros()) <= window) {
        catalog.remove(onset);
      }
    }
    catalog.put(record.onsetMicros(), record.momentMagnitude());
    kept.clear();
    for (Long onset : catalog.keys()) {
      kept.add(onset);
    }
    kept.sort(null);
    for (int i = 0; i < kept.size() - CATALOG_EVENTS_KEPT; i++) {
      catalog.remove(kept.get(i));
    }
  }

  /** Notes the kept catalog earthquakes the ticks have reached, oldest first. */
  private void noteCatalog(RegionState region, long tick) throws Exception {
    if (catalog.isEmpty()) {
      return;
    }
    List<Map.Entry<Long, Double>> events = new ArrayList<>();
    for (Map.Entry<Long, Double> e : catalog.entries()) {
      if (e.getKey() <= tick) {
        events.add(Map.entry(e.getKey(), e.getValue()));
      }
    }
    events.sort(Map.Entry.comparingByKey());
    for (Map.Entry<Long, Double> e : events) {
      region.features().noteCatalogEvent(e.getKey(), e.getValue());
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
      noteCatalog(region, tick);
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
