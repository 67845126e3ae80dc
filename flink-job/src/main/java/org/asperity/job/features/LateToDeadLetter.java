package org.asperity.job.features;

import java.util.Locale;
import org.apache.flink.api.common.functions.MapFunction;
import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.ingest.Observation;
import org.asperity.job.types.Micros;
import org.asperity.schemas.DeadLetterReason;

/**
 * A late observation ({@link StationFeatures#LATE}) as a dead letter that says which of the two
 * ways it was late: beyond its partition's out-of-orderness bound, or after its tick closed while
 * its partition was idle.
 */
public final class LateToDeadLetter implements MapFunction<Observation, DeadLetterRecord> {
  private static final long serialVersionUID = 1L;
  private final String observationsTopic;

  public LateToDeadLetter(String observationsTopic) {
    this.observationsTopic = observationsTopic;
  }

  @Override
  public DeadLetterRecord map(Observation o) {
    return DeadLetterRecord.of(o, observationsTopic, DeadLetterReason.LATE, detail(o));
  }

  static String detail(Observation o) {
    if (o.epochMicros() <= o.partitionWatermarkMicros()) {
      return String.format(
          Locale.ROOT,
          "epoch %s is at or below the watermark %s of partition %d: more out of"
              + " order than the bound allows",
          Micros.toInstant(o.epochMicros()),
          Micros.toInstant(o.partitionWatermarkMicros()),
          o.partition());
    }
    return "the tick of epoch "
        + Micros.toInstant(o.epochMicros())
        + " was already closed (its partition had"
        + " been idle while the others moved on)";
  }
}
