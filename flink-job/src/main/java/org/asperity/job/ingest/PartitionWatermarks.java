package org.asperity.job.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.asperity.job.types.Micros;

/**
 * Event-time watermarks of the observations source, one generator per Kafka partition (the Kafka
 * source runs the strategy per split). Event time is the observation's epoch in <b>microseconds</b>
 * (the job's time unit throughout; Flink does not care about the unit), taken from the payload,
 * never from the Kafka timestamp. Records that fail decoding or validation carry no event time and
 * do not move the watermark.
 *
 * <p>Bounded out-of-orderness behind the partition's network epoch M (its stations' quorum, see
 * {@link NetworkClock}; not the single newest record, which one broken receiver could push
 * centuries ahead): the watermark is M &minus; bound &minus; 1 µs, so an epoch at or below it is
 * late. Records the clock quarantines move nothing. {@link ValidateObservations} runs the same
 * clock per record ({@link Observation#partitionWatermarkMicros()}) and dead-letters the
 * quarantined records, which makes lateness a deterministic property of the partition's record
 * sequence.
 *
 * <p>Flink does not checkpoint watermark generators: after a restore each starts with an empty
 * clock while validate gets its clock back. The restored clock knows at least the stations the
 * fresh one has heard since, so the source's watermark is then at most validate's stamp, and
 * lateness stays validate's decision; in the rare case where the fresh clock believes a record the
 * restored one quarantines, the station operator's own watermark check still dead-letters any
 * record that would reach a closed tick. A partition silent for the idle timeout (wall time) is
 * marked idle so it cannot hold back the others; that is the one place where wall time can change
 * results (a record arriving after its partition was idle may be late by the others' watermark).
 */
public final class PartitionWatermarks {
  private PartitionWatermarks() {}

  /**
   * The source's strategy: epochs of valid records as timestamps, bounded out-of-orderness behind
   * the single newest record (no quorum), idleness.
   */
  public static WatermarkStrategy<SourceRecord> strategy(
      ObservationRules rules, Duration maxOutOfOrderness, Duration idleTimeout) {
    return strategy(
        rules,
        maxOutOfOrderness,
        idleTimeout,
        Duration.ZERO,
        new TimeQuorum(1, Long.MAX_VALUE),
        Duration.ZERO);
  }

  /**
   * How a partition's stations agree on its event time ({@link NetworkClock}).
   *
   * @param stations claims that must reach an epoch before it is the partition's
   * @param maxLeadMicros lead over the network beyond which a record is quarantined, µs
   */
  public record TimeQuorum(int stations, long maxLeadMicros) implements java.io.Serializable {
    public NetworkClock newClock() {
      return new NetworkClock(stations, maxLeadMicros);
    }
  }

  /**
   * As {@link #strategy(ObservationRules, Duration, Duration)}, the partition's time agreed by
   * {@code quorum}; with a positive {@code quietClose}, a partition that received nothing for that
   * long (wall time) also declares its newest epoch complete: the watermark moves up to that epoch,
   * closing its tick without waiting for the next sample. For live feeds that deliver each epoch in
   * one burst (1 Hz networks): forecasts come a quiet period after the burst instead of a sampling
   * interval later. The price is determinism: a record of that epoch arriving after a longer pause
   * is late. A positive {@code maxReadAhead} pauses a partition whose watermark is that far ahead
   * of the slowest (Flink's split-level watermark alignment, FLIP-217): reading order only, never
   * the output, since lateness is decided per partition.
   */
  public static WatermarkStrategy<SourceRecord> strategy(
      ObservationRules rules,
      Duration maxOutOfOrderness,
      Duration idleTimeout,
      Duration quietClose,
      TimeQuorum quorum,
      Duration maxReadAhead) {
    long boundMicros = toMicros(maxOutOfOrderness);
    long quietNanos = quietClose.toNanos();
    WatermarkGeneratorSupplier<SourceRecord> generators =
        context -> new Generator(boundMicros, quietNanos, quorum.newClock());
    TimestampAssignerSupplier<SourceRecord> timestamps = context -> new EpochAssigner(rules);
    WatermarkStrategy<SourceRecord> strategy =
        WatermarkStrategy.forGenerator(generators).withTimestampAssigner(timestamps);
    if (!idleTimeout.isZero()) {
      strategy = strategy.withIdleness(idleTimeout);
    }
    // Last: the idleness wrapper does not carry alignment parameters through. Flink adds the drift,
    // a Duration read as milliseconds, to watermarks, which are microseconds here.
    return maxReadAhead.isZero()
        ? strategy
        : strategy.withWatermarkAlignment(
            ALIGNMENT_GROUP, Duration.ofMillis(toMicros(maxReadAhead)), READ_AHEAD_UPDATE_INTERVAL);
  }

  /**
   * How often the readers report their watermarks and are told how far they may read (wall time).
   */
  public static final Duration READ_AHEAD_UPDATE_INTERVAL = Duration.ofMillis(20);

  /** The observations source's watermark alignment group (it is alone in it). */
  static final String ALIGNMENT_GROUP = "observations";

  /** The watermark after network epoch {@code networkMicros}, or {@code Long.MIN_VALUE} if none. */
  public static long watermarkAfter(long networkMicros, long boundMicros) {
    return networkMicros == Long.MIN_VALUE ? Long.MIN_VALUE : networkMicros - boundMicros - 1;
  }

  static long toMicros(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a duration must not be negative: " + duration);
    }
    return Micros.of(duration);
  }

  /** Timestamp = valid epoch in µs; {@code Long.MIN_VALUE} for records without one. */
  static final class EpochAssigner implements TimestampAssigner<SourceRecord> {
    private final ObservationRules rules;

    EpochAssigner(ObservationRules rules) {
      this.rules = rules;
    }

    @Override
    public long extractTimestamp(SourceRecord record, long kafkaTimestamp) {
      return record.isDecoded() && record.check(rules) == null
          ? Micros.of(record.observation().getEpoch())
          : Long.MIN_VALUE;
    }
  }

  /**
   * Bounded out-of-orderness behind the network epoch of the timestamps that exist, optionally
   * closing quiet partitions.
   */
  static final class Generator implements WatermarkGenerator<SourceRecord> {
    private final long boundMicros;
    private final long quietNanos;
    private final NetworkClock clock;
    private long lastEventNanos;
    private long emitted = Long.MIN_VALUE;

    /** Following the single newest record (a quorum of one, no quarantine). */
    Generator(long boundMicros) {
      this(boundMicros, 0);
    }

    Generator(long boundMicros, long quietNanos) {
      this(boundMicros, quietNanos, new NetworkClock(1, Long.MAX_VALUE));
    }

    Generator(long boundMicros, long quietNanos, NetworkClock clock) {
      this.boundMicros = boundMicros;
      this.quietNanos = quietNanos;
      this.clock = clock;
    }

    @Override
    public void onEvent(SourceRecord record, long timestamp, WatermarkOutput output) {
      if (timestamp != Long.MIN_VALUE && record.isDecoded()) {
        clock.quarantines(ValidateObservations.stationKey(record.observation()), timestamp);
      }
      if (quietNanos > 0) {
        lastEventNanos = System.nanoTime();
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      long networkMicros = clock.networkMicros();
      if (networkMicros == Long.MIN_VALUE) {
        return;
      }
      long watermark = watermarkAfter(networkMicros, boundMicros);
      if (quietNanos > 0 && System.nanoTime() - lastEventNanos >= quietNanos) {
        watermark = networkMicros;
      }
      if (watermark > emitted) {
        emitted = watermark;
        output.emitWatermark(new Watermark(watermark));
      }
    }
  }
}
