package org.asperity.bridge.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.asperity.bridge.amqp.PositionMessages.Position;
import org.asperity.bridge.amqp.PositionMessages.Rejected;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.junit.jupiter.api.Test;

class PositionMessagesTest {
  private static final PositionMessages MESSAGES =
      new PositionMessages(AmqpIngestConfig.DEFAULT_MAX_MESSAGE_BYTES, null);

  @Test
  void readsGfastsCompactExampleMessage() throws IOException {
    GnssObservation o = position(resource("gfast-compact.json"));
    assertEquals("P373", o.getStation());
    assertEquals("PW", o.getNetwork());
    assertEquals(Instant.parse("2023-02-04T04:11:10Z"), o.getEpoch());
    assertEquals(0.045, o.getEastMeters());
    assertEquals(0.018, o.getNorthMeters());
    assertEquals(0.083, o.getUpMeters());
    assertEquals(0.017, o.getSigmaEastMeters());
    assertEquals(0.016, o.getSigmaNorthMeters());
    assertEquals(0.034, o.getSigmaUpMeters());
    assertEquals(ObservationSource.REALTIME, o.getSource());
    assertNull(o.getLatitudeDegrees());
  }

  @Test
  void readsTheNeuFeatureOfAGeojson2ewFeatureCollectionInEastNorthUpOrder() throws IOException {
    GnssObservation o = position(resource("geojson2ew-featurecollection.json"));
    assertEquals("P595", o.getStation());
    assertEquals("CI", o.getNetwork());
    assertEquals(Instant.ofEpochMilli(1_675_483_870_000L), o.getEpoch());
    // coordinates [N, E, U] under coordinateType NEU; the LLH feature before it is skipped.
    assertEquals(0.0456, o.getEastMeters());
    assertEquals(-0.0123, o.getNorthMeters());
    assertEquals(0.0789, o.getUpMeters());
    assertEquals(0.0051, o.getSigmaEastMeters());
    assertEquals(0.0042, o.getSigmaNorthMeters());
    assertEquals(0.0133, o.getSigmaUpMeters());
  }

  @Test
  void readsASingleFeatureAndNeuOrderInTheCompactForm() {
    GnssObservation feature =
        position(
            """
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [0.1, 0.2, 0.3]},
             "properties": {"coordinateType": "ENU", "SNCL": "ALGO00CAN.CN.LY_.00",
                            "time": 1675483870000.5, "EError": 0.01, "NError": 0.02,
                            "UError": 0.03, "quality": 1, "sampleRate": 1}}""");
    assertEquals("ALGO00CAN", feature.getStation());
    assertEquals(0.1, feature.getEastMeters());
    assertEquals(Instant.ofEpochMilli(1_675_483_870_000L).plusNanos(500_000), feature.getEpoch());

    GnssObservation neu =
        position(
            """
            {"time": 1675483870000, "type": "NEU", "SNCL": "P373.PW",
             "coor": [1.0, 2.0, 3.0], "err": [0.1, 0.2, 0.3]}""");
    assertEquals(2.0, neu.getEastMeters());
    assertEquals(1.0, neu.getNorthMeters());
    assertEquals(0.2, neu.getSigmaEastMeters());
    assertEquals(0.1, neu.getSigmaNorthMeters());
  }

  @Test
  void aNetworkGivenPutsEveryStationInIt() throws IOException {
    GnssObservation o =
        assertInstanceOf(
                Position.class,
                new PositionMessages(1024, "cascadia").parse(resource("gfast-compact.json")))
            .observation();
    assertEquals("cascadia", o.getNetwork());
    assertEquals("P373", o.getStation());
    assertThrows(IllegalArgumentException.class, () -> new PositionMessages(1024, "a/b"));
  }

  @Test
  void eachKindOfBadMessageIsNamedWithItsField() throws IOException {
    String good = new String(resource("gfast-compact.json"), StandardCharsets.UTF_8);
    assertRejected(Rejection.NOT_JSON, "not JSON", "{\"SNCL\": ");
    assertRejected(Rejection.NOT_A_POSITION, "the message is a string", "\"P373\"");
    assertRejected(Rejection.NOT_A_POSITION, "neither a GeoJSON", "{\"type\": \"Point\"}");
    assertRejected(Rejection.MISSING_FIELD, "no err", good.replace("\"err\"", "\"error\""));
    assertRejected(
        Rejection.MISSING_FIELD, "coor has 2 values", good.replace("0.018, 0.083", "0.018"));
    assertRejected(Rejection.WRONG_TYPE, "coor[1] is a string", good.replace("0.018", "\"x\""));
    assertRejected(
        Rejection.WRONG_TYPE, "time is a string", good.replace("1675483870000", "\"1\""));
    assertRejected(Rejection.NOT_FINITE, "coor[2] is NaN", good.replace("0.083", "NaN"));
    assertRejected(Rejection.NOT_FINITE, "err[0] is Infinity", good.replace("0.017", "Infinity"));
    assertRejected(
        Rejection.NON_POSITIVE_SIGMA, "err[2] is -0.034", good.replace("0.034", "-0.034"));
    assertRejected(Rejection.BAD_TIME, "before 1970", good.replace("1675483870000", "-5"));
    assertRejected(Rejection.BAD_TIME, "past year 9999", good.replace("1675483870000", "1e300"));
    assertRejected(Rejection.BAD_SNCL, "SNCL 'P373'", good.replace("P373.PW.LY_.00", "P373"));
    assertRejected(
        Rejection.BAD_SNCL, "station 'P\u00e9'", good.replace("P373.PW.LY_.00", "P\u00e9.PW"));
    assertRejected(Rejection.NOT_A_POSITION, "type is 'XYZ'", good.replace("ENU", "XYZ"));
    assertRejected(Rejection.TOO_LARGE, "message of 70000 bytes", "x".repeat(70_000));
  }

  @Test
  void aRejectionNamesTheStationOnceTheSnclWasRead() throws IOException {
    String good = new String(resource("gfast-compact.json"), StandardCharsets.UTF_8);
    Rejected r = rejected(good.replace("0.083", "NaN"));
    assertEquals("PW/P373", r.stationKey());
    assertNull(rejected("[]").stationKey());
  }

  private static void assertRejected(Rejection reason, String detail, String message) {
    Rejected r = rejected(message);
    assertEquals(reason, r.reason(), r.detail());
    assertTrue(
        r.detail().startsWith(detail) || r.detail().contains(detail),
        () -> "'" + r.detail() + "' should say '" + detail + "'");
  }

  private static Rejected rejected(String message) {
    return assertInstanceOf(
        Rejected.class, MESSAGES.parse(message.getBytes(StandardCharsets.UTF_8)));
  }

  private static GnssObservation position(String message) {
    return position(message.getBytes(StandardCharsets.UTF_8));
  }

  private static GnssObservation position(byte[] message) {
    var parsed = MESSAGES.parse(message);
    return assertInstanceOf(Position.class, parsed, parsed::toString).observation();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PositionMessagesTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
