package org.asperity.replay.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.asperity.replay.catalog.CatalogRefusal.Reason;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.EventSource;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuakeMlReaderTest {
  private static final QuakeMlReader READER = new QuakeMlReader();

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = QuakeMlReaderTest.class.getResourceAsStream("/quakeml/" + name)) {
      return in.readAllBytes();
    }
  }

  private static CatalogDocument real(String name) throws IOException {
    return READER.read(new ByteArrayInputStream(resource(name)));
  }

  private static CatalogDocument parse(String xml) {
    return READER.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static long micros(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
  }

  /** A QuakeML 1.2 document around {@code events}. */
  private static String quakeml(String events) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<q:quakeml xmlns:q=\"http://quakeml.org/xmlns/quakeml/1.2\""
        + " xmlns=\"http://quakeml.org/xmlns/bed/1.2\">\n"
        + "<eventParameters publicID=\"smi:test/ep\">\n"
        + events
        + "</eventParameters></q:quakeml>\n";
  }

  private static String origin(String id, String time) {
    return "<origin publicID=\""
        + id
        + "\">"
        + (time == null ? "" : "<time><value>" + time + "</value></time>")
        + "<latitude><value>38.1</value></latitude><longitude><value>142.8</value></longitude>"
        + "<depth><value>24000</value></depth></origin>";
  }

  private static String magnitude(String id, String type, String value) {
    return "<magnitude publicID=\""
        + id
        + "\"><mag><value>"
        + value
        + "</value></mag><type>"
        + type
        + "</type></magnitude>";
  }

  @Test
  void irisResponseGivesTohokuAndRefusesTheSurfaceWaveMagnitudeEvent() throws IOException {
    CatalogDocument doc = real("iris_events.xml");
    assertEquals(1, doc.events().size());
    CatalogEvent tohoku = doc.events().get(0);
    assertEquals("smi:www.iris.edu/ws/event/query?eventId=3279407", tohoku.eventId());
    // The IRIS time has no zone: QuakeML times are UTC.
    assertEquals(micros("2011-03-11T05:46:24.120Z"), tohoku.originTimeMicros());
    assertEquals(38.297, tohoku.latitudeDegrees());
    assertEquals(142.373, tohoku.longitudeDegrees());
    assertEquals(29.0, tohoku.depthMeters());
    assertEquals(9.1, tohoku.momentMagnitude());
    assertTrue(Double.isNaN(tohoku.momentMagnitudeUncertainty()));
    assertEquals("MW", tohoku.magnitudeType());
    assertEquals("GCMT", tohoku.agency());
    assertEquals("NEAR EAST COAST OF HONSHU, JAPAN", tohoku.description());

    assertEquals(1, doc.refusals().size());
    CatalogRefusal sulu = doc.refusals().get(0);
    assertEquals("smi:www.iris.edu/ws/event/query?eventId=2318174", sulu.eventId());
    assertEquals(Reason.NO_MOMENT_MAGNITUDE, sulu.reason());
    assertTrue(sulu.detail().contains("MS 9.8"), sulu.detail());
  }

  @Test
  void usgsResponseGivesEveryEventWithItsUncertaintyWhereGiven() throws IOException {
    CatalogDocument doc = real("usgs_2016-12_M5.85.qml");
    assertEquals(List.of(), doc.refusals());
    assertEquals(9, doc.events().size());
    CatalogEvent solomon = doc.events().get(4);
    assertEquals(
        "quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us20007z80&format=quakeml",
        solomon.eventId());
    assertEquals(micros("2016-12-08T17:38:46.280Z"), solomon.originTimeMicros());
    assertEquals(7.8, solomon.momentMagnitude());
    assertEquals("mww", solomon.magnitudeType());
    assertEquals("us", solomon.agency());
    assertEquals(40000.0, solomon.depthMeters());
    assertEquals("69 km WSW of Kirakira, Solomon Islands", solomon.description());
    assertTrue(Double.isNaN(solomon.momentMagnitudeUncertainty()));
    assertEquals(0.061, doc.events().get(7).momentMagnitudeUncertainty());
  }

  @Test
  void importKeepsTheRegionsBoxAndCountsTheRest() throws Exception {
    List<EarthquakeEvent> written = new ArrayList<>();
    CatalogImport.Summary summary =
        CatalogImport.run(
            "usgs.qml",
            real("usgs_2016-12_M5.85.qml"),
            "solomon",
            RegionBounds.parse("-12,-9,160,163"),
            written::add);
    assertEquals(9, summary.read());
    assertEquals(4, summary.accepted());
    assertEquals(Map.of(Reason.OUTSIDE_REGION, 5L), summary.refusedByReason());
    assertTrue(summary.toString().contains("refused OUTSIDE_REGION: 5"), summary.toString());
    EarthquakeEvent main = written.get(0);
    assertEquals("solomon", main.getRegion());
    assertEquals(EventSource.CATALOG, main.getSource());
    assertEquals(Instant.parse("2016-12-08T17:38:46.280Z"), main.getOnset());
    assertEquals(-10.6812, main.getHypocenterLatitudeDegrees());
    assertEquals(161.3273, main.getHypocenterLongitudeDegrees());
    assertEquals(40000.0, main.getHypocenterDepthMeters());
    assertNull(main.getMomentMagnitudeUncertainty());
    assertEquals(0.061, written.get(3).getMomentMagnitudeUncertainty());
    // Hanks & Kanamori: Mw 7.8 is 6.3e20 N m.
    assertEquals(6.31e20, main.getSeismicMomentNewtonMeters(), 0.01e20);
    // The record survives the wire format (decoded strings are Utf8: compare the JSON form).
    assertEquals(
        main.toString(),
        Codecs.EARTHQUAKE_EVENT.decode(Codecs.EARTHQUAKE_EVENT.encode(main)).toString());
  }

  @Test
  void antimeridianBoxes() {
    RegionBounds tonga = RegionBounds.parse("-25,-14,170,-170");
    assertTrue(tonga.contains(-15.4, -173.09));
    assertTrue(tonga.contains(-20, 175));
    assertFalse(tonga.contains(-20, 150));
  }

  @Test
  void thePreferredMomentMagnitudeWinsElseTheBestMomentMagnitude() {
    String doc =
        quakeml(
            "<event publicID=\"smi:test/a\"><preferredOriginID>o1</preferredOriginID>"
                + "<preferredMagnitudeID>m1</preferredMagnitudeID>"
                + origin("o1", "2020-01-01T00:00:00Z")
                + magnitude("m1", "mb", "6.1")
                + magnitude("m2", "Mwb", "7.0")
                + magnitude("m3", "Mww", "7.1")
                + magnitude("m4", "Mwc", "7.2")
                + "</event>"
                + "<event publicID=\"smi:test/b\"><preferredMagnitudeID>m6</preferredMagnitudeID>"
                + origin("o2", "2020-01-02T00:00:00.5+01:00")
                + magnitude("m5", "Mww", "7.1")
                + magnitude("m6", "Mw", "7.3")
                + "</event>");
    CatalogDocument parsed = parse(doc);
    assertEquals(List.of(), parsed.refusals());
    assertEquals("Mww", parsed.events().get(0).magnitudeType());
    assertEquals(7.1, parsed.events().get(0).momentMagnitude());
    assertEquals(7.3, parsed.events().get(1).momentMagnitude());
    assertEquals(micros("2020-01-01T23:00:00.5Z"), parsed.events().get(1).originTimeMicros());
  }

  @Test
  void asymmetricUncertaintyGivesTheLargerBound() {
    CatalogDocument parsed =
        parse(
            quakeml(
                "<event publicID=\"smi:test/u\">"
                    + origin("o", "2020-01-01T00:00:00Z")
                    + "<magnitude publicID=\"m\"><mag><value>8.0</value>"
                    + "<lowerUncertainty>0.1</lowerUncertainty>"
                    + "<upperUncertainty>0.2</upperUncertainty></mag><type>Mw</type></magnitude>"
                    + "</event>"));
    assertEquals(0.2, parsed.events().get(0).momentMagnitudeUncertainty());
  }

  @Test
  void eventsThatCannotBeUsedAreRefusedWithTheirReasonAndTheRestIsRead() {
    String doc =
        quakeml(
            "<event publicID=\"smi:test/no-origin\">"
                + magnitude("m1", "Mw", "7.0")
                + "</event>"
                + "<event publicID=\"smi:test/no-time\">"
                + origin("o2", null)
                + magnitude("m2", "Mw", "7.0")
                + "</event>"
                + "<event publicID=\"smi:test/bad-time\">"
                + origin("o3", "yesterday")
                + magnitude("m3", "Mw", "7.0")
                + "</event>"
                + "<event publicID=\"smi:test/blast\"><type>quarry blast</type>"
                + origin("o4", "2020-01-01T00:00:00Z")
                + magnitude("m4", "Mw", "3.0")
                + "</event>"
                + "<event publicID=\"smi:test/bad-mag\">"
                + origin("o5", "2020-01-01T00:00:00Z")
                + magnitude("m5", "Mw", "12.5")
                + "</event>"
                + "<event publicID=\"smi:test/bad-lat\"><origin publicID=\"o6\">"
                + "<time><value>2020-01-01T00:00:00Z</value></time>"
                + "<latitude><value>95</value></latitude></origin>"
                + magnitude("m6", "Mw", "7.0")
                + "</event>"
                + "<event publicID=\"smi:test/ok\">"
                + origin("o7", "2020-01-01T00:00:00Z")
                + magnitude("m7", "Mww", "7.0")
                + "</event>"
                + "<event publicID=\"smi:test/ok\">"
                + origin("o8", "2020-01-01T00:00:00Z")
                + magnitude("m8", "Mww", "7.0")
                + "</event>");
    CatalogDocument parsed = parse(doc);
    assertEquals(1, parsed.events().size());
    assertEquals("smi:test/ok", parsed.events().get(0).eventId());
    assertEquals(
        List.of(
            Reason.NO_ORIGIN,
            Reason.NO_ORIGIN_TIME,
            Reason.NO_ORIGIN_TIME,
            Reason.NOT_AN_EARTHQUAKE,
            Reason.BAD_VALUE,
            Reason.BAD_VALUE,
            Reason.DUPLICATE_EVENT_ID),
        parsed.refusals().stream().map(CatalogRefusal::reason).toList());
  }

  @Test
  void malformedDocumentsAreRefusedWholeWithWhere() {
    CatalogDocument truncated =
        parse(
            quakeml(
                    "<event publicID=\"smi:test/ok\">"
                        + origin("o", "2020-01-01T00:00:00Z")
                        + magnitude("m", "Mw", "7.0")
                        + "</event>")
                .substring(0, 400));
    assertEquals(List.of(), truncated.events());
    assertEquals(Reason.MALFORMED_XML, truncated.refusals().get(0).reason());
    assertNull(truncated.refusals().get(0).eventId());
    assertTrue(truncated.refusals().get(0).detail().startsWith("line "));

    CatalogDocument quakeml10 =
        parse(
            "<quakeml xmlns=\"http://quakeml.org/xmlns/quakeml/1.0\"><eventParameters/></quakeml>");
    assertEquals(Reason.NOT_QUAKEML_1_2, quakeml10.refusals().get(0).reason());

    CatalogDocument wrongBed =
        parse(
            "<q:quakeml xmlns:q=\"http://quakeml.org/xmlns/quakeml/1.2\">"
                + "<eventParameters xmlns=\"http://quakeml.org/xmlns/bed-rt/1.2\"/></q:quakeml>");
    assertEquals(Reason.NOT_QUAKEML_1_2, wrongBed.refusals().get(0).reason());

    assertEquals(Reason.MALFORMED_XML, parse("").refusals().get(0).reason());
  }

  @Test
  void externalEntitiesAreNeverResolved(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE q:quakeml [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>\n"
            + quakeml(
                    "<event publicID=\"smi:test/x\"><description><text>&xxe;</text></description>"
                        + origin("o", "2020-01-01T00:00:00Z")
                        + magnitude("m", "Mw", "7.0")
                        + "</event>")
                .substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".length());
    CatalogDocument parsed = parse(xxe);
    assertEquals(List.of(), parsed.events());
    assertEquals(Reason.MALFORMED_XML, parsed.refusals().get(0).reason());
    assertFalse(parsed.refusals().toString().contains("TOP-SECRET"));

    String laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
            + "<q:quakeml xmlns:q=\"http://quakeml.org/xmlns/quakeml/1.2\">&c;</q:quakeml>";
    assertEquals(Reason.MALFORMED_XML, parse(laughs).refusals().get(0).reason());
  }

  @Test
  void documentsAreBoundedInBytes(@TempDir Path dir) throws IOException {
    byte[] usgs = resource("usgs_2016-12_M5.85.qml");
    QuakeMlReader small = new QuakeMlReader(usgs.length - 1);
    CatalogDocument streamed = small.read(new ByteArrayInputStream(usgs));
    assertEquals(List.of(), streamed.events());
    assertTrue(streamed.refusals().get(0).detail().contains("larger than"));
    Path file = dir.resolve("usgs.qml");
    Files.write(file, usgs);
    assertTrue(small.read(file).refusals().get(0).detail().contains("larger than"));
    assertEquals(9, new QuakeMlReader(usgs.length).read(file).events().size());
  }

  @Test
  void noMutationOfARealDocumentMakesTheReaderThrow() throws IOException {
    byte[] original = resource("iris_events.xml");
    Random random = new Random(15);
    for (int round = 0; round < 300; round++) {
      byte[] mutated = original.clone();
      int changes = 1 + random.nextInt(8);
      for (int c = 0; c < changes; c++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      CatalogDocument doc = READER.read(new ByteArrayInputStream(mutated));
      assertTrue(doc.events().size() + doc.refusals().size() >= 1);
    }
  }
}
