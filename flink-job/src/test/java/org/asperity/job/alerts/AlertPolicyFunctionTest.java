package org.asperity.job.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.scoring.Forecast;
import org.junit.jupiter.api.Test;

/** The alert policy's region state and gauges retire after silence, and only then. */
class AlertPolicyFunctionTest {
  private static final long DAY = 86_400_000_000L;
  private static final long T0 = 18_262L * DAY;
  private static final AlertPolicy POLICY = new AlertPolicy(1000, 300, 7.0, 2, 3, 0.2);

  private static KeyedOneInputStreamOperatorTestHarness<String, Forecast, Alert> harness(
      long retirementMicros) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new AlertPolicyFunction(POLICY, retirementMicros, MetricsEndpoint.disabled())),
            Forecast::region,
            Types.STRING);
    h.setup(Alert.TYPE_INFO.createSerializer(null));
    return h;
  }

  private static Forecast forecast(String region, int day, double p50) {
    return new Forecast(
        region,
        T0 + day * DAY,
        p50 / 3,
        p50,
        p50 * 3,
        8.0,
        7.0,
        "v1",
        "h",
        10,
        10,
        List.of(),
        0L,
        null);
  }

  /** A WARNING region with a forecast a day, then another falling silent. */
  private static List<Alert> run(
      KeyedOneInputStreamOperatorTestHarness<String, Forecast, Alert> h, int days)
      throws Exception {
    for (int d = 0; d < days; d++) {
      h.processElement(forecast("reg-live", d, d < days / 2 ? 200 : 2000), T0 + d * DAY);
      if (d < 5) {
        h.processElement(forecast("reg-gone", d, 200), T0 + d * DAY);
      }
      h.processWatermark(T0 + d * DAY);
    }
    List<Alert> out = new ArrayList<>(h.extractOutputValues());
    return out;
  }

  @Test
  void retiringASilentRegionLeavesTheLiveOnesAlertsUnchanged() throws Exception {
    JobMetrics metrics = JobMetrics.peek();
    double retiredBefore = metrics.count("asperity.regions.retired");
    List<Alert> never;
    try (var h = harness(3650 * DAY)) {
      h.open();
      never = run(h, 40);
    }
    try (var h = harness(10 * DAY)) {
      h.open();
      List<Alert> retiring = run(h, 40);
      assertEquals(
          never.stream().filter(a -> a.region().equals("reg-live")).toList(),
          retiring.stream().filter(a -> a.region().equals("reg-live")).toList());
      assertTrue(retiring.stream().anyMatch(a -> a.region().equals("reg-live")));
      assertEquals(1, metrics.count("asperity.regions.retired") - retiredBefore);
      assertFalse(metrics.hasGauge("asperity.alert.level", "region", "reg-gone"));
      assertTrue(metrics.hasGauge("asperity.alert.level", "region", "reg-live"));
      // Back after retirement: it starts afresh, as a new region.
      h.processElement(forecast("reg-gone", 41, 200), T0 + 41 * DAY);
      assertTrue(metrics.hasGauge("asperity.alert.level", "region", "reg-gone"));
    }
  }
}
