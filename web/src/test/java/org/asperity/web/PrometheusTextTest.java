package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void parsesNamesLabelsValuesAndSkipsCommentsAndGarbage() {
    List<PrometheusText.Sample> samples =
        PrometheusText.parse(
            String.join(
                "\n",
                "# HELP asperity_x A help line",
                "# TYPE asperity_x gauge",
                "asperity_x 3.5",
                "",
                "asperity_y{region=\"sim-00\",quantile=\"0.99\",} 1.25e-2 1712345678000",
                "asperity_z{path=\"a \\\"quoted\\\" \\\\ value\"} +Inf",
                "not a sample line at all {",
                "broken{label=\"unterminated} 1",
                "asperity_nan NaN"));
    assertEquals(4, samples.size());
    assertEquals(new PrometheusText.Sample("asperity_x", Map.of(), 3.5), samples.get(0));
    assertEquals(Map.of("region", "sim-00", "quantile", "0.99"), samples.get(1).labels());
    assertEquals(0.0125, samples.get(1).value());
    assertEquals("a \"quoted\" \\ value", samples.get(2).labels().get("path"));
    assertEquals(Double.POSITIVE_INFINITY, samples.get(2).value());
    assertTrue(Double.isNaN(samples.get(3).value()));
  }

  @Test
  void aLineWithoutValueIsNoSample() {
    assertNull(PrometheusText.parseLine("asperity_x"));
    assertNull(PrometheusText.parseLine("asperity_x{a=\"b\"}"));
    assertNull(PrometheusText.parseLine("asperity_x twelve"));
  }
}
