package org.asperity.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.asperity.replay.Replay;
import org.junit.jupiter.api.Test;

class ReplayMetricsTest {

  @Test
  void progressSnapshotsBecomeCountersByReasonAndTheEventTime() {
    ReplayMetrics metrics = new ReplayMetrics();
    metrics.progress(
        new Replay.Progress(10, 1, Instant.parse("2001-01-01T00:00:00Z")),
        Map.of("BAD_NUMBER", 1L));
    metrics.progress(
        new Replay.Progress(25, 3, Instant.parse("2001-01-02T12:00:00Z")),
        Map.of("BAD_NUMBER", 2L, "SHORT_LINE", 1L));

    var registry = metrics.registry();
    assertEquals(25, registry.get("asperity.replay.records").functionCounter().count());
    assertEquals(
        2,
        registry
            .get("asperity.replay.rejects")
            .tag("reason", "BAD_NUMBER")
            .functionCounter()
            .count());
    assertEquals(
        1,
        registry
            .get("asperity.replay.rejects")
            .tag("reason", "SHORT_LINE")
            .functionCounter()
            .count());
    assertEquals(
        Instant.parse("2001-01-02T12:00:00Z").getEpochSecond(),
        registry.get("asperity.replay.event.time").gauge().value());
    String body = registry.scrape();
    for (String sample :
        new String[] {
          "asperity_replay_records_total 25.0",
          "asperity_replay_rejects_total{reason=\"SHORT_LINE\"} 1.0",
          "asperity_replay_event_time_seconds 9.784368E8"
        }) {
      assertTrue(body.contains(sample), sample + " in\n" + body);
    }
  }
}
