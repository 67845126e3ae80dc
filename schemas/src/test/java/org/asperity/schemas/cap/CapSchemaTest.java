package org.asperity.schemas.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapSchemaTest {
  private static final String VALID =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
        <identifier>nankai/WATCH/2031-05-04</identifier>
        <sender>asperity@example.org</sender>
        <sent>2031-05-04T00:00:00+00:00</sent>
        <status>Actual</status>
        <msgType>Alert</msgType>
        <scope>Public</scope>
        <info>
          <category>Geo</category>
          <event>Megathrust earthquake forecast</event>
          <responseType>Monitor</responseType>
          <urgency>Future</urgency>
          <severity>Extreme</severity>
          <certainty>Possible</certainty>
          <area>
            <areaDesc>Nankai</areaDesc>
            <polygon>33.0,135.0 34.0,135.0 34.0,136.0 33.0,135.0</polygon>
            <circle>33.5,135.5 50.0</circle>
          </area>
        </info>
      </alert>
      """;

  @Test
  void aWellFormedCap12MessagePasses() {
    assertEquals(Optional.empty(), CapSchema.violation(VALID));
  }

  @Test
  void anUnknownStatusIsNamedWithItsPlace() {
    String bogus = VALID.replace("<status>Actual</status>", "<status>BOGUS</status>");
    String why = CapSchema.violation(bogus).orElseThrow();
    assertTrue(why.startsWith("line 6,"), why);
    assertTrue(why.contains("BOGUS"), why);
  }

  @Test
  void elementsOutOfTheSchemasOrderFail() {
    String swapped =
        VALID.replace(
            "<status>Actual</status>\n  <msgType>Alert</msgType>",
            "<msgType>Alert</msgType>\n  <status>Actual</status>");
    assertTrue(CapSchema.violation(swapped).isPresent());
  }

  @Test
  void aTimeWithoutItsOffsetFails() {
    // CAP 1.2 requires the numeric offset: "Z" is not allowed.
    String zulu = VALID.replace("2031-05-04T00:00:00+00:00", "2031-05-04T00:00:00Z");
    assertTrue(CapSchema.violation(zulu).isPresent());
  }

  @Test
  void anotherNamespaceOrNoDocumentFails() {
    assertTrue(CapSchema.violation(VALID.replace("cap:1.2", "cap:1.1")).isPresent());
    assertTrue(CapSchema.violation("").isPresent());
    assertTrue(CapSchema.violation("<alert").isPresent());
    assertThrows(IllegalArgumentException.class, () -> CapSchema.validate("<x/>"));
  }

  @Test
  void anExternalEntityIsNeverFetched() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + VALID.substring(VALID.indexOf("<alert")).replace("Nankai", "&x;");
    assertTrue(CapSchema.violation(xxe).isPresent());
  }
}
