package org.asperity.job.ingest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.types.Micros;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.asperity.time.TimeUnits;

/**
 * The job's <b>validate</b> step: routes every decoded-or-failed record. Decoding failures and
 * observations breaking {@link ObservationRules} go to the {@link #DEAD_LETTERS} side output with
 * their reason; observations of stations the model's layout does not name are counted as unmodelled
 * and go no further (no forecast can use them), or are dead-lettered as {@code UNKNOWN_STATION}
 * when unknown stations are to be rejected; the rest continue as {@link Observation}s.
 *
 * <p>Each observation is stamped with the watermark its own partition had reached before it
 * (tracked here by the same {@link NetworkClock} as the source's per-partition generator), so the
 * per-station operator decides lateness from the partition's record sequence alone, whatever the
 * interleaving of partitions. A record the clock quarantines (too far ahead of its partition's
 * network) is dead-lettered as {@code BAD_TIMESTAMP} with a detail starting "quarantined"; the
 * quarantine lives in this clock, checkpointed, so it survives a restore. Each partition's clock
 * (station claims and network epoch) is checkpointed in the subtask's own list state: restored with
 * the same parallelism, each subtask gets back its entries as the Kafka source gets back its
 * partitions. (Union list state would follow partitions across a rescale, but Flink cannot
 * checkpoint a job whose union-state operator has partly finished, which every bounded replay does
 * near its end; after a rescale, a partition whose entry went to another subtask starts without
 * one, and only the operator's own watermark decides lateness for its first records.)
 *
 * <p><b>Region cap.</b> Each subtask admits at most {@code maxRegions} regions (networks) to the
 * keyed state downstream; a forwarded observation of a further region is dead-lettered as {@code
 * UNKNOWN_STATION}, so a flood of made-up networks costs a dead letter each, not a station's
 * feature state. Admitted regions are never evicted by newcomers: a region's slot frees only once
 * it has been silent for the retirement period, in the event time of the partition that asks for
 * the slot. The cap is enforced here, where every record passes once before any state is allocated;
 * the admitted regions (at most {@code maxRegions} short entries) are checkpointed with the
 * partition epochs. Below the cap it never acts and the output stays a function of the input; once
 * the cap is full, which newcomer gets a freed slot depends on arrival order (a flood is not a
 * stream whose output anyone replays).
 */
public final class ValidateObservations extends ProcessFunction<SourceRecord, Observation>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  /** Records rejected here: undecodable, rule-breaking, unknown stations when rejected. */
  public static final OutputTag<DeadLetterRecord> DEAD_LETTERS =
      new OutputTag<>("dead-letters", DeadLetterRecord.TYPE_INFO);

  private final ObservationRules rules;
  private final long boundMicros;
  private final Set<String> modelledStations;
  private final boolean rejectUnknownStations;
  private final MetricsEndpoint metricsEndpoint;
  private final PartitionWatermarks.TimeQuorum quorum;
  private final int maxRegions;
  private final long regionRetirementMicros;

  private transient Map<String, NetworkClock> clockByPartition;

  /** (topic:partition, station or "" for the network epoch, accepted µs, pending µs). */
  private transient ListState<Tuple4<String, String, Long, Long>> checkpointedClocks;

  /** Admitted region to the latest epoch seen of it. */
  private transient Map<String, Long> lastEpochByRegion;

  private transient ListState<Tuple2<String, Long>> checkpointedRegions;
  private transient JobMetrics metrics;

  /**
   * @param modelledStations station codes of the model's layout (a template for every network)
   * @param boundMicros the source's out-of-orderness bound, µs
   * @param maxRegions regions this subtask admits at most
   * @param regionRetirementMicros event-time silence after which a region's slot frees, µs
   */
  public ValidateObservations(
      ObservationRules rules,
      long boundMicros,
      Set<String> modelledStations,
      boolean rejectUnknownStations,
      int maxRegions,
      long regionRetirementMicros,
      MetricsEndpoint metricsEndpoint) {
    this(
        rules,
        boundMicros,
        modelledStations,
        rejectUnknownStations,
        maxRegions,
        regionRetirementMicros,
        metricsEndpoint,
        new PartitionWatermarks.TimeQuorum(1, Long.MAX_VALUE));
  }

  /** As above, each partition's time agreed by {@code quorum} (the source's). */
  public ValidateObservations(
      ObservationRules rules,
      long boundMicros,
      Set<String> modelledStations,
      boolean rejectUnknownStations,
      int maxRegions,
      long regionRetirementMicros,
      MetricsEndpoint metricsEndpoint,
      PartitionWatermarks.TimeQuorum quorum) {
    if (maxRegions < 1 || regionRetirementMicros <= 0) {
      throw new IllegalArgumentException(
          "the region cap and the retirement silence must be positive");
    }
    this.quorum = quorum;
    this.maxRegions = maxRegions;
    this.regionRetirementMicros = regionRetirementMicros;
    this.rules = rules;
    this.boundMicros = boundMicros;
    this.modelledStations = Set.copyOf(modelledStations);
    this.rejectUnknownStations = rejectUnknownStations;
    this.metricsEndpoint = metricsEndpoint;
  }

  @Override
  public void open(OpenContext context) {
    metrics = JobMetrics.acquire(metricsEndpoint);
  }

  @Override
  public void close() {
    metrics = JobMetrics.releaseHeld(metrics);
  }

  /** Where validate sends a record: each goes exactly one way. */
  public enum Route {
    /** On to the station features, as an {@link Observation}. */
    FORWARD,
    /** To the dead-letter topic, with a reason. */
    DEAD_LETTER,
    /** Counted as unmodelled and dropped: no forecast can use it. */
    UNMODELLED
  }

  /**
   * The decision for one record.
   *
   * @param reason why it is dead-lettered; null unless {@link Route#DEAD_LETTER}
   * @param epochMicros its event time when it passed the rules (it then moves its partition's
   *     watermark, whatever its route), else {@code Long.MIN_VALUE}
   */
  public record Verdict(Route route, DeadLetterReason reason, String detail, long epochMicros) {}

  /**
   * Where {@code record} goes, pure and total: the function {@link #processElement} routes and
   * counts by.
   */
  public static Verdict classify(
      SourceRecord record,
      ObservationRules rules,
      Set<String> modelledStations,
      boolean rejectUnknownStations) {
    if (!record.isDecoded()) {
      return new Verdict(
          Route.DEAD_LETTER, record.failure(), record.failureDetail(), Long.MIN_VALUE);
    }
    ObservationRules.Violation violation = record.check(rules);
    if (violation != null) {
      return new Verdict(Route.DEAD_LETTER, violation.reason(), violation.detail(), Long.MIN_VALUE);
    }
    GnssObservation o = record.observation();
    long epoch = Micros.of(o.getEpoch());
    if (modelledStations.contains(o.getStation())) {
      return new Verdict(Route.FORWARD, null, null, epoch);
    }
    String stationKey = o.getNetwork() + '/' + o.getStation();
    return rejectUnknownStations
        ? new Verdict(
            Route.DEAD_LETTER,
            DeadLetterReason.UNKNOWN_STATION,
            "station " + stationKey + " is not in the model's station layout",
            epoch)
        : new Verdict(Route.UNMODELLED, null, null, epoch);
  }

  @Override
  public void processElement(SourceRecord record, Context context, Collector<Observation> out) {
    metrics.observationIn();
    Verdict verdict = classify(record, rules, modelledStations, rejectUnknownStations);
    if (verdict.epochMicros() == Long.MIN_VALUE) {
      reject(context, DeadLetterRecord.of(record, verdict.reason(), verdict.detail()));
      return;
    }
    GnssObservation o = record.observation();
    NetworkClock clock =
        clockByPartition.computeIfAbsent(
            record.topic() + ':' + record.partition(), k -> quorum.newClock());
    long partitionWatermark =
        PartitionWatermarks.watermarkAfter(clock.networkMicros(), boundMicros);
    // A record the region cap refuses never reaches the clock: a flood of made-up networks would
    // otherwise fill the clock's station table and the checkpoint with it.
    if (verdict.route() == Route.FORWARD && !admissible(o.getNetwork(), partitionWatermark)) {
      reject(
          context,
          DeadLetterRecord.of(
              record,
              DeadLetterReason.UNKNOWN_STATION,
              "network "
                  + o.getNetwork()
                  + " is not tracked: "
                  + maxRegions
                  + " regions are (--max-regions), none silent for the retirement period"));
      return;
    }
    if (clock.quarantines(stationKey(o), verdict.epochMicros())) {
      verdict = quarantined(verdict.epochMicros(), clock.lastLeadMicros());
    }
    switch (verdict.route()) {
      case DEAD_LETTER ->
          reject(context, DeadLetterRecord.of(record, verdict.reason(), verdict.detail()));
      case UNMODELLED -> metrics.unmodelledObservation(stationKey(o));
      case FORWARD -> {
        // Only a record the clock accepts marks its region as heard: a quarantined epoch would keep
        // the region from ever retiring.
        admit(o.getNetwork(), verdict.epochMicros());
        out.collect(
            new Observation(
                o.getNetwork(),
                o.getStation(),
                verdict.epochMicros(),
                o.getEastMeters(),
                o.getNorthMeters(),
                o.getUpMeters(),
                o.getSigmaEastMeters(),
                o.getSigmaNorthMeters(),
                o.getSigmaUpMeters(),
                record.kafkaTimestampMillis(),
                partitionWatermark,
                record.partition(),
                record.offset(),
                record.key(),
                record.value()));
      }
    }
  }

  /** {@code network/station} of a decoded observation. */
  static String stationKey(GnssObservation o) {
    return o.getNetwork() + '/' + o.getStation();
  }

  /** The dead letter of a record {@code leadMicros} ahead of its partition's network. */
  static Verdict quarantined(long epochMicros, long leadMicros) {
    return new Verdict(
        Route.DEAD_LETTER,
        DeadLetterReason.BAD_TIMESTAMP,
        String.format(
            Locale.ROOT,
            "quarantined: %.1f days ahead of its network (epoch %s)",
            (double) leadMicros / TimeUnits.MICROS_PER_DAY,
            Micros.toInstant(epochMicros)),
        epochMicros);
  }

  /**
   * Whether {@code region} is one of the admitted regions or has a slot free for it; a full table
   * first frees the slots of regions silent for the retirement period before {@code nowMicros}.
   */
  private boolean admissible(String region, long nowMicros) {
    if (lastEpochByRegion.containsKey(region)) {
      return true;
    }
    if (lastEpochByRegion.size() >= maxRegions && nowMicros != Long.MIN_VALUE) {
      lastEpochByRegion
          .values()
          .removeIf(seen -> seen <= nowMicros && nowMicros - seen >= regionRetirementMicros);
    }
    return lastEpochByRegion.size() < maxRegions;
  }

  /** Admits {@code region} (once {@link #admissible}) as heard at {@code epochMicros}. */
  private void admit(String region, long epochMicros) {
    lastEpochByRegion.merge(region, epochMicros, Math::max);
  }

  private void reject(Context context, DeadLetterRecord deadLetter) {
    metrics.deadLetter(deadLetter.reason());
    context.output(DEAD_LETTERS, deadLetter);
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    checkpointedClocks.clear();
    for (Map.Entry<String, NetworkClock> e : clockByPartition.entrySet()) {
      NetworkClock clock = e.getValue();
      checkpointedClocks.add(Tuple4.of(e.getKey(), "", clock.networkMicros(), NetworkClock.NONE));
      for (NetworkClock.StationClaims c : clock.stations()) {
        checkpointedClocks.add(
            Tuple4.of(e.getKey(), c.station(), c.acceptedMicros(), c.pendingMicros()));
      }
    }
    checkpointedRegions.clear();
    for (Map.Entry<String, Long> e : lastEpochByRegion.entrySet()) {
      checkpointedRegions.add(Tuple2.of(e.getKey(), e.getValue()));
    }
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    checkpointedClocks =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "partition-clocks",
                    Types.TUPLE(Types.STRING, Types.STRING, Types.LONG, Types.LONG)));
    clockByPartition = new HashMap<>();
    for (Tuple4<String, String, Long, Long> entry : checkpointedClocks.get()) {
      NetworkClock clock = clockByPartition.computeIfAbsent(entry.f0, k -> quorum.newClock());
      if (entry.f1.isEmpty()) {
        clock.restoreNetworkMicros(entry.f2);
      } else {
        clock.restore(new NetworkClock.StationClaims(entry.f1, entry.f2, entry.f3));
      }
    }
    checkpointedRegions =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "admitted-regions", Types.TUPLE(Types.STRING, Types.LONG)));
    lastEpochByRegion = new HashMap<>();
    for (Tuple2<String, Long> entry : checkpointedRegions.get()) {
      lastEpochByRegion.merge(entry.f0, entry.f1, Math::max);
    }
  }
}
