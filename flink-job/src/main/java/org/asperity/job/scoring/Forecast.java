package org.asperity.job.scoring;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.job.types.Micros;
import org.asperity.job.types.SerializerTypeInfo;
import org.asperity.schemas.TtfForecast;

/**
 * A time-to-failure forecast of one region at one tick, named by the model version that made it,
 * with the newest Kafka timestamp of its inputs (for the end-to-end latency metric, not written to
 * Kafka: the forecast itself is a pure function of the input records).
 *
 * @param windowEndMicros the forecast tick, µs since 1970
 * @param caveat why the features lie outside the model's training domain, or null when inside
 *     ({@link org.asperity.features.TrainingDomain})
 */
public record Forecast(
    String region,
    long windowEndMicros,
    double ttfP10Days,
    double ttfP50Days,
    double ttfP90Days,
    double momentMagnitude,
    double magnitudeThreshold,
    String modelVersion,
    String featureHash,
    int stationsUsed,
    int stationsExpected,
    List<String> missingStations,
    long newestKafkaTimestampMillis,
    String caveat) {

  /** With its own serializer: no Kryo. */
  public static final TypeInformation<Forecast> TYPE_INFO =
      SerializerTypeInfo.of(Forecast.class, ForecastSerializer::new);

  public Forecast {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(featureHash, "featureHash");
    missingStations = List.copyOf(missingStations);
  }

  public TtfForecast toAvro() {
    return TtfForecast.newBuilder()
        .setRegion(region)
        .setWindowEnd(Micros.toInstant(windowEndMicros))
        .setTtfP10Days(ttfP10Days)
        .setTtfP50Days(ttfP50Days)
        .setTtfP90Days(ttfP90Days)
        .setMomentMagnitude(momentMagnitude)
        .setMagnitudeThreshold(magnitudeThreshold)
        .setModelVersion(modelVersion)
        .setFeatureHash(featureHash)
        .setStationsUsed(stationsUsed)
        .setStationsExpected(stationsExpected)
        .setMissingStations(missingStations)
        .setCaveat(caveat)
        .build();
  }

  @Override
  public String toString() {
    return "Forecast["
        + region
        + " @"
        + Micros.toInstant(windowEndMicros)
        + " p10/p50/p90 "
        + ttfP10Days
        + "/"
        + ttfP50Days
        + "/"
        + ttfP90Days
        + " d, Mw "
        + momentMagnitude
        + ", model "
        + modelVersion
        + "]";
  }
}
