package org.asperity.app.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlNamesTest {

  @Test
  void metricNamesAreFoundAndEverythingElseIsNot() {
    assertEquals(
        Set.of("asperity_scoring_latency_seconds_bucket"),
        PromQlNames.of(
            "histogram_quantile(0.99, sum by (le) (rate(asperity_scoring_latency_seconds_bucket{job=\"x\"}[$__rate_interval])))"));
    assertEquals(
        Set.of("asperity_forecast_ttf_seconds"),
        PromQlNames.of(
            "max by (region, percentile) (asperity_forecast_ttf_seconds{region=~\"$region\", percentile!=\"10\"}) / 86400"));
    assertEquals(
        Set.of("a_total", "b_total"),
        PromQlNames.of(
            "sum(rate(a_total[5m])) / ignoring(reason) group_left sum without (x) (b_total offset 1h) > bool 1e6"));
    assertEquals(
        Set.of("asperity_simulator_simulated_time_seconds"),
        PromQlNames.of("asperity_simulator_simulated_time_seconds * 1000 and on() vector(1)"));
    assertEquals(
        Set.of("asperity_forecast_ttf_seconds"),
        PromQlNames.ofVariableQuery(
            "label_values(asperity_forecast_ttf_seconds{percentile=\"50\"}, region)"));
    assertEquals(Set.of(), PromQlNames.of("vector(0x1F) + 2.5e-3"));
    assertEquals(
        Set.of("asperity_forecast_window_end_seconds"),
        PromQlNames.of(
            "changes(asperity_forecast_window_end_seconds[3d]) == 0\n"
                + "and asperity_forecast_window_end_seconds offset 3d"));
  }
}
