package org.asperity.job.features;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.job.types.SerializerTypeInfo;

/**
 * The feature vector of one region at one tick, in the model's feature order, with the data quality
 * behind it and the newest Kafka timestamp among its samples. Immutable; the values array is never
 * modified after construction.
 */
public final class RegionFeatures {
  /** With its own serializer: no Kryo. */
  public static final TypeInformation<RegionFeatures> TYPE_INFO =
      SerializerTypeInfo.of(RegionFeatures.class, RegionFeaturesSerializer::new);

  private final String region;
  private final long tickMicros;
  private final double[] values;
  private final int stationsUsed;
  private final int stationsExpected;
  private final List<String> missingStations;
  private final long newestKafkaTimestampMillis;

  public RegionFeatures(
      String region,
      long tickMicros,
      double[] values,
      int stationsUsed,
      int stationsExpected,
      List<String> missingStations,
      long newestKafkaTimestampMillis) {
    this.region = Objects.requireNonNull(region, "region");
    this.tickMicros = tickMicros;
    this.values = Objects.requireNonNull(values, "values");
    this.stationsUsed = stationsUsed;
    this.stationsExpected = stationsExpected;
    this.missingStations = List.copyOf(missingStations);
    this.newestKafkaTimestampMillis = newestKafkaTimestampMillis;
  }

  public String region() {
    return region;
  }

  /** The forecast tick (window end), µs since 1970. */
  public long tickMicros() {
    return tickMicros;
  }

  /** Number of features. */
  public int size() {
    return values.length;
  }

  public double value(int index) {
    return values[index];
  }

  /** A copy of the values. */
  public double[] values() {
    return values.clone();
  }

  /** Writes the values as float32 (the model's input type) into {@code row} from {@code offset}. */
  public void copyAsFloats(float[] row, int offset) {
    for (int i = 0; i < values.length; i++) {
      row[offset + i] = (float) values[i];
    }
  }

  public int stationsUsed() {
    return stationsUsed;
  }

  public int stationsExpected() {
    return stationsExpected;
  }

  public List<String> missingStations() {
    return missingStations;
  }

  /**
   * Largest Kafka timestamp of the samples behind this vector, ms since 1970, or {@code
   * Long.MIN_VALUE}.
   */
  public long newestKafkaTimestampMillis() {
    return newestKafkaTimestampMillis;
  }

  @Override
  public String toString() {
    return "RegionFeatures["
        + region
        + " @"
        + tickMicros
        + ", "
        + values.length
        + " values, stations "
        + stationsUsed
        + "/"
        + stationsExpected
        + "]";
  }
}
