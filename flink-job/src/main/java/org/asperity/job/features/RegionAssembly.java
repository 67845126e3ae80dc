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
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionFeatureState;
import org.asperity.features.StationSnapshot;
import org.asperity.job.catalog.CatalogRecord;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-region assembly (key: network). Station snapshots wait, in whatever order they arrive, in a
 * map state by tick and station (a cheap put on RocksDB, where the whole region state would be
 * deserialized and serialized again per snapshot); event-time timers offer the snapshots of every
 * tick the watermark has passed to the region's {@code RegionFeatureState} and assemble the network
 * feature vector of each such tick (the model's feature order, with the slip-deficit inversion),
 * i.e. after every station's snapshot of that tick (each station emits its snapshot before
 * forwarding the watermark that closes the tick). A snapshot the feature state would refuse is
 * refused on arrival, as before; offers only fill a slot per station and tick, so offering them
 * later and in another order gives the same state.
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

  /**
   * Snapshots of ticks not yet assembled, by tick and station: a put per snapshot (cheap on
   * RocksDB) instead of a read and write of the whole region state.
   */
  private transient MapState<Tuple2<Long, String>, SnapshotRecord> pending;

  /** The region state's last assembled tick, µs: a late snapshot is refused on arrival. */
  private transient ValueState<Long> assembledTick;

  /** The earliest registered timer for the pending ticks, µs. */
  private transient ValueState<Long> timerMicros;

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
            .getState(
                new ValueStateDescriptor<>("region-features", new RegionStateSerializer(spec)));
    pending =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "region-pending-snapshots",
                    Types.TUPLE(Types.LONG, Types.STRING),
                    SnapshotRecord.TYPE_INFO));
    assembledTick =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("region-assembled-tick", Types.LONG));
    timerMicros =
        getRuntimeContext().getState(new ValueStateDescriptor<>("region-timer", Types.LONG));
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
    StationSnapshot snapshot = record.snapshot();
    long tick = snapshot.tickMicros();
    Tuple2<Long, String> key = Tuple2.of(tick, snapshot.stationCode());
    String refusal = refusal(snapshot, pending.contains(key));
    if (refusal != null) {
      // The station operator closes a tick only when the watermark passes it, and the region's
      // watermark cannot pass it before that snapshot arrives: this is a bug, not bad input.
      metrics.snapshotRejected();
      LOG.warn("region {} refused a snapshot: {}", record.region(), refusal);
      return;
    }
    pending.put(key, record);
    Long timer = timerMicros.value();
    if (timer == null || tick < timer) {
      context.timerService().registerEventTimeTimer(tick);
      timerMicros.update(tick);
    }
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
   * Why {@code RegionFeatureState#offer} would refuse the snapshot, or null: checked on arrival so
   * that a waiting snapshot is refused exactly when offering it on arrival would have been (offers
   * only fill a tick's slot per station, so their order changes nothing else).
   */
  private String refusal(StationSnapshot snapshot, boolean waiting) throws Exception {
    if (!spec.layout().contains(snapshot.stationCode())) {
      return "station " + snapshot.stationCode() + " is not in layout " + spec.layout().region();
    }
    long tick = snapshot.tickMicros();
    if (!spec.config().isTick(tick)) {
      return "snapshot tick " + tick + " is not a multiple of the tick interval";
    }
    Long assembled = assembledTick.value();
    if (assembled != null && tick <= assembled) {
      return "late snapshot of "
          + snapshot.stationCode()
          + " for tick "
          + tick
          + ": tick "
          + assembled
          + " is already assembled";
    }
    if (waiting) {
      return "duplicate snapshot of " + snapshot.stationCode() + " for tick " + tick;
    }
    return null;
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
   * Assembles every pending tick the watermark has passed, in tick order (one timer per advance):
   * its waiting snapshots go into the region state first, so the region state is read and written
   * once per timer, not per snapshot (a full (de)serialization on RocksDB).
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<RegionFeatures> out)
      throws Exception {
    long watermark = Math.max(timestamp, context.timerService().currentWatermark());
    List<SnapshotRecord> due = new ArrayList<>();
    long firstWaitingTick = Long.MIN_VALUE;
    for (Map.Entry<Tuple2<Long, String>, SnapshotRecord> e : pending.entries()) {
      long tick = e.getKey().f0;
      if (tick <= watermark) {
        due.add(e.getValue());
      } else if (firstWaitingTick == Long.MIN_VALUE || tick < firstWaitingTick) {
        firstWaitingTick = tick;
      }
    }
    RegionState region = state.value();
    if (region == null) {
      if (due.isEmpty() && firstWaitingTick == Long.MIN_VALUE) {
        return;
      }
      region = new RegionState(new RegionFeatureState(spec.layout(), spec.config()));
    }
    for (SnapshotRecord record : due) {
      pending.remove(Tuple2.of(record.snapshot().tickMicros(), record.snapshot().stationCode()));
      region.features().offer(record.snapshot());
      region.notePending(record.snapshot().tickMicros(), record.newestKafkaTimestampMillis());
    }
    while (region.firstPendingTick() != Long.MIN_VALUE) {
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
    if (!due.isEmpty()) {
      assembledTick.update(region.features().lastAssembledTickMicros());
    }
    Long timer = timerMicros.value();
    if (timer != null && timer <= watermark) {
      timer = null;
    }
    if (firstWaitingTick != Long.MIN_VALUE && timer == null) {
      timer = firstWaitingTick;
      context.timerService().registerEventTimeTimer(timer);
    }
    if (timer == null) {
      timerMicros.clear();
    } else {
      timerMicros.update(timer);
    }
    Long retireAt = retirementTimer.value();
    if (retireAt != null && timestamp == retireAt) {
      long silentUntil = StationFeatures.saturatedAdd(lastTick.value(), retirementSilenceMicros);
      if (firstWaitingTick == Long.MIN_VALUE && timestamp >= silentUntil) {
        state.clear();
        assembledTick.clear();
        timerMicros.clear();
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
