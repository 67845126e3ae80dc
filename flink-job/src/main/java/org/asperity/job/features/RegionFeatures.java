package org.asperity.job.features;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.job.types.SerializerTypeInfo;

/**
 * The feature vector of one region at one tick, in the model's feature order, with the data quality
 * behind it and the newest Kafka timestamp among its samples. The values array is never modified
 * after construction; {@link #values()} hands out a copy.
 *
 * @param tickMicros the forecast tick (window end), µs since 1970
 * @param newestKafkaTimestampMillis largest Kafka timestamp of the samples behind this vector, ms
 *     since 1970, or {@code Long.MIN_VALUE}
 */
public record RegionFeatures(
    String region,
    long tickMicros,
    double[] values,
    int stationsUsed,
    int stationsExpected,
    List<String> missingStations,
    long newestKafkaTimestampMillis) {

  /** With its own serializer: no Kryo. */
  public static final TypeInformation<RegionFeatures> TYPE_INFO =
      SerializerTypeInfo.of(RegionFeatures.class, RegionFeaturesSerializer::new);

  public RegionFeatures {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(values, "values");
    missingStations = List.copyOf(missingStations);
  }

  /** Number of features. */
  public int size() {
    return values.length;
  }

  public double value(int index) {
    return values[index];
  }

  /** A copy of the values. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** Writes the values as float32 (the model's input type) into {@code row} from {@code offset}. */
  public void copyAsFloats(float[] row, int offset) {
    for (int i = 0; i < values.length; i++) {
      row[offset + i] = (float) values[i];
    }
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
