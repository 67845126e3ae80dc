package org.asperity.job.alerts.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.asperity.job.alerts.Alert;
import org.asperity.job.testing.Golden;
import org.asperity.job.types.Micros;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.cap.CapSchema;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class AlertFormatsTest {
  private static final String REGION = "sim-00";
  private static final String WATCH_ID = "sim-00/WATCH/2030-12-01T00:00:00Z";
  private static final String WARNING_ID = "sim-00/WARNING/2031-01-15T00:00:00Z";

  /** Stations of the region on the map: a square with one station inside the hull. */
  private static final CapArea AREA =
      CapArea.ofStations(
          List.of(
              new CapArea.Point(-33.0, -72.0),
              new CapArea.Point(-33.0, -71.0),
              new CapArea.Point(-32.0, -71.0),
              new CapArea.Point(-32.5, -71.5),
              new CapArea.Point(-32.0, -72.0)));

  private static final AlertPublication PUBLICATION =
      new AlertPublication(
          "asperity@obs.example", AlertPublication.CapStatus.Exercise, Map.of(REGION, AREA));

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Schema DATA_SCHEMA = dataSchema();

  private static Schema dataSchema() {
    try (InputStream in =
        AlertFormatsTest.class.getResourceAsStream(CloudEventFormatter.DATA_SCHEMA_RESOURCE)) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Alert alert(
      AlertAction action, AlertLevel level, AlertLevel previous, List<String> chain) {
    Instant issued = Instant.parse("2031-04-02T00:00:00Z");
    return new Alert(
        REGION + "/" + level + "/2031-04-02T00:00:00Z",
        REGION,
        level,
        previous,
        action,
        chain,
        Micros.of(issued),
        120.4,
        290.0,
        700.9,
        8.16,
        "ttf-gbrt-abc",
        "p50 TTF 290 d <= 365 d");
  }

  private static Alert issue(AlertLevel level) {
    return alert(AlertAction.ISSUE, level, AlertLevel.CLEAR, List.of());
  }

  /** Every CAP document a test makes goes through here: it must be valid CAP 1.2. */
  private static String cap(AlertPublication publication, Alert alert) {
    String xml = new CapAlertFormatter(publication).format(alert);
    CapSchema.validate(xml);
    return xml;
  }

  private static Element capRoot(Alert alert) throws Exception {
    return parse(cap(PUBLICATION, alert)).getDocumentElement();
  }

  /** Every CloudEvent a test makes goes through here: its data must match the JSON Schema. */
  private static JsonNode cloudEvent(Alert alert) throws IOException {
    JsonNode event = JSON.readTree(new CloudEventFormatter(PUBLICATION).format(alert));
    List<Error> errors = DATA_SCHEMA.validate(event.get("data"));
    assertEquals(List.of(), errors.stream().map(Error::getMessage).toList());
    return event;
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> childNames(Element e) {
    List<String> names = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        names.add(child.getLocalName());
      }
    }
    return names;
  }

  private static String text(Element parent, String name) {
    return parent
        .getElementsByTagNameNS(CapAlertFormatter.NAMESPACE, name)
        .item(0)
        .getTextContent();
  }

  @Test
  void capAlertHasTheRequiredElementsInSchemaOrder() throws Exception {
    Element root = capRoot(issue(AlertLevel.WARNING));

    assertEquals(CapAlertFormatter.NAMESPACE, root.getNamespaceURI());
    assertEquals("alert", root.getLocalName());
    assertEquals(
        List.of("identifier", "sender", "sent", "status", "msgType", "scope", "info"),
        childNames(root));
    assertEquals("sim-00/WARNING/2031-04-02T00:00:00Z", text(root, "identifier"));
    assertEquals("asperity@obs.example", text(root, "sender"));
    assertEquals("2031-04-02T00:00:00-00:00", text(root, "sent"));
    assertEquals("Exercise", text(root, "status"));
    assertEquals("Alert", text(root, "msgType"));
    Element info =
        (Element) root.getElementsByTagNameNS(CapAlertFormatter.NAMESPACE, "info").item(0);
    assertEquals(
        List.of(
            "language",
            "category",
            "event",
            "responseType",
            "urgency",
            "severity",
            "certainty",
            "effective",
            "expires",
            "senderName",
            "headline",
            "description",
            "parameter",
            "parameter",
            "parameter",
            "parameter",
            "parameter",
            "parameter",
            "area"),
        childNames(info));
    assertEquals("Geo", text(info, "category"));
    assertEquals("Prepare", text(info, "responseType"));
    assertEquals("Expected", text(info, "urgency"));
    assertEquals("Extreme", text(info, "severity"));
    assertEquals("Likely", text(info, "certainty"));
    assertTrue(text(info, "headline").length() <= 160);
    Map<String, String> parameters = new HashMap<>();
    var list = info.getElementsByTagNameNS(CapAlertFormatter.NAMESPACE, "parameter");
    for (int i = 0; i < list.getLength(); i++) {
      Element p = (Element) list.item(i);
      parameters.put(text(p, "valueName"), text(p, "value"));
    }
    assertEquals("120.4", parameters.get("TTF_P10_DAYS"));
    assertEquals("290.0", parameters.get("TTF_P50_DAYS"));
    assertEquals("700.9", parameters.get("TTF_P90_DAYS"));
    assertEquals("8.16", parameters.get("MOMENT_MAGNITUDE"));
    assertEquals("WARNING", parameters.get("ALERT_LEVEL"));
    assertEquals("ttf-gbrt-abc", parameters.get("MODEL_VERSION"));
    assertEquals("Megathrust region sim-00", text(info, "areaDesc"));
  }

  @Test
  void theTextSaysItIsAForecastWithItsUncertaintyNotAnEarlyWarningOfShaking() throws Exception {
    Element info = capRoot(issue(AlertLevel.WATCH));
    String description = text(info, "description");
    assertTrue(description.contains("forecast of the time remaining"), description);
    assertTrue(description.contains("10th to 90th percentile"), description);
    assertTrue(description.contains("not an early warning of shaking"), description);
    assertTrue(description.contains("between 120 days (10th percentile)"), description);
    assertTrue(text(info, "headline").contains("forecast, not shaking"));
    assertEquals("Monitor", text(info, "responseType"));
  }

  @Test
  void expiresWhenTheForecastsNinetiethPercentileHasPassed() throws Exception {
    // p90 700.9 d after 2031-04-02 (2032 is a leap year): 2033-03-02T21:36 (0.9 d = 21.6 h).
    assertEquals("2033-03-02T21:36:00-00:00", text(capRoot(issue(AlertLevel.WATCH)), "expires"));
    Alert beyond =
        new Alert(
            "sim-00/WATCH/2031-04-02T00:00:00Z",
            REGION,
            AlertLevel.WATCH,
            AlertLevel.CLEAR,
            AlertAction.ISSUE,
            List.of(),
            Micros.of(Instant.parse("2031-04-02T00:00:00Z")),
            1e6,
            1e7,
            1e9,
            8,
            "v",
            "r");
    // Bounded to 100 years of 365.25 days (the calendar has 36524 days there): CAP times have
    // four-digit years.
    assertEquals("2131-04-03T00:00:00-00:00", text(capRoot(beyond), "expires"));
  }

  @Test
  void updatesReferenceEveryMessageSinceTheIssue() throws Exception {
    Element update =
        capRoot(
            alert(
                AlertAction.UPDATE,
                AlertLevel.WATCH,
                AlertLevel.WARNING,
                List.of(WATCH_ID, WARNING_ID)));
    assertEquals("Update", text(update, "msgType"));
    // CAP 1.2 references: "sender,identifier,sent" of each referenced message, space-separated.
    assertEquals(
        "asperity@obs.example,"
            + WATCH_ID
            + ",2030-12-01T00:00:00-00:00 asperity@obs.example,"
            + WARNING_ID
            + ",2031-01-15T00:00:00-00:00",
        text(update, "references"));
    assertEquals(
        List.of("identifier", "sender", "sent", "status", "msgType", "scope", "references", "info"),
        childNames(update));
  }

  @Test
  void aCancelFromWatchOrWarningNamesTheCancelledLevelAndTheWholeChain() throws Exception {
    for (AlertLevel cancelled : List.of(AlertLevel.WATCH, AlertLevel.WARNING)) {
      List<String> chain =
          cancelled == AlertLevel.WATCH ? List.of(WATCH_ID) : List.of(WATCH_ID, WARNING_ID);
      Element cancel = capRoot(alert(AlertAction.CANCEL, AlertLevel.CLEAR, cancelled, chain));
      assertEquals("Cancel", text(cancel, "msgType"));
      assertEquals("AllClear", text(cancel, "responseType"));
      assertEquals("Past", text(cancel, "urgency"));
      assertEquals("Unlikely", text(cancel, "certainty"));
      String headline = text(cancel, "headline");
      assertTrue(
          headline.startsWith(
              "Megathrust earthquake "
                  + cancelled.name().toLowerCase(java.util.Locale.ROOT)
                  + " cancelled for sim-00"),
          headline);
      assertFalse(headline.contains("clear"), headline);
      assertEquals(chain.size(), text(cancel, "references").split(" ").length);
      assertTrue(text(cancel, "references").contains(WATCH_ID));
    }
  }

  @Test
  void theAreaHasTheStationsHullAsAClosedPolygonAndACircle() throws Exception {
    Element info = capRoot(issue(AlertLevel.WATCH));
    assertEquals(
        List.of("areaDesc", "polygon", "circle"),
        childNames(
            (Element) info.getElementsByTagNameNS(CapAlertFormatter.NAMESPACE, "area").item(0)));
    // The inner station is not a vertex; the ring is closed.
    assertEquals(
        "-33.0000,-72.0000 -33.0000,-71.0000 -32.0000,-71.0000 -32.0000,-72.0000"
            + " -33.0000,-72.0000",
        text(info, "polygon"));
    // Centre: the mean of the vertices; radius: to the farthest corner, about 73 km.
    assertEquals("-32.5000,-71.5000 72.9", text(info, "circle"));
  }

  @Test
  void aRegionWithoutAKnownAreaIsNamedOnly() throws Exception {
    String xml =
        cap(
            new AlertPublication("asperity@obs.example", AlertPublication.CapStatus.Exercise),
            issue(AlertLevel.WATCH));
    Element area =
        (Element)
            parse(xml)
                .getDocumentElement()
                .getElementsByTagNameNS(CapAlertFormatter.NAMESPACE, "area")
                .item(0);
    assertEquals(List.of("areaDesc"), childNames(area));
  }

  @Test
  void theSchemaCatchesAMessageOutOfOrder() {
    // The validation the tests rely on does fail: headline before urgency is not CAP 1.2.
    String xml = new CapAlertFormatter(PUBLICATION).format(issue(AlertLevel.WATCH));
    String broken =
        xml.replace("<responseType>Monitor</responseType>", "")
            .replace(
                "<category>Geo</category>",
                "<category>Geo</category><responseType>Monitor</responseType><expires>x</expires>");
    assertTrue(CapSchema.violation(broken).isPresent());
  }

  @Test
  void capTimesHaveNoZuluAndNoFractions() {
    assertEquals(
        "2031-04-02T06:07:08-00:00",
        CapAlertFormatter.capTime(Instant.parse("2031-04-02T06:07:08.123456Z")));
  }

  @Test
  void senderWithSpacesIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AlertPublication("my observatory", AlertPublication.CapStatus.Actual));
  }

  @Test
  void cloudEventCarriesContextAttributesAndTheAlert() throws Exception {
    JsonNode event =
        cloudEvent(
            alert(AlertAction.UPDATE, AlertLevel.WARNING, AlertLevel.WATCH, List.of(WATCH_ID)));

    assertEquals("1.0", event.get("specversion").asText());
    assertEquals("sim-00/WARNING/2031-04-02T00:00:00Z", event.get("id").asText());
    assertEquals("urn:asperity:asperity@obs.example", event.get("source").asText());
    assertEquals(CloudEventFormatter.TYPE, event.get("type").asText());
    assertEquals("sim-00", event.get("subject").asText());
    assertEquals("2031-04-02T00:00:00Z", event.get("time").asText());
    assertEquals("application/json", event.get("datacontenttype").asText());
    assertEquals(CloudEventFormatter.DATA_SCHEMA, event.get("dataschema").asText());
    JsonNode data = event.get("data");
    assertEquals("WARNING", data.get("level").asText());
    assertEquals("WATCH", data.get("previousLevel").asText());
    assertEquals("UPDATE", data.get("action").asText());
    assertEquals(WATCH_ID, data.get("references").asText());
    assertEquals(WATCH_ID, data.get("chain").get(0).asText());
    assertEquals(290.0, data.get("ttfP50Days").asDouble());
    assertEquals(8.16, data.get("momentMagnitude").asDouble());
    assertEquals("Exercise", data.get("status").asText());
  }

  @Test
  void everyKindOfEventMatchesTheDataSchemaWhichNamesItself() throws Exception {
    cloudEvent(issue(AlertLevel.WATCH));
    cloudEvent(
        alert(
            AlertAction.UPDATE,
            AlertLevel.WATCH,
            AlertLevel.WARNING,
            List.of(WATCH_ID, WARNING_ID)));
    cloudEvent(alert(AlertAction.CANCEL, AlertLevel.CLEAR, AlertLevel.WATCH, List.of(WATCH_ID)));
    try (InputStream in =
        getClass().getResourceAsStream(CloudEventFormatter.DATA_SCHEMA_RESOURCE)) {
      assertEquals(CloudEventFormatter.DATA_SCHEMA, JSON.readTree(in).get("$id").asText());
    }
  }

  @Test
  void theDataSchemaIsAValidDraft202012Schema() throws Exception {
    // The meta-schema ships with the validator: nothing is fetched.
    Schema meta =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    JsonNode schema;
    try (InputStream in =
        getClass().getResourceAsStream(CloudEventFormatter.DATA_SCHEMA_RESOURCE)) {
      schema = JSON.readTree(in);
    }
    assertEquals(List.of(), meta.validate(schema).stream().map(Error::getMessage).toList());
    ObjectNode broken = schema.deepCopy();
    broken.put("type", 5);
    assertFalse(meta.validate(broken).isEmpty());
  }

  @Test
  void theDataSchemaRejectsAWrongDocument() throws Exception {
    ObjectNode data =
        (ObjectNode)
            JSON.readTree(new CloudEventFormatter(PUBLICATION).format(issue(AlertLevel.WATCH)))
                .get("data");
    assertEquals(List.of(), DATA_SCHEMA.validate(data));

    ObjectNode wrongType = data.deepCopy();
    wrongType.put("ttfP50Days", "290 days");
    assertFalse(DATA_SCHEMA.validate(wrongType).isEmpty());

    ObjectNode missing = data.deepCopy();
    missing.remove("region");
    assertFalse(DATA_SCHEMA.validate(missing).isEmpty());

    ObjectNode unknownLevel = data.deepCopy();
    unknownLevel.put("level", "RED");
    assertFalse(DATA_SCHEMA.validate(unknownLevel).isEmpty());

    // An UPDATE must say what it updates.
    ObjectNode updateWithoutReference = data.deepCopy();
    updateWithoutReference.put("action", "UPDATE");
    assertFalse(DATA_SCHEMA.validate(updateWithoutReference).isEmpty());
  }

  @Test
  void bothFormatsWriteTheStoredBytes() throws Exception {
    // No wall clock, no random id, no map order may leak into a replayed alert: the bytes are the
    // stored ones, and a formatter used twice carries nothing over.
    Alert watch = issue(AlertLevel.WATCH);
    CapAlertFormatter capFormatter = new CapAlertFormatter(PUBLICATION);
    Golden.assertMatches("alerts/formats/watch-issue.cap.xml", cap(PUBLICATION, watch));
    Golden.assertMatches(
        "alerts/formats/watch-issue.cap.xml", capFormatter.format(issue(AlertLevel.WATCH)));
    Alert cancel =
        alert(
            AlertAction.CANCEL,
            AlertLevel.CLEAR,
            AlertLevel.WARNING,
            List.of(WATCH_ID, WARNING_ID));
    Golden.assertMatches("alerts/formats/warning-cancel.cap.xml", cap(PUBLICATION, cancel));
    CloudEventFormatter json = new CloudEventFormatter(PUBLICATION);
    cloudEvent(watch);
    Golden.assertMatches(
        "alerts/formats/watch-issue.cloudevent.json",
        new String(json.format(watch), StandardCharsets.UTF_8));
    Golden.assertMatches(
        "alerts/formats/watch-issue.cloudevent.json",
        new String(json.format(issue(AlertLevel.WATCH)), StandardCharsets.UTF_8));
  }
}
