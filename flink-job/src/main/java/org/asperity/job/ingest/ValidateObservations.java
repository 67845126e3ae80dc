package org.asperity.job.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
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

/**
 * The job's <b>validate</b> step: routes every decoded-or-failed record. Decoding failures and
 * observations breaking {@link ObservationRules} go to the {@link #DEAD_LETTERS} side output with
 * their reason; observations of stations the model's layout does not name are counted as unmodelled
 * and go no further (no forecast can use them), or are dead-lettered as {@code UNKNOWN_STATION}
 * when unknown stations are to be rejected; the rest continue as {@link Observation}s.
 *
 * <p>Each observation is stamped with the watermark its own partition had reached before it
 * (tracked here exactly as the source's per-partition generator does), so the per-station operator
 * decides lateness from the partition's record sequence alone, whatever the interleaving of
 * partitions. The largest epoch per partition is checkpointed in the subtask's own list state:
 * restored with the same parallelism, each subtask gets back its entries as the Kafka source gets
 * back its partitions. (Union list state would follow partitions across a rescale, but Flink cannot
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
  private final int maxRegions;
  private final long regionRetirementMicros;

  private transient Map<String, Long> maxEpochByPartition;
  private transient ListState<Tuple3<String, Integer, Long>> checkpointedMaxEpochs;

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
    if (maxRegions < 1 || regionRetirementMicros <= 0) {
      throw new IllegalArgumentException(
          "the region cap and the retirement silence must be positive");
    }
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
    long partitionWatermark = Long.MIN_VALUE;
    if (verdict.epochMicros() != Long.MIN_VALUE) {
      String partitionKey = record.topic() + ':' + record.partition();
      Long previousMax = maxEpochByPartition.get(partitionKey);
      partitionWatermark =
          PartitionWatermarks.watermarkAfter(
              previousMax == null ? Long.MIN_VALUE : previousMax, boundMicros);
      if (previousMax == null || verdict.epochMicros() > previousMax) {
        maxEpochByPartition.put(partitionKey, verdict.epochMicros());
      }
    }
    switch (verdict.route()) {
      case DEAD_LETTER ->
          reject(context, DeadLetterRecord.of(record, verdict.reason(), verdict.detail()));
      case UNMODELLED -> {
        GnssObservation o = record.observation();
        metrics.unmodelledObservation(o.getNetwork() + '/' + o.getStation());
      }
      case FORWARD -> {
        GnssObservation o = record.observation();
        if (!admit(o.getNetwork(), verdict.epochMicros(), partitionWatermark)) {
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

  /**
   * Whether {@code region} is, or now becomes, one of the admitted regions; a full table first
   * frees the slots of regions silent for the retirement period before {@code nowMicros}.
   */
  private boolean admit(String region, long epochMicros, long nowMicros) {
    Long last = lastEpochByRegion.get(region);
    if (last != null) {
      if (epochMicros > last) {
        lastEpochByRegion.put(region, epochMicros);
      }
      return true;
    }
    if (lastEpochByRegion.size() >= maxRegions && nowMicros != Long.MIN_VALUE) {
      lastEpochByRegion
          .values()
          .removeIf(seen -> seen <= nowMicros && nowMicros - seen >= regionRetirementMicros);
    }
    if (lastEpochByRegion.size() >= maxRegions) {
      return false;
    }
    lastEpochByRegion.put(region, epochMicros);
    return true;
  }

  private void reject(Context context, DeadLetterRecord deadLetter) {
    metrics.deadLetter(deadLetter.reason());
    context.output(DEAD_LETTERS, deadLetter);
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    checkpointedMaxEpochs.clear();
    for (Map.Entry<String, Long> e : maxEpochByPartition.entrySet()) {
      int colon = e.getKey().lastIndexOf(':');
      checkpointedMaxEpochs.add(
          Tuple3.of(
              e.getKey().substring(0, colon),
              Integer.parseInt(e.getKey().substring(colon + 1)),
              e.getValue()));
    }
    checkpointedRegions.clear();
    for (Map.Entry<String, Long> e : lastEpochByRegion.entrySet()) {
      checkpointedRegions.add(Tuple2.of(e.getKey(), e.getValue()));
    }
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    checkpointedMaxEpochs =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "partition-max-epochs", Types.TUPLE(Types.STRING, Types.INT, Types.LONG)));
    maxEpochByPartition = new HashMap<>();
    for (Tuple3<String, Integer, Long> entry : checkpointedMaxEpochs.get()) {
      maxEpochByPartition.merge(entry.f0 + ':' + entry.f1, entry.f2, Math::max);
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
