package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.TtfForecast;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

/**
 * The documents the page's JavaScript reads, byte for byte: keys, nesting, and numbers rounded to
 * the decimals the page shows (integral values without a fraction, non-finite ones as null).
 *
 * <p>The expected documents are in {@code src/test/resources/org/asperity/web/page-json/}. After a
 * deliberate change of the page's JSON, rewrite them with {@code mvn test -pl web
 * -Dtest=PageJsonTest -Dasperity.rewriteGolden=true} and review the diff together with {@code
 * app.js}.
 */
class PageJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GOLDEN = "page-json/";
  private static final Path GOLDEN_SOURCE =
      Path.of("src", "test", "resources", "org", "asperity", "web", "page-json");

  @Test
  void documentsAreTheOnesThePageReads() throws IOException {
    Map<String, String> documents = documents();
    boolean rewrite = Boolean.getBoolean("asperity.rewriteGolden");
    for (Map.Entry<String, String> d : documents.entrySet()) {
      String name = d.getKey() + ".json";
      if (rewrite) {
        Files.createDirectories(GOLDEN_SOURCE);
        Files.writeString(GOLDEN_SOURCE.resolve(name), d.getValue() + "\n");
      } else {
        assertEquals(golden(name), d.getValue(), name);
      }
    }
  }

  @Test
  void everyDocumentIsOneLineOfJson() throws IOException {
    for (Map.Entry<String, String> d : documents().entrySet()) {
      String json = d.getValue();
      assertFalse(
          json.contains("\n") || json.contains("\r") || json.contains("\u2028"),
          d.getKey() + " must fit one server-sent-events data line");
      assertTrue(JSON.readTree(json).isObject(), d.getKey());
    }
  }

  @Test
  void updateCarriesOnlyWhatIsNewSinceItsSequenceNumber() throws IOException {
    AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    LiveModel model = new LiveModel(null, clock::get);
    model.forecast(Records.forecast("sim-00", 1, 300), clock.get());
    long seq = model.position()[0];
    model.forecast(Records.forecast("sim-00", 2, 290), clock.get());
    model.alert(Records.alert("sim-00", 2, AlertLevel.WATCH));
    JsonNode update = JSON.readTree(model.render(seq, false).update());
    assertEquals("update", update.get("type").asText());
    assertEquals(1, update.get("history").get("sim-00").size());
    assertEquals(1, update.get("alerts").size());
    assertFalse(update.has("geometry"), "the geometry comes with snapshots only");
  }

  /** Every kind of document, from one fixed sequence of records and clock readings. */
  private static Map<String, String> documents() {
    AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    LiveModel model = new LiveModel(geometry(), clock::get);
    for (int d = 0; d < 30; d++) {
      model.observation(
          Records.observation(
              "sim-00",
              "C001",
              d,
              0.0123 * d / TimeUnits.DAYS_PER_YEAR,
              0.004 * d / TimeUnits.DAYS_PER_YEAR),
          clock.addAndGet(250));
      model.observation(
          Records.observation("sim-00", "C002", d, 0.021 * d / TimeUnits.DAYS_PER_YEAR, 0.0),
          clock.get());
    }
    model.forecast(Records.forecast("sim-00", 10, 1234.5678), clock.addAndGet(100));
    long afterFirstForecast = model.position()[0];
    TtfForecast withCaveat = Records.forecast("sim-00", 20, 987.654);
    withCaveat.setCaveat("3 of 100 stations missing");
    withCaveat.setTtfP90Days(Double.POSITIVE_INFINITY);
    model.forecast(withCaveat, clock.addAndGet(100));
    model.forecast(Records.forecast("sim-01", 20, 12.0), clock.get());
    model.alert(Records.alert("sim-00", 20, AlertLevel.WARNING));
    model.earthquake(Records.earthquake("sim-00", 25, 8.04));
    model.deadLetter(
        Records.deadLetter(DeadLetterReason.LATE, "quote \" backslash \\ line\nbreak \u2028 é ✓"));
    model.unreadable("gnss.observations");
    model.feedStatus("reading 5 topics");
    Map<Double, Double> quantiles = new LinkedHashMap<>();
    quantiles.put(0.5, 12.345);
    quantiles.put(0.99, Double.NaN);
    model.metrics(
        new MetricsScraper.Reading(
            URI.create("http://127.0.0.1:9249/metrics"),
            "ok",
            List.of(
                new LatencyMetrics.Family(
                    "asperity_forecast_latency_seconds",
                    "region=\"sim-00\"",
                    quantiles,
                    250.04,
                    -0.0049,
                    17,
                    true)),
            clock.get()));
    clock.addAndGet(1_000);
    Map<String, String> documents = new LinkedHashMap<>();
    LiveModel.Rendering rendering = model.render(afterFirstForecast, true);
    documents.put("snapshot", rendering.snapshot());
    documents.put("update", rendering.update());
    documents.put("snapshot-without-geometry", withoutGeometry());
    return documents;
  }

  private static String withoutGeometry() {
    AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    LiveModel model = new LiveModel(null, clock::get);
    for (int d = 0; d < 5; d++) {
      model.observation(
          Records.observation("NGL", "LHAS", d, 0.02 * d / TimeUnits.DAYS_PER_YEAR, 0),
          clock.get());
    }
    return model.snapshot();
  }

  private static FaultGeometryView geometry() {
    List<FaultGeometryView.PlanPoint> ring = new ArrayList<>();
    ring.add(new FaultGeometryView.PlanPoint(10.004, 20.0));
    ring.add(new FaultGeometryView.PlanPoint(30.126, 20.0));
    ring.add(new FaultGeometryView.PlanPoint(30.126, 40.5));
    ring.add(new FaultGeometryView.PlanPoint(10.004, 40.5));
    return new FaultGeometryView(
        "nature",
        76.54321,
        List.of(new FaultGeometryView.PlanPoint(0, 0), new FaultGeometryView.PlanPoint(0, 100)),
        List.of(
            new FaultGeometryView.PlanPoint(0, 0),
            new FaultGeometryView.PlanPoint(0, 100),
            new FaultGeometryView.PlanPoint(50.5, 100),
            new FaultGeometryView.PlanPoint(50.5, 0)),
        5,
        30.123,
        -36.1234567,
        -74.7654321,
        List.of(
            new FaultGeometryView.AsperityOutline(
                "A1", 0.95, new FaultGeometryView.PlanPoint(20, 30), List.of(ring))),
        List.of(
            new FaultGeometryView.StationSite("C001", 60.123, 50.456, -36.123456, -73.4, true),
            new FaultGeometryView.StationSite("C003", 80, 50, -36.2, -73.1, false)));
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = PageJsonTest.class.getResourceAsStream(GOLDEN + name)) {
      if (in == null) {
        throw new AssertionError(
            "no expected document " + name + ": run once with -Dasperity.rewriteGolden=true");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    }
  }
}
