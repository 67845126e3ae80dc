package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/** How the page's JSON writes numbers and strings. */
class PageJsonNumbersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void nonFiniteNumbersBecomeNullAndRoundingKeepsTheGivenDecimals() {
    String json =
        PageJson.write(
            JsonNodeFactory.instance
                .arrayNode()
                .add(PageJson.number(Double.NaN))
                .add(PageJson.number(Double.POSITIVE_INFINITY))
                .add(PageJson.number(3.14159, 2))
                .add(PageJson.number(-0.0049, 2))
                .add(PageJson.number(12.0))
                .add(PageJson.number(1e-7))
                .add(PageJson.number(Double.NaN, 1))
                .add(PageJson.number(2.5e15, 2))
                .add(PageJson.number(1234.5, 0)));
    assertEquals("[null,null,3.14,0,12,1.0E-7,null,2.5E15,1235]", json);
  }

  @Test
  void stringsAreEscapedAndNeverContainALineBreak() throws Exception {
    String nasty =
        "quote \" backslash \\ newline \n return \r tab \t bell \u0007 separators \u2028 \u2029"
            + " é ✓";
    String json = PageJson.write(PageJson.object().put("s", nasty));
    assertFalse(
        json.contains("\n")
            || json.contains("\r")
            || json.contains("\u2028")
            || json.contains("\u2029"),
        json);
    assertEquals(nasty, JSON.readTree(json).get("s").asText());
  }

  @Test
  void nullStringIsJsonNull() {
    assertEquals("{\"r\":null}", PageJson.write(PageJson.object().put("r", (String) null)));
  }
}
