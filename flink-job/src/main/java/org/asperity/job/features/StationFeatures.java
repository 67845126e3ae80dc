package org.asperity.job.features;

import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.asperity.features.FeatureConfig;
import org.asperity.features.RegionLayout;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.ingest.Observation;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.types.Micros;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.wire.Codecs;

/**
 * Per-station rolling features (key: {@code network/station}). Each station's samples wait in keyed
 * state until the watermark passes their tick, then enter its {@code StationFeatureState} in epoch
 * order (one ring-buffered update per sample, no Flink windows), and the tick's {@code
 * StationSnapshot} goes to the region. Every observation ends in exactly one of: ingested (a
 * forecast input), duplicate, late, or refused by the feature state:
 *
 * <ol>
 *   <li><b>Late</b> (side output {@link #LATE}, then the dead-letter topic as {@code LATE}) when
 *       its epoch is at or below its own partition's watermark before it (a property of the
 *       partition's record sequence: deterministic), or when its tick is already closed here (only
 *       after a partition was idle: see the topology's notes).
 *   <li><b>Duplicate</b> (dropped, counted) when a sample of the same epoch is waiting or was the
 *       last one ingested.
 *   <li><b>Refused</b> (side output {@link #REFUSED}, as {@code OTHER}) when the station already
 *       has {@code maxPendingSamples} samples waiting: only a watermark held back far beyond the
 *       out-of-orderness bound lets that many wait, and the cap keeps one station's buffer from
 *       growing without end meanwhile.
 *   <li>Otherwise buffered; a sample the feature state refuses when its turn comes goes to the
 *       dead-letter side output {@link #REFUSED}.
 * </ol>
 *
 * A station silent for the retirement period (event time) has its state and timers cleared; a later
 * sample starts it afresh (the region resynchronises on the new series).
 *
 * <p>The state is kept by a {@link StationStore} in the layout the state backend suits: with
 * RocksDB, an arriving sample rewrites only the small head, and a tick the head and one block of
 * samples.
 */
public final class StationFeatures
    extends KeyedProcessFunction<String, Observation, SnapshotRecord> {
  private static final long serialVersionUID = 1L;

  /** Observations behind the watermark. */
  public static final OutputTag<Observation> LATE =
      new OutputTag<>("late-observations", Observation.TYPE_INFO);

  /** Observations the feature state refused. */
  public static final OutputTag<DeadLetterRecord> REFUSED =
      new OutputTag<>("refused-observations", DeadLetterRecord.TYPE_INFO);

  private final FeatureSpec spec;
  private final long retirementSilenceMicros;
  private final int maxPendingSamples;
  private final String observationsTopic;
  private final MetricsEndpoint metricsEndpoint;
  private final StationStateLayout stateLayout;

  private transient FeatureConfig config;
  private transient RegionLayout layout;
  private transient StationStore store;
  private transient JobMetrics metrics;

  /**
   * @param retirementSilenceMicros event-time silence after which a station's state is cleared, µs
   * @param maxPendingSamples samples a station may have waiting for their tick to close
   * @param observationsTopic named in dead letters of refused samples
   * @param stateLayout how a station's state is kept: whole for the heap backend, in blocks for
   *     RocksDB
   */
  public StationFeatures(
      FeatureSpec spec,
      long retirementSilenceMicros,
      int maxPendingSamples,
      String observationsTopic,
      MetricsEndpoint metricsEndpoint,
      StationStateLayout stateLayout) {
    if (retirementSilenceMicros <= 0) {
      throw new IllegalArgumentException("the retirement silence must be positive");
    }
    if (maxPendingSamples < 1) {
      throw new IllegalArgumentException("a station must be allowed a pending sample");
    }
    this.maxPendingSamples = maxPendingSamples;
    this.spec = spec;
    this.retirementSilenceMicros = retirementSilenceMicros;
    this.observationsTopic = observationsTopic;
    this.metricsEndpoint = metricsEndpoint;
    this.stateLayout = Objects.requireNonNull(stateLayout, "stateLayout");
  }

  @Override
  public void open(OpenContext context) {
    config = spec.config();
    layout = spec.layout();
    store = StationStore.open(getRuntimeContext(), spec.configCanonical(), stateLayout);
    metrics = JobMetrics.acquire(metricsEndpoint);
  }

  @Override
  public void close() {
    metrics = JobMetrics.releaseHeld(metrics);
  }

  @Override
  public void processElement(Observation o, Context context, Collector<SnapshotRecord> out)
      throws Exception {
    long epoch = o.epochMicros();
    if (epoch <= o.partitionWatermarkMicros()) {
      late(context, o);
      return;
    }
    StationState station = store.read();
    if (station != null
        && (epoch == station.lastIngestedEpochMicros || station.hasPendingEpoch(epoch))) {
      metrics.duplicate();
      return;
    }
    long tick = config.tickOf(epoch);
    if (tick <= context.timerService().currentWatermark()
        || (station != null && tick <= station.lastEmittedTickMicros)) {
      late(context, o);
      return;
    }
    if (station != null && station.pendingCount() >= maxPendingSamples) {
      metrics.deadLetter(DeadLetterReason.OTHER);
      context.output(
          REFUSED,
          DeadLetterRecord.of(
              o,
              observationsTopic,
              DeadLetterReason.OTHER,
              "station "
                  + context.getCurrentKey()
                  + " already has "
                  + maxPendingSamples
                  + " samples waiting for their tick to close (--max-pending-samples)"));
      return;
    }
    if (station == null) {
      station = new StationState(layout.newStationState(o.station(), config));
      metrics.stationCreated();
    }
    station.addPending(o, tick);
    if (station.tickTimerMicros == Long.MIN_VALUE || tick < station.tickTimerMicros) {
      context.timerService().registerEventTimeTimer(tick);
      station.tickTimerMicros = tick;
    }
    station.lastSeenEpochMicros = Math.max(station.lastSeenEpochMicros, epoch);
    if (station.retirementTimerMicros == Long.MIN_VALUE) {
      station.retirementTimerMicros =
          saturatedAdd(station.lastSeenEpochMicros, retirementSilenceMicros);
      context.timerService().registerEventTimeTimer(station.retirementTimerMicros);
    }
    store.write(station);
  }

  /**
   * A timer fires while the watermark advances; every tick the new watermark closes is ingested
   * now, not only the timer's, so a station needs one timer per watermark advance rather than one
   * per tick (a replay moves the watermark by many ticks at a time).
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<SnapshotRecord> out)
      throws Exception {
    StationState station = store.read();
    if (station == null) {
      return;
    }
    long watermark = Math.max(timestamp, context.timerService().currentWatermark());
    if (station.pendingCount() > 0 && station.pendingTick(0) <= watermark) {
      store.loadSamples(station);
      String key = context.getCurrentKey();
      ingestClosedTicks(station, watermark, key.substring(0, key.indexOf('/')), context, out);
    }
    closeTicksUpTo(station, watermark);
    if (station.tickTimerMicros != Long.MIN_VALUE && station.tickTimerMicros <= watermark) {
      station.tickTimerMicros = Long.MIN_VALUE;
    }
    if (station.pendingCount() > 0 && station.tickTimerMicros == Long.MIN_VALUE) {
      station.tickTimerMicros = station.pendingTick(0);
      context.timerService().registerEventTimeTimer(station.tickTimerMicros);
    }
    if (timestamp == station.retirementTimerMicros) {
      long silentUntil = saturatedAdd(station.lastSeenEpochMicros, retirementSilenceMicros);
      if (station.pendingCount() == 0 && timestamp >= silentUntil) {
        store.clear();
        metrics.stationRetired();
        return;
      }
      station.retirementTimerMicros = Math.max(silentUntil, timestamp + 1);
      context.timerService().registerEventTimeTimer(station.retirementTimerMicros);
    }
    store.write(station);
  }

  /**
   * Feeds the pending samples of every tick at or before {@code watermarkMicros}, emitting their
   * snapshots.
   */
  private void ingestClosedTicks(
      StationState station,
      long watermarkMicros,
      String region,
      OnTimerContext context,
      Collector<SnapshotRecord> out) {
    int n = 0;
    while (n < station.pendingCount() && station.pendingTick(n) <= watermarkMicros) {
      n++;
    }
    int ingested = 0;
    int i = 0;
    while (i < n) {
      long tick = station.pendingTick(i);
      boolean sampled = false;
      long newestKafkaTimestamp = Long.MIN_VALUE;
      for (; i < n && station.pendingTick(i) == tick; i++) {
        long epoch = station.pendingEpoch(i);
        try {
          station
              .features()
              .update(
                  epoch,
                  station.pendingValue(i, 0),
                  station.pendingValue(i, 1),
                  station.pendingValue(i, 2),
                  station.pendingValue(i, 3),
                  station.pendingValue(i, 4),
                  station.pendingValue(i, 5));
        } catch (IllegalArgumentException | IllegalStateException e) {
          refuse(context, station, i, region, e.getMessage());
          continue;
        }
        station.lastIngestedEpochMicros = epoch;
        newestKafkaTimestamp = Math.max(newestKafkaTimestamp, station.pendingKafkaTimestamp(i));
        sampled = true;
        ingested++;
      }
      if (sampled) {
        out.collect(
            new SnapshotRecord(region, station.features().snapshot(tick), newestKafkaTimestamp));
      }
      station.lastEmittedTickMicros = Math.max(station.lastEmittedTickMicros, tick);
    }
    station.removeFirstPending(n);
    if (ingested > 0) {
      metrics.ingested(ingested);
    }
  }

  /** Every tick at or before the watermark is closed, sampled or not. */
  private void closeTicksUpTo(StationState station, long watermarkMicros) {
    long closedTick =
        Math.floorDiv(watermarkMicros, config.tickIntervalMicros()) * config.tickIntervalMicros();
    station.lastEmittedTickMicros = Math.max(station.lastEmittedTickMicros, closedTick);
  }

  private void late(Context context, Observation o) {
    metrics.late();
    metrics.deadLetter(DeadLetterReason.LATE);
    context.output(LATE, o);
  }

  /**
   * Dead-letters a pending sample the feature state refused; its value is re-encoded from the
   * decoded fields.
   */
  private void refuse(
      OnTimerContext context, StationState station, int i, String region, String why) {
    String key = context.getCurrentKey();
    String stationCode = key.substring(key.indexOf('/') + 1);
    long epoch = station.pendingEpoch(i);
    GnssObservation reencoded =
        GnssObservation.newBuilder()
            .setStation(stationCode)
            .setNetwork(region)
            .setEpoch(Micros.toInstant(epoch))
            .setEastMeters(station.pendingValue(i, 0))
            .setNorthMeters(station.pendingValue(i, 1))
            .setUpMeters(station.pendingValue(i, 2))
            .setSigmaEastMeters(station.pendingValue(i, 3))
            .setSigmaNorthMeters(station.pendingValue(i, 4))
            .setSigmaUpMeters(station.pendingValue(i, 5))
            .setSource(ObservationSource.UNKNOWN)
            .build();
    metrics.deadLetter(DeadLetterReason.OTHER);
    context.output(
        REFUSED,
        new DeadLetterRecord(
            DeadLetterReason.OTHER,
            "refused by the station's feature state: "
                + why
                + " (value re-encoded from the decoded fields)",
            observationsTopic,
            station.pendingPartition(i),
            station.pendingOffset(i),
            station.pendingKafkaTimestamp(i),
            key,
            key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            Codecs.GNSS_OBSERVATION.encode(reencoded)));
  }

  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
