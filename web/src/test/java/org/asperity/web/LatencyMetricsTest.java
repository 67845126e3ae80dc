package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LatencyMetricsTest {

  @Test
  void summaryQuantilesInSecondsBecomeMilliseconds() {
    List<LatencyMetrics.Family> families =
        LatencyMetrics.from(
            PrometheusText.parse(
                String.join(
                    "\n",
                    "asperity_forecast_latency_seconds{region=\"sim-00\",quantile=\"0.5\"} 0.120",
                    "asperity_forecast_latency_seconds{region=\"sim-00\",quantile=\"0.99\"} 0.450",
                    "asperity_forecast_latency_seconds_count{region=\"sim-00\"} 200",
                    "asperity_forecast_latency_seconds_sum{region=\"sim-00\"} 30",
                    "asperity_forecast_latency_seconds_max{region=\"sim-00\"} 0.9",
                    "asperity_observations_total 12345",
                    "jvm_gc_latency_seconds{quantile=\"0.5\"} 1")));
    assertEquals(1, families.size());
    LatencyMetrics.Family f = families.get(0);
    assertEquals("forecast_latency_seconds", f.name());
    assertEquals("region=sim-00", f.labels());
    assertEquals(120.0, f.quantileMillis().get(0.5), 1e-9);
    assertEquals(450.0, f.quantileMillis().get(0.99), 1e-9);
    assertEquals(900.0, f.maxMillis(), 1e-9);
    assertEquals(150.0, f.meanMillis(), 1e-9);
    assertFalse(f.estimatedFromBuckets());
  }

  @Test
  void histogramQuantilesAreInterpolatedInsideTheirBucket() {
    // 100 observations: 10 below 10 ms, 60 in (10, 50], 25 in (50, 100], 5 above 100 ms.
    List<LatencyMetrics.Family> families =
        LatencyMetrics.from(
            PrometheusText.parse(
                String.join(
                    "\n",
                    "asperity_e2e_latency_ms_bucket{le=\"10\"} 10",
                    "asperity_e2e_latency_ms_bucket{le=\"50\"} 70",
                    "asperity_e2e_latency_ms_bucket{le=\"100\"} 95",
                    "asperity_e2e_latency_ms_bucket{le=\"+Inf\"} 100",
                    "asperity_e2e_latency_ms_count 100")));
    LatencyMetrics.Family f = families.get(0);
    assertTrue(f.estimatedFromBuckets());
    assertEquals(10 + 40 * (50.0 - 10) / 60, f.quantileMillis().get(0.5), 1e-9);
    assertEquals(100.0, f.quantileMillis().get(0.95), 1e-9);
    assertEquals(
        100.0, f.quantileMillis().get(0.99), 1e-9, "in the +Inf bucket: the last finite bound");
  }

  @Test
  void unitsFromTheName() {
    assertEquals(1000.0, LatencyMetrics.millisPerUnit("asperity_latency_seconds"));
    assertEquals(1000.0, LatencyMetrics.millisPerUnit("asperity_latency"));
    assertEquals(1.0, LatencyMetrics.millisPerUnit("asperity_latency_milliseconds"));
    assertEquals(1e-3, LatencyMetrics.millisPerUnit("asperity_latency_microseconds"));
  }

  @Test
  void emptyOrZeroHistogramsHaveNoQuantile() {
    assertTrue(Double.isNaN(LatencyMetrics.bucketQuantile(0.5, new TreeMap<>())));
    TreeMap<Double, Double> zero = new TreeMap<>();
    zero.put(1.0, 0.0);
    zero.put(Double.POSITIVE_INFINITY, 0.0);
    assertTrue(Double.isNaN(LatencyMetrics.bucketQuantile(0.5, zero)));
  }

  @Test
  void atMostAFewFamilies() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3 * LatencyMetrics.MAX_FAMILIES; i++) {
      text.append("asperity_latency_seconds{operator=\"op")
          .append(i)
          .append("\",quantile=\"0.5\"} 0.1\n");
    }
    assertEquals(
        LatencyMetrics.MAX_FAMILIES,
        LatencyMetrics.from(PrometheusText.parse(text.toString())).size());
  }
}
