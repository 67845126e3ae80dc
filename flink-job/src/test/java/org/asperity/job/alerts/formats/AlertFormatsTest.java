package org.asperity.job.alerts.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.asperity.job.testing.Golden;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.TtfAlert;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class AlertFormatsTest {
  private static final AlertPublication PUBLICATION =
      new AlertPublication("asperity@obs.example", AlertPublication.CapStatus.Exercise);

  private static TtfAlert alert(AlertAction action, AlertLevel level, String references) {
    Instant issued = Instant.parse("2031-04-02T00:00:00Z");
    return TtfAlert.newBuilder()
        .setAlertId("sim-00/" + level + "/2031-04-02T00:00:00Z")
        .setRegion("sim-00")
        .setLevel(level)
        .setAction(action)
        .setReferences(references)
        .setIssuedAt(issued)
        .setTtfP10Days(120.4)
        .setTtfP50Days(290.0)
        .setTtfP90Days(700.9)
        .setMomentMagnitude(8.16)
        .setModelVersion("ttf-gbrt-abc")
        .setReason("p50 TTF 290 d <= 365 d")
        .build();
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
    String xml =
        new CapAlertFormatter(PUBLICATION)
            .format(alert(AlertAction.ISSUE, AlertLevel.WARNING, null));
    Element root = parse(xml).getDocumentElement();

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
            "urgency",
            "severity",
            "certainty",
            "effective",
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
  void updatesAndCancelsReferenceThePreviousAlert() throws Exception {
    String previous = "sim-00/WATCH/2030-12-01T00:00:00Z";
    Element update =
        parse(
                new CapAlertFormatter(PUBLICATION)
                    .format(alert(AlertAction.UPDATE, AlertLevel.WARNING, previous)))
            .getDocumentElement();
    assertEquals("Update", text(update, "msgType"));
    // CAP 1.2 references: "sender,identifier,sent" of the referenced message.
    assertEquals(
        "asperity@obs.example," + previous + ",2030-12-01T00:00:00-00:00",
        text(update, "references"));
    assertEquals(
        List.of("identifier", "sender", "sent", "status", "msgType", "scope", "references", "info"),
        childNames(update));

    Element cancel =
        parse(
                new CapAlertFormatter(PUBLICATION)
                    .format(alert(AlertAction.CANCEL, AlertLevel.WARNING, previous)))
            .getDocumentElement();
    assertEquals("Cancel", text(cancel, "msgType"));
    assertEquals("Past", text(cancel, "urgency"));
    assertEquals("Unlikely", text(cancel, "certainty"));
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
    byte[] bytes =
        new CloudEventFormatter(PUBLICATION)
            .format(
                alert(AlertAction.UPDATE, AlertLevel.WARNING, "sim-00/WATCH/2030-12-01T00:00:00Z"));
    JsonNode event = new ObjectMapper().readTree(bytes);

    assertEquals("1.0", event.get("specversion").asText());
    assertEquals("sim-00/WARNING/2031-04-02T00:00:00Z", event.get("id").asText());
    assertEquals("urn:asperity:asperity@obs.example", event.get("source").asText());
    assertEquals(CloudEventFormatter.TYPE, event.get("type").asText());
    assertEquals("sim-00", event.get("subject").asText());
    assertEquals("2031-04-02T00:00:00Z", event.get("time").asText());
    assertEquals("application/json", event.get("datacontenttype").asText());
    JsonNode data = event.get("data");
    assertEquals("WARNING", data.get("level").asText());
    assertEquals("UPDATE", data.get("action").asText());
    assertEquals("sim-00/WATCH/2030-12-01T00:00:00Z", data.get("references").asText());
    assertEquals(290.0, data.get("ttfP50Days").asDouble());
    assertEquals(8.16, data.get("momentMagnitude").asDouble());
    assertEquals("Exercise", data.get("status").asText());
  }

  @Test
  void bothFormatsWriteTheStoredBytes() {
    // No wall clock, no random id, no map order may leak into a replayed alert: the bytes are the
    // stored ones, and a formatter used twice carries nothing over.
    TtfAlert watch = alert(AlertAction.ISSUE, AlertLevel.WATCH, null);
    CapAlertFormatter cap = new CapAlertFormatter(PUBLICATION);
    Golden.assertMatches("alerts/formats/watch-issue.cap.xml", cap.format(watch));
    Golden.assertMatches(
        "alerts/formats/watch-issue.cap.xml",
        cap.format(alert(AlertAction.ISSUE, AlertLevel.WATCH, null)));
    CloudEventFormatter json = new CloudEventFormatter(PUBLICATION);
    Golden.assertMatches(
        "alerts/formats/watch-issue.cloudevent.json",
        new String(json.format(watch), StandardCharsets.UTF_8));
    Golden.assertMatches(
        "alerts/formats/watch-issue.cloudevent.json",
        new String(
            json.format(alert(AlertAction.ISSUE, AlertLevel.WATCH, null)), StandardCharsets.UTF_8));
  }
}
