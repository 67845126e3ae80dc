package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void nestedObjectsAndArraysAreValidJson() throws Exception {
    JsonWriter w =
        new JsonWriter()
            .beginObject()
            .member("a", 1)
            .name("b")
            .beginArray()
            .value("x")
            .value(2.5)
            .beginObject()
            .member("c", true)
            .endObject()
            .beginArray()
            .endArray()
            .endArray()
            .member("d", "e")
            .endObject();
    JsonNode node = JSON.readTree(w.toString());
    assertEquals(1, node.get("a").asInt());
    assertEquals(4, node.get("b").size());
    assertEquals(2.5, node.get("b").get(1).asDouble());
    assertTrue(node.get("b").get(2).get("c").asBoolean());
    assertEquals("e", node.get("d").asText());
  }

  @Test
  void stringsAreEscapedAndNeverContainALineBreak() throws Exception {
    String nasty =
        "quote \" backslash \\ newline \n return \r tab \t bell \u0007 separator \u2028 é ✓";
    String json = new JsonWriter().beginObject().member("s", nasty).endObject().toString();
    assertFalse(json.contains("\n") || json.contains("\r") || json.contains("\u2028"), json);
    assertEquals(nasty, JSON.readTree(json).get("s").asText());
  }

  @Test
  void nonFiniteNumbersBecomeNullAndRoundingKeepsTheGivenDecimals() throws Exception {
    String json =
        new JsonWriter()
            .beginArray()
            .value(Double.NaN)
            .value(Double.POSITIVE_INFINITY)
            .value(3.14159, 2)
            .value(-0.0049, 2)
            .value(12.0)
            .value(1e-7)
            .value(Double.NaN, 1)
            .endArray()
            .toString();
    JsonNode node = JSON.readTree(json);
    assertTrue(node.get(0).isNull());
    assertTrue(node.get(1).isNull());
    assertEquals(3.14, node.get(2).asDouble());
    assertEquals("0", node.get(3).toString(), "-0.0049 rounds to plain 0");
    assertEquals("12", node.get(4).toString());
    assertEquals(1e-7, node.get(5).asDouble());
    assertTrue(node.get(6).isNull());
  }

  @Test
  void nullStringIsJsonNull() throws Exception {
    assertTrue(
        JSON.readTree(
                new JsonWriter().beginObject().member("r", (String) null).endObject().toString())
            .get("r")
            .isNull());
  }
}
