package org.asperity.job.ingest;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.job.types.SerializerTypeInfo;

/**
 * A validated GNSS observation on its way to the per-station features, keyed by {@link
 * #stationKey()} ({@code network/station}). Carries the raw Kafka bytes and coordinates so a record
 * found late or duplicated downstream can still be dead-lettered whole, the Kafka timestamp for the
 * end-to-end latency metric, and the watermark its own partition had reached before it (see {@link
 * ValidateObservations}), which makes the lateness decision a function of the partition's record
 * sequence alone.
 *
 * @param stationKey {@code network/station}: the key of the per-station state (validated codes:
 *     neither contains '/')
 * @param kafkaTimestampMillis Kafka timestamp, ms since 1970, or {@link SourceRecord#NO_TIMESTAMP}
 * @param partitionWatermarkMicros the watermark of this record's partition just before it (event
 *     time, µs): the largest valid epoch seen earlier in the partition minus the out-of-orderness
 *     bound minus 1 µs, or {@code Long.MIN_VALUE} for the partition's first record. An epoch at or
 *     below it is late.
 * @param rawKey raw Kafka key, or null; never modify
 * @param rawValue raw Kafka value; never modify
 */
public record Observation(
    String stationKey,
    long epochMicros,
    double eastMeters,
    double northMeters,
    double upMeters,
    double sigmaEastMeters,
    double sigmaNorthMeters,
    double sigmaUpMeters,
    long kafkaTimestampMillis,
    long partitionWatermarkMicros,
    int partition,
    long offset,
    byte[] rawKey,
    byte[] rawValue) {

  /** With its own serializer: no Kryo. */
  public static final TypeInformation<Observation> TYPE_INFO =
      SerializerTypeInfo.of(Observation.class, ObservationSerializer::new);

  public Observation {
    Objects.requireNonNull(stationKey, "stationKey");
    if (stationKey.indexOf('/') < 0) {
      throw new IllegalArgumentException("station key '" + stationKey + "' is not network/station");
    }
  }

  public Observation(
      String network,
      String station,
      long epochMicros,
      double eastMeters,
      double northMeters,
      double upMeters,
      double sigmaEastMeters,
      double sigmaNorthMeters,
      double sigmaUpMeters,
      long kafkaTimestampMillis,
      long partitionWatermarkMicros,
      int partition,
      long offset,
      byte[] rawKey,
      byte[] rawValue) {
    this(
        network + '/' + station,
        epochMicros,
        eastMeters,
        northMeters,
        upMeters,
        sigmaEastMeters,
        sigmaNorthMeters,
        sigmaUpMeters,
        kafkaTimestampMillis,
        partitionWatermarkMicros,
        partition,
        offset,
        rawKey,
        rawValue);
  }

  /** Region of the station: its network. */
  public String network() {
    return stationKey.substring(0, stationKey.indexOf('/'));
  }

  public String station() {
    return stationKey.substring(stationKey.indexOf('/') + 1);
  }

  @Override
  public String toString() {
    return "Observation["
        + stationKey
        + " @"
        + epochMicros
        + ", partition "
        + partition
        + " offset "
        + offset
        + "]";
  }
}
