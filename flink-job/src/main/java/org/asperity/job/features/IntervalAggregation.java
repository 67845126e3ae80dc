package org.asperity.job.features;

import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.array.LongPrimitiveArraySerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.asperity.features.FeatureConfig;
import org.asperity.features.interval.IntervalAccumulator;
import org.asperity.features.interval.IntervalPosition;
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
 * Any sampling rate in, the model's rate out (key: {@code network/station}). Each station's samples
 * of one sampling interval of the model, the tick interval (T &minus; interval, T] (a day for the
 * daily model), are reduced to one position by the features library's {@link IntervalAccumulator}
 * (component-wise median, sigmas propagated, samples counted, sparse intervals marked), emitted
 * when the watermark passes T: the station features then see one sample per interval, the series
 * the model was trained on, whatever the feed's rate. An interval of one sample emits that very
 * observation, so a daily feed passes bit for bit.
 *
 * <p>Every observation ends in exactly one of: aggregated (counted in {@code
 * asperity.intervals.samples}), late (side output {@link #LATE}: at or below its partition's
 * watermark, or its interval already closed), duplicate (an epoch already in the interval's current
 * block: dropped, counted) or refused (side output {@link #REFUSED}: the station already has {@code
 * maxOpenIntervals} intervals open). A sparse interval still gives its position (its sigma is
 * larger for the fewer samples) and is counted as {@code asperity.intervals{coverage="sparse"}}.
 *
 * <p>State: the open intervals of the station, each a few kilobytes at most (the accumulator's
 * remedian), cleared as the watermark closes them; a station with nothing open has no state.
 */
public final class IntervalAggregation
    extends KeyedProcessFunction<String, Observation, Observation> {
  private static final long serialVersionUID = 1L;

  public static final String UID = "interval-aggregation";
  public static final String UID_DEAD_LETTERS = "interval-dead-letters";

  /** Observations behind the watermark. */
  public static final OutputTag<Observation> LATE =
      new OutputTag<>("late-interval-samples", Observation.TYPE_INFO);

  /** Observations refused because the station has too many intervals open. */
  public static final OutputTag<DeadLetterRecord> REFUSED =
      new OutputTag<>("refused-interval-samples", DeadLetterRecord.TYPE_INFO);

  private final FeatureSpec spec;
  private final int maxOpenIntervals;
  private final String observationsTopic;
  private final MetricsEndpoint metricsEndpoint;
  private final long decorrelationMicros;
  private final double minCoverage;

  private transient FeatureConfig config;
  private transient MapState<Long, IntervalBuffer> intervals;

  /** The station's open interval ticks, ascending; a timer is registered at the first. */
  private transient ValueState<long[]> openTicks;

  private transient JobMetrics metrics;

  /**
   * With the estimator's defaults ({@link IntervalAccumulator#DEFAULT_DECORRELATION_MICROS}, {@link
   * IntervalAccumulator#DEFAULT_MIN_COVERAGE}).
   *
   * @param maxOpenIntervals intervals a station may have open (waiting for the watermark)
   * @param observationsTopic named in dead letters
   */
  public IntervalAggregation(
      FeatureSpec spec,
      int maxOpenIntervals,
      String observationsTopic,
      MetricsEndpoint metricsEndpoint) {
    this(
        spec,
        maxOpenIntervals,
        observationsTopic,
        metricsEndpoint,
        IntervalAccumulator.DEFAULT_DECORRELATION_MICROS,
        IntervalAccumulator.DEFAULT_MIN_COVERAGE);
  }

  public IntervalAggregation(
      FeatureSpec spec,
      int maxOpenIntervals,
      String observationsTopic,
      MetricsEndpoint metricsEndpoint,
      long decorrelationMicros,
      double minCoverage) {
    if (maxOpenIntervals < 1) {
      throw new IllegalArgumentException("a station must be allowed an open interval");
    }
    if (decorrelationMicros <= 0 || !(minCoverage >= 0 && minCoverage <= 1)) {
      throw new IllegalArgumentException(
          "the decorrelation time must be positive and the coverage in [0, 1]");
    }
    this.spec = spec;
    this.maxOpenIntervals = maxOpenIntervals;
    this.observationsTopic = observationsTopic;
    this.metricsEndpoint = metricsEndpoint;
    this.decorrelationMicros = decorrelationMicros;
    this.minCoverage = minCoverage;
  }

  /** The aggregated positions, keyed by station again, and the operator's dead letters. */
  public record Wiring(
      KeyedStream<Observation, String> positions, DataStream<DeadLetterRecord> deadLetters) {}

  /**
   * The job's wiring: {@code observations} keyed by station and aggregated; the positions come back
   * as a keyed stream on the same key (no second shuffle: the station features chain to this
   * operator), with the late and refused samples as dead letters.
   */
  public static Wiring apply(
      DataStream<Observation> observations,
      FeatureSpec spec,
      int maxOpenIntervals,
      String observationsTopic,
      MetricsEndpoint metrics) {
    SingleOutputStreamOperator<Observation> positions =
        observations
            .keyBy(Observation::stationKey, Types.STRING)
            .process(
                new IntervalAggregation(spec, maxOpenIntervals, observationsTopic, metrics),
                Observation.TYPE_INFO)
            .name("interval aggregation")
            .uid(UID);
    DataStream<DeadLetterRecord> deadLetters =
        positions
            .getSideOutput(LATE)
            .map(new LateToDeadLetter(observationsTopic), DeadLetterRecord.TYPE_INFO)
            .name("late interval samples to dead letters")
            .uid(UID_DEAD_LETTERS)
            .union(positions.getSideOutput(REFUSED));
    return new Wiring(
        DataStreamUtils.reinterpretAsKeyedStream(positions, Observation::stationKey, Types.STRING),
        deadLetters);
  }

  @Override
  public void open(OpenContext context) {
    config = spec.config();
    intervals =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "intervals", LongSerializer.INSTANCE, new IntervalBuffer.Serializer()));
    openTicks =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "open-interval-ticks", LongPrimitiveArraySerializer.INSTANCE));
    metrics = JobMetrics.acquire(metricsEndpoint);
  }

  @Override
  public void close() {
    metrics = JobMetrics.releaseHeld(metrics);
  }

  @Override
  public void processElement(Observation o, Context context, Collector<Observation> out)
      throws Exception {
    long epoch = o.epochMicros();
    long tick = config.tickOf(epoch);
    if (epoch <= o.partitionWatermarkMicros()
        || tick <= context.timerService().currentWatermark()) {
      metrics.late();
      metrics.deadLetter(DeadLetterReason.LATE);
      context.output(LATE, o);
      return;
    }
    IntervalBuffer buffer = intervals.get(tick);
    if (buffer == null) {
      long[] open = openTicks.value();
      int n = open == null ? 0 : open.length;
      if (n >= maxOpenIntervals) {
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
                    + maxOpenIntervals
                    + " intervals waiting for the watermark (--max-pending-samples)"));
        return;
      }
      buffer = new IntervalBuffer(o, new IntervalAccumulator(), o.kafkaTimestampMillis());
      long[] ticks = insert(open, tick);
      openTicks.update(ticks);
      if (ticks[0] == tick) {
        context.timerService().registerEventTimeTimer(tick);
      }
    }
    if (!buffer.accumulator.add(
        epoch,
        o.eastMeters(),
        o.northMeters(),
        o.upMeters(),
        o.sigmaEastMeters(),
        o.sigmaNorthMeters(),
        o.sigmaUpMeters())) {
      metrics.duplicate();
      return;
    }
    buffer.newestKafkaTimestampMillis =
        Math.max(buffer.newestKafkaTimestampMillis, o.kafkaTimestampMillis());
    intervals.put(tick, buffer);
  }

  /**
   * The watermark passed {@code timestamp}: every open interval it closed is complete. One timer
   * per station is outstanding (at its first open tick), and a firing closes every tick the
   * watermark has passed, so a replay moving the watermark by many days costs one timer, not one
   * per day.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<Observation> out)
      throws Exception {
    long[] open = openTicks.value();
    if (open == null) {
      return;
    }
    long watermark = Math.max(timestamp, context.timerService().currentWatermark());
    int closed = 0;
    while (closed < open.length && open[closed] <= watermark) {
      long tick = open[closed++];
      IntervalBuffer buffer = intervals.get(tick);
      intervals.remove(tick);
      IntervalPosition p =
          buffer.accumulator.position(
              config.tickIntervalMicros(), decorrelationMicros, minCoverage);
      metrics.intervalClosed(p.sampleCount(), p.sparse());
      out.collect(p.sampleCount() == 1 ? buffer.first : aggregate(buffer.first, p, buffer));
    }
    if (closed == open.length) {
      openTicks.clear();
    } else if (closed > 0) {
      long[] rest = Arrays.copyOfRange(open, closed, open.length);
      openTicks.update(rest);
      context.timerService().registerEventTimeTimer(rest[0]);
    }
  }

  /** {@code ticks} (ascending, may be null) with {@code tick} inserted in order. */
  private static long[] insert(long[] ticks, long tick) {
    if (ticks == null) {
      return new long[] {tick};
    }
    long[] out = new long[ticks.length + 1];
    int at = ticks.length;
    while (at > 0 && ticks[at - 1] > tick) {
      at--;
    }
    System.arraycopy(ticks, 0, out, 0, at);
    out[at] = tick;
    System.arraycopy(ticks, at, out, at + 1, ticks.length - at);
    return out;
  }

  /**
   * The interval's position as an observation: the first sample's Kafka coordinates, the newest
   * Kafka timestamp, no partition watermark (lateness was decided per sample here), and as raw
   * value the position encoded as a {@code GnssObservation} (what a dead letter of it would hold).
   */
  private static Observation aggregate(Observation first, IntervalPosition p, IntervalBuffer b) {
    GnssObservation encoded =
        GnssObservation.newBuilder()
            .setNetwork(first.network())
            .setStation(first.station())
            .setEpoch(Micros.toInstant(p.epochMicros()))
            .setEastMeters(p.eastMeters())
            .setNorthMeters(p.northMeters())
            .setUpMeters(p.upMeters())
            .setSigmaEastMeters(p.sigmaEastMeters())
            .setSigmaNorthMeters(p.sigmaNorthMeters())
            .setSigmaUpMeters(p.sigmaUpMeters())
            .setSource(ObservationSource.UNKNOWN)
            .build();
    return new Observation(
        first.stationKey(),
        p.epochMicros(),
        p.eastMeters(),
        p.northMeters(),
        p.upMeters(),
        p.sigmaEastMeters(),
        p.sigmaNorthMeters(),
        p.sigmaUpMeters(),
        b.newestKafkaTimestampMillis,
        Long.MIN_VALUE,
        first.partition(),
        first.offset(),
        first.rawKey(),
        Codecs.GNSS_OBSERVATION.encode(encoded));
  }
}
