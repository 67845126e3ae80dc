package org.asperity.schemas.testing;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ModelRelease;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.RuptureKind;
import org.asperity.schemas.SlipDeficitSample;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;

/** One plausible record of every type, for round-trip tests here and in other modules. */
public final class SampleRecords {
  public static final Instant EPOCH = Instant.parse("2031-04-02T00:00:00Z");

  private SampleRecords() {}

  public static GnssObservation observation(String station, Instant epoch, double eastMeters) {
    return GnssObservation.newBuilder()
        .setStation(station)
        .setNetwork("sim-00")
        .setEpoch(epoch)
        .setEastMeters(eastMeters)
        .setNorthMeters(-0.0123)
        .setUpMeters(0.0041)
        .setSigmaEastMeters(0.001)
        .setSigmaNorthMeters(0.001)
        .setSigmaUpMeters(0.0035)
        .setSource(ObservationSource.SIMULATED)
        .setLatitudeDegrees(38.2)
        .setLongitudeDegrees(141.6)
        .build();
  }

  public static SlipDeficitSample slipDeficit() {
    return SlipDeficitSample.newBuilder()
        .setRegion("sim-00")
        .setAsperity("A1")
        .setEpoch(EPOCH)
        .setSlipDeficitMeters(3.2)
        .setShearStressMegapascals(2.8)
        .setStrengthMegapascals(3.0)
        .setCenterAlongStrikeKilometers(120)
        .setCenterDownDipKilometers(60)
        .build();
  }

  public static EarthquakeEvent event() {
    return EarthquakeEvent.newBuilder()
        .setEventId("sim-00/2031-04-02T00:00:00Z")
        .setRegion("sim-00")
        .setOnset(EPOCH)
        .setMomentMagnitude(8.1)
        .setSeismicMomentNewtonMeters(1.78e21)
        .setAsperities(List.of("A1", "A2"))
        .setRuptureKind(RuptureKind.FULL_MARGIN)
        .setRuptureStartAlongStrikeKilometers(40)
        .setRuptureEndAlongStrikeKilometers(360)
        .setRuptureAreaSquareKilometers(38000)
        .setMeanSlipMeters(4.1)
        .setMaxSlipMeters(9.3)
        .build();
  }

  public static TtfForecast forecast() {
    return TtfForecast.newBuilder()
        .setRegion("sim-00")
        .setWindowEnd(EPOCH)
        .setTtfP10Days(400)
        .setTtfP50Days(900)
        .setTtfP90Days(2100)
        .setMomentMagnitude(7.9)
        .setMagnitudeThreshold(7.0)
        .setModelVersion("ttf-gbrt-1")
        .setFeatureHash("abc123")
        .setStationsUsed(98)
        .setStationsExpected(100)
        .setMissingStations(List.of("C004", "I017"))
        .build();
  }

  public static TtfAlert alert() {
    return TtfAlert.newBuilder()
        .setAlertId("sim-00/WATCH/2031-04-02T00:00:00Z")
        .setRegion("sim-00")
        .setLevel(AlertLevel.WATCH)
        .setAction(AlertAction.ISSUE)
        .setReferences(null)
        .setIssuedAt(EPOCH)
        .setTtfP10Days(200)
        .setTtfP50Days(300)
        .setTtfP90Days(800)
        .setMomentMagnitude(8.0)
        .setModelVersion("ttf-gbrt-1")
        .setReason("p10 TTF 200 d below watch horizon 365 d")
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setReason(DeadLetterReason.BAD_MARKER)
        .setDetail("first bytes 00 00")
        .setSourceTopic("gnss.observations")
        .setSourcePartition(2)
        .setSourceOffset(1234)
        .setSourceTimestamp(EPOCH)
        .setStation(null)
        .setKey(ByteBuffer.wrap(new byte[] {1, 2}))
        .setValue(ByteBuffer.wrap(new byte[] {0, 0, 7}))
        .build();
  }

  public static ModelRelease modelRelease() {
    return ModelRelease.newBuilder()
        .setModelName("ttf-gbrt")
        .setModelVersion("ttf-gbrt-2")
        .setFeatureHash("abc123")
        .setOnnxModel(ByteBuffer.wrap(new byte[] {8, 1, 18, 0}))
        .setOnnxSha256("00ff")
        .setReleasedAt(EPOCH)
        .setNotes("test release")
        .build();
  }

  /** One of each record type. */
  public static List<SpecificRecord> oneOfEach() {
    return List.of(
        observation("C001", EPOCH, 0.0213),
        slipDeficit(),
        event(),
        forecast(),
        alert(),
        deadLetter(),
        modelRelease());
  }
}
