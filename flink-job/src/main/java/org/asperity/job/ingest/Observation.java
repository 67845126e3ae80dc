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
 * sequence alone. Immutable.
 */
public final class Observation {
  /** With its own serializer: no Kryo. */
  public static final TypeInformation<Observation> TYPE_INFO =
      SerializerTypeInfo.of(Observation.class, ObservationSerializer::new);

  private final String stationKey;
  private final int slash;
  private final long epochMicros;
  private final double eastMeters;
  private final double northMeters;
  private final double upMeters;
  private final double sigmaEastMeters;
  private final double sigmaNorthMeters;
  private final double sigmaUpMeters;
  private final long kafkaTimestampMillis;
  private final long partitionWatermarkMicros;
  private final int partition;
  private final long offset;
  private final byte[] rawKey;
  private final byte[] rawValue;

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

  /** From the station key {@code network/station} (validated codes: neither contains '/'). */
  public Observation(
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
    this.stationKey = Objects.requireNonNull(stationKey, "stationKey");
    this.slash = stationKey.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("station key '" + stationKey + "' is not network/station");
    }
    this.epochMicros = epochMicros;
    this.eastMeters = eastMeters;
    this.northMeters = northMeters;
    this.upMeters = upMeters;
    this.sigmaEastMeters = sigmaEastMeters;
    this.sigmaNorthMeters = sigmaNorthMeters;
    this.sigmaUpMeters = sigmaUpMeters;
    this.kafkaTimestampMillis = kafkaTimestampMillis;
    this.partitionWatermarkMicros = partitionWatermarkMicros;
    this.partition = partition;
    this.offset = offset;
    this.rawKey = rawKey;
    this.rawValue = rawValue;
  }

  /** Region of the station: its network. */
  public String network() {
    return stationKey.substring(0, slash);
  }

  public String station() {
    return stationKey.substring(slash + 1);
  }

  /** {@code network/station}: the key of the per-station state. */
  public String stationKey() {
    return stationKey;
  }

  public long epochMicros() {
    return epochMicros;
  }

  public double eastMeters() {
    return eastMeters;
  }

  public double northMeters() {
    return northMeters;
  }

  public double upMeters() {
    return upMeters;
  }

  public double sigmaEastMeters() {
    return sigmaEastMeters;
  }

  public double sigmaNorthMeters() {
    return sigmaNorthMeters;
  }

  public double sigmaUpMeters() {
    return sigmaUpMeters;
  }

  /** Kafka timestamp, ms since 1970, or {@link SourceRecord#NO_TIMESTAMP}. */
  public long kafkaTimestampMillis() {
    return kafkaTimestampMillis;
  }

  /**
   * The watermark of this record's partition just before it (event time, µs): the largest valid
   * epoch seen earlier in the partition minus the out-of-orderness bound minus 1 µs, or {@code
   * Long.MIN_VALUE} for the partition's first record. An epoch at or below it is late.
   */
  public long partitionWatermarkMicros() {
    return partitionWatermarkMicros;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  /** Raw Kafka key, or null; never modify. */
  public byte[] rawKey() {
    return rawKey;
  }

  /** Raw Kafka value; never modify. */
  public byte[] rawValue() {
    return rawValue;
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
