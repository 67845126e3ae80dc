package org.asperity.job.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.job.types.SerializerTypeInfo;
import org.asperity.schemas.TtfForecast;
import org.asperity.time.TimeUnits;

/**
 * A time-to-failure forecast of one region at one tick, named by the model version that made it,
 * with the newest Kafka timestamp of its inputs (for the end-to-end latency metric, not written to
 * Kafka: the forecast itself is a pure function of the input records). Immutable.
 */
public final class Forecast {
  /** With its own serializer: no Kryo. */
  public static final TypeInformation<Forecast> TYPE_INFO =
      SerializerTypeInfo.of(Forecast.class, ForecastSerializer::new);

  private final String region;
  private final long windowEndMicros;
  private final double ttfP10Days;
  private final double ttfP50Days;
  private final double ttfP90Days;
  private final double momentMagnitude;
  private final double magnitudeThreshold;
  private final String modelVersion;
  private final String featureHash;
  private final int stationsUsed;
  private final int stationsExpected;
  private final List<String> missingStations;
  private final long newestKafkaTimestampMillis;
  private final String caveat;

  /**
   * @param caveat why the features lie outside the model's training domain, or null when inside
   *     ({@link org.asperity.features.TrainingDomain})
   */
  public Forecast(
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
    this.region = Objects.requireNonNull(region, "region");
    this.windowEndMicros = windowEndMicros;
    this.ttfP10Days = ttfP10Days;
    this.ttfP50Days = ttfP50Days;
    this.ttfP90Days = ttfP90Days;
    this.momentMagnitude = momentMagnitude;
    this.magnitudeThreshold = magnitudeThreshold;
    this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
    this.featureHash = Objects.requireNonNull(featureHash, "featureHash");
    this.stationsUsed = stationsUsed;
    this.stationsExpected = stationsExpected;
    this.missingStations = List.copyOf(missingStations);
    this.newestKafkaTimestampMillis = newestKafkaTimestampMillis;
    this.caveat = caveat;
  }

  public String region() {
    return region;
  }

  /** The forecast tick, µs since 1970. */
  public long windowEndMicros() {
    return windowEndMicros;
  }

  public double ttfP10Days() {
    return ttfP10Days;
  }

  public double ttfP50Days() {
    return ttfP50Days;
  }

  public double ttfP90Days() {
    return ttfP90Days;
  }

  public double momentMagnitude() {
    return momentMagnitude;
  }

  public double magnitudeThreshold() {
    return magnitudeThreshold;
  }

  public String modelVersion() {
    return modelVersion;
  }

  public String featureHash() {
    return featureHash;
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

  public long newestKafkaTimestampMillis() {
    return newestKafkaTimestampMillis;
  }

  /** Why this forecast lies outside the training domain, or null. */
  public String caveat() {
    return caveat;
  }

  public TtfForecast toAvro() {
    return TtfForecast.newBuilder()
        .setRegion(region)
        .setWindowEnd(instant(windowEndMicros))
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

  /** The instant of µs since 1970. */
  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, TimeUnits.MICROS_PER_SECOND),
        Math.floorMod(micros, TimeUnits.MICROS_PER_SECOND) * TimeUnits.NANOS_PER_MICRO);
  }

  @Override
  public String toString() {
    return "Forecast["
        + region
        + " @"
        + instant(windowEndMicros)
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
