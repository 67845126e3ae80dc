package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class LiveModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double YEAR_DAYS = TimeUnits.DAYS_PER_YEAR;
  private final AtomicLong clock = new AtomicLong(1_000_000L);

  private LiveModel model(double trenchNormalAzimuthDegrees) {
    FaultGeometryView geometry =
        new FaultGeometryView(
            "test",
            trenchNormalAzimuthDegrees,
            List.of(new FaultGeometryView.PlanPoint(0, 0), new FaultGeometryView.PlanPoint(0, 100)),
            List.of(
                new FaultGeometryView.PlanPoint(0, 0),
                new FaultGeometryView.PlanPoint(0, 100),
                new FaultGeometryView.PlanPoint(50, 100),
                new FaultGeometryView.PlanPoint(50, 0)),
            5,
            30,
            -36,
            -74,
            List.of(),
            List.of(new FaultGeometryView.StationSite("C001", 60, 50, -36, -73.4, true)));
    return new LiveModel(geometry, clock::get);
  }

  @Test
  void stationVelocityIsTheLandwardTrenchNormalComponent() {
    LiveModel m = model(60.0);
    double landward = 0.030; // m/yr toward azimuth 60 degrees
    double parallel = 0.010; // m/yr toward azimuth 150 degrees: must not show
    for (int d = 0; d < 100; d++) {
      double years = d / YEAR_DAYS;
      double east =
          landward * years * Math.sin(Math.toRadians(60))
              + parallel * years * Math.sin(Math.toRadians(150));
      double north =
          landward * years * Math.cos(Math.toRadians(60))
              + parallel * years * Math.cos(Math.toRadians(150));
      m.observation(Records.observation("sim-00", "C001", d, east, north), clock.get());
    }
    assertEquals(30.0, m.velocityMmPerYear("sim-00", "C001"), 1e-9);
  }

  @Test
  void withoutGeometryStationsComeFromTheirCoordinatesAndVelocityIsEastward() throws Exception {
    LiveModel m = new LiveModel(null, clock::get);
    for (int d = 0; d < 20; d++) {
      m.observation(
          Records.observation("NGL", "LHAS", d, 0.02 * d / YEAR_DAYS, 0.5 * d), clock.get());
    }
    assertEquals(20.0, m.velocityMmPerYear("NGL", "LHAS"), 1e-9);
    JsonNode station = JSON.readTree(m.snapshot()).get("stations").get("NGL").get(0);
    assertEquals(-36.5, station.get("latitude").asDouble());
    assertEquals("east", JSON.readTree(m.snapshot()).get("velocity").get("component").asText());
  }

  @Test
  void everyCollectionIsBounded() {
    LiveModel m = model(90.0);
    for (int r = 0; r < LiveModel.MAX_REGIONS + 5; r++) {
      m.forecast(Records.forecast(String.format("r%03d", r), 1, 100), clock.get());
    }
    assertEquals(LiveModel.MAX_REGIONS, m.logSizes().get("regions"));
    for (int s = 0; s < LiveModel.MAX_STATIONS + 10; s++) {
      m.observation(Records.observation("r000", "S" + s, 1, 0, 0), clock.get());
    }
    assertEquals(LiveModel.MAX_STATIONS, m.stationCount());
    for (int a = 0; a < LiveModel.MAX_ALERTS + 10; a++) {
      m.alert(Records.alert("r000", a, AlertLevel.WATCH));
      m.earthquake(Records.earthquake("r000", a, 7.0));
      m.deadLetter(Records.deadLetter(DeadLetterReason.NOT_FINITE, "east is NaN"));
    }
    assertEquals(LiveModel.MAX_ALERTS, m.logSizes().get("alerts"));
    assertEquals(LiveModel.MAX_EARTHQUAKES, m.logSizes().get("earthquakes"));
    assertEquals(LiveModel.MAX_DEAD_LETTERS_LISTED, m.logSizes().get("deadLetters"));
    for (int d = 2; d < 5 * LiveModel.HISTORY_CAPACITY; d++) {
      m.forecast(Records.forecast("r000", d, 100), clock.get());
    }
    assertTrue(m.history("r000").size() < LiveModel.HISTORY_CAPACITY);
  }

  @Test
  void realCatalogEventsCarryTheirHypocentreAndMagnitudeUncertainty() throws Exception {
    LiveModel m = model(90.0);
    m.earthquake(Records.earthquake("sim-00", 3, 8.2));
    m.earthquake(Records.realEarthquake("sim-00", Records.day(5), 7.8));
    JsonNode quakes = JSON.readTree(m.snapshot()).get("earthquakes");
    assertEquals(2, quakes.size());
    JsonNode simulated = quakes.get(0);
    assertEquals("SIMULATED", simulated.get("source").asText());
    assertTrue(simulated.get("hypocenterLatitude").isNull());
    assertTrue(simulated.get("momentMagnitudeUncertainty").isNull());
    JsonNode real = quakes.get(1);
    assertEquals("CATALOG", real.get("source").asText());
    assertEquals(
        "quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us20007z80",
        real.get("eventId").asText());
    assertEquals(7.8, real.get("momentMagnitude").asDouble());
    assertEquals(0.06, real.get("momentMagnitudeUncertainty").asDouble());
    assertEquals("mww", real.get("magnitudeType").asText());
    assertEquals(-10.6812, real.get("hypocenterLatitude").asDouble());
    assertEquals(161.3273, real.get("hypocenterLongitude").asDouble());
    assertEquals(40.0, real.get("hypocenterDepthKm").asDouble());
    assertEquals("us", real.get("agency").asText());
    assertTrue(real.get("ruptureStartAlongStrikeKm").isNull(), "no rupture extent");
  }

  @Test
  void anUpdateCarriesOnlyWhatIsNewAndTheSnapshotEverything() throws Exception {
    LiveModel m = model(90.0);
    m.forecast(Records.forecast("sim-00", 1, 300), clock.get());
    m.alert(Records.alert("sim-00", 1, AlertLevel.WATCH));
    LiveModel.Rendering first = m.render(0, true);
    m.forecast(Records.forecast("sim-00", 2, 299), clock.get());
    m.alert(Records.alert("sim-00", 2, AlertLevel.WARNING));
    m.earthquake(Records.earthquake("sim-00", 3, 8.2));
    m.deadLetter(
        Records.deadLetter(DeadLetterReason.UNKNOWN_STATION, "station X999 is not in the layout"));

    JsonNode update = JSON.readTree(m.render(first.seq(), false).update());
    assertEquals("update", update.get("type").asText());
    assertEquals(1, update.get("history").get("sim-00").size());
    assertEquals(1, update.get("alerts").size());
    assertEquals("WARNING", update.get("alerts").get(0).get("level").asText());
    assertEquals(1, update.get("earthquakes").size());
    assertEquals(1, update.get("deadLetters").size());
    assertEquals(
        Records.day(2).toEpochMilli(),
        update.get("latest").get("sim-00").get("windowEndMillis").asLong());
    assertFalse(update.has("geometry"));

    JsonNode snapshot = JSON.readTree(m.snapshot());
    assertEquals("snapshot", snapshot.get("type").asText());
    assertEquals(2, snapshot.get("history").get("sim-00").size());
    assertEquals(2, snapshot.get("alerts").size());
    assertEquals("test", snapshot.get("geometry").get("modelName").asText());
    JsonNode pipeline = snapshot.get("pipeline");
    assertEquals(2, pipeline.get("forecasts").asLong());
    assertEquals(1, pipeline.get("deadLetters").asLong());
    assertEquals(1, pipeline.get("deadLettersByReason").get("UNKNOWN_STATION").asLong());
    assertEquals(
        List.of("C007"),
        List.of(snapshot.get("latest").get("sim-00").get("missingStations").get(0).asText()));
  }

  @Test
  void observationsPerSecondFromTheWallClock() throws Exception {
    LiveModel m = model(90.0);
    for (int s = 0; s < 3; s++) {
      for (int k = 0; k < 250; k++) {
        m.observation(Records.observation("sim-00", "C001", s * 1000 + k, 0, 0), clock.get());
      }
      clock.addAndGet(1000);
    }
    assertEquals(
        250.0,
        JSON.readTree(m.snapshot()).get("pipeline").get("observationsPerSecond").asDouble(),
        1e-9);
  }

  @Test
  void unreadableRecordsAreCountedPerTopic() throws Exception {
    LiveModel m = model(90.0);
    m.unreadable("ttf.forecasts");
    m.unreadable("ttf.forecasts");
    assertEquals(
        2,
        JSON.readTree(m.snapshot())
            .get("pipeline")
            .get("unreadableByTopic")
            .get("ttf.forecasts")
            .asLong());
  }
}
