package org.asperity.web;

import java.time.Instant;
import java.util.List;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.EventSource;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.RuptureKind;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;
import org.asperity.time.TimeUnits;

/** Records of every topic, valid and plausible, for the web package's tests. */
final class Records {
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private Records() {}

  static Instant day(long day) {
    return START.plusSeconds(day * TimeUnits.SECONDS_PER_DAY);
  }

  static GnssObservation observation(
      String region, String station, long day, double eastMeters, double northMeters) {
    return GnssObservation.newBuilder()
        .setStation(station)
        .setNetwork(region)
        .setEpoch(day(day))
        .setEastMeters(eastMeters)
        .setNorthMeters(northMeters)
        .setUpMeters(0.0)
        .setSigmaEastMeters(0.002)
        .setSigmaNorthMeters(0.002)
        .setSigmaUpMeters(0.006)
        .setSource(ObservationSource.SIMULATED)
        .setLatitudeDegrees(-36.5)
        .setLongitudeDegrees(-72.9)
        .build();
  }

  static TtfForecast forecast(String region, long day, double p50Days) {
    return TtfForecast.newBuilder()
        .setRegion(region)
        .setWindowEnd(day(day))
        .setTtfP10Days(p50Days * 0.6)
        .setTtfP50Days(p50Days)
        .setTtfP90Days(p50Days * 1.6)
        .setMomentMagnitude(8.1)
        .setMagnitudeThreshold(7.5)
        .setModelVersion("test-1")
        .setFeatureHash("h")
        .setStationsUsed(99)
        .setStationsExpected(100)
        .setMissingStations(List.of("C007"))
        .build();
  }

  static TtfAlert alert(String region, long day, AlertLevel level) {
    return TtfAlert.newBuilder()
        .setAlertId(region + "/" + level + "/" + day)
        .setRegion(region)
        .setLevel(level)
        .setAction(AlertAction.ISSUE)
        .setIssuedAt(day(day))
        .setTtfP10Days(100)
        .setTtfP50Days(200)
        .setTtfP90Days(400)
        .setMomentMagnitude(8.0)
        .setModelVersion("test-1")
        .setReason("p50 TTF 200 d below watch horizon 365 d")
        .build();
  }

  static EarthquakeEvent earthquake(String region, long day, double mw) {
    return EarthquakeEvent.newBuilder()
        .setEventId(region + "/" + day(day))
        .setRegion(region)
        .setOnset(day(day))
        .setMomentMagnitude(mw)
        .setSeismicMomentNewtonMeters(Math.pow(10, 1.5 * mw + 9.1))
        .setAsperities(List.of("A1", "A2"))
        .setRuptureKind(RuptureKind.PARTIAL)
        .setRuptureStartAlongStrikeKilometers(90)
        .setRuptureEndAlongStrikeKilometers(280)
        .setRuptureAreaSquareKilometers(20_000)
        .setMeanSlipMeters(6.5)
        .setMaxSlipMeters(11)
        .build();
  }

  /** A real earthquake as {@code ./asperity catalog import} writes it. */
  static EarthquakeEvent realEarthquake(String region, Instant onset, double mw) {
    return EarthquakeEvent.newBuilder()
        .setEventId("quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us20007z80")
        .setRegion(region)
        .setOnset(onset)
        .setMomentMagnitude(mw)
        .setSeismicMomentNewtonMeters(Math.pow(10, 1.5 * mw + 9.1))
        .setAsperities(List.of())
        .setRuptureKind(RuptureKind.UNKNOWN)
        .setRuptureStartAlongStrikeKilometers(Double.NaN)
        .setRuptureEndAlongStrikeKilometers(Double.NaN)
        .setRuptureAreaSquareKilometers(Double.NaN)
        .setMeanSlipMeters(Double.NaN)
        .setMaxSlipMeters(Double.NaN)
        .setSource(EventSource.CATALOG)
        .setAgency("us")
        .setMagnitudeType("mww")
        .setMomentMagnitudeUncertainty(0.061)
        .setHypocenterLatitudeDegrees(-10.6812)
        .setHypocenterLongitudeDegrees(161.3273)
        .setHypocenterDepthMeters(40000.0)
        .setDescription("69 km WSW of Kirakira, Solomon Islands")
        .build();
  }

  static DeadLetter deadLetter(DeadLetterReason reason, String detail) {
    return DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail(detail)
        .setSourceTopic("gnss.observations")
        .setSourcePartition(0)
        .setSourceOffset(42)
        .setStation("C001")
        .build();
  }
}
