package org.asperity.job.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.asperity.job.scoring.Forecast;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.junit.jupiter.api.Test;

class AlertStateMachineTest {
  private static final long DAY = 86_400_000_000L;
  private static final long T0 = 18_262L * DAY;

  /** WATCH: p50 <= 1000 d; WARNING: p50 <= 300 d; Mw >= 7; 2 in, 3 out, 20 % margin. */
  private static final AlertPolicy POLICY = new AlertPolicy(1000, 300, 7.0, 2, 3, 0.2);

  private static Forecast forecast(int day, double p10, double p50, double mw) {
    return forecast(day, p10, p50, mw, null);
  }

  private static Forecast forecast(int day, double p10, double p50, double mw, String caveat) {
    return new Forecast(
        "sim-00",
        T0 + day * DAY,
        p10,
        p50,
        p50 * 3,
        mw,
        7.0,
        "v1",
        "h",
        10,
        10,
        List.of(),
        0L,
        caveat);
  }

  /** Alerts of a sequence of (p10, p50) forecasts with Mw 8. */
  private static List<Alert> run(AlertState state, double[][] p10p50) {
    AlertStateMachine machine = new AlertStateMachine(POLICY);
    List<Alert> alerts = new ArrayList<>();
    for (int day = 0; day < p10p50.length; day++) {
      Alert a = machine.next(state, forecast(day, p10p50[day][0], p10p50[day][1], 8.0));
      if (a != null) {
        alerts.add(a);
      }
    }
    return alerts;
  }

  @Test
  void levels() {
    AlertStateMachine machine = new AlertStateMachine(POLICY);
    assertEquals(AlertLevel.WARNING, machine.qualifyingLevel(forecast(0, 100, 300, 7.5)));
    assertEquals(AlertLevel.WATCH, machine.qualifyingLevel(forecast(0, 100, 301, 7.5)));
    assertEquals(AlertLevel.WATCH, machine.qualifyingLevel(forecast(0, 900, 1000, 7.5)));
    assertEquals(
        AlertLevel.CLEAR,
        machine.qualifyingLevel(forecast(0, 10, 1001, 7.5)),
        "the median decides, not p10");
    assertEquals(
        AlertLevel.CLEAR, machine.qualifyingLevel(forecast(0, 10, 20, 6.9)), "too small to alert");
    assertEquals(AlertLevel.CLEAR, machine.qualifyingLevel(forecast(0, 10, 20, Double.NaN)));
  }

  @Test
  void aSingleQualifyingForecastDoesNotRaiseTheLevel() {
    assertEquals(
        List.of(),
        run(new AlertState(), new double[][] {{500, 800}, {2000, 4000}, {500, 800}, {2000, 4000}}));
  }

  @Test
  void issueUpdateAndCancelWithDeterministicIdsAndReferences() {
    AlertState state = new AlertState();
    List<Alert> alerts =
        run(
            state,
            new double[][] {
              {500, 800},
              {500, 800}, // day 1: WATCH issued
              {100, 200},
              {100, 200}, // day 3: WARNING (update)
              {100, 350},
              {100, 350},
              {100, 350}, // within the 20 % margin of 300 d: stays WARNING
              {500, 400},
              {500, 400},
              {500, 400}, // day 9: three beyond the margin, back to WATCH (update)
              {5000, 9000},
              {5000, 9000},
              {5000, 9000}
            }); // day 12: cancelled (p50 beyond 1200 d)
    assertEquals(4, alerts.size());
    Alert watch = alerts.get(0);
    assertEquals(AlertAction.ISSUE, watch.action());
    assertEquals("sim-00/WATCH/2020-01-02T00:00:00Z", watch.alertId());
    assertNull(watch.references());
    assertEquals(List.of(), watch.chain());
    assertEquals(AlertLevel.CLEAR, watch.previousLevel());
    Alert warning = alerts.get(1);
    assertEquals(AlertAction.UPDATE, warning.action());
    assertEquals(AlertLevel.WARNING, warning.level());
    assertEquals("sim-00/WARNING/2020-01-04T00:00:00Z", warning.alertId());
    assertEquals(watch.alertId(), warning.references());
    Alert down = alerts.get(2);
    assertEquals(AlertAction.UPDATE, down.action());
    assertEquals(AlertLevel.WATCH, down.level());
    assertEquals("sim-00/WATCH/2020-01-10T00:00:00Z", down.alertId());
    assertEquals(warning.alertId(), down.references());
    assertEquals(List.of(watch.alertId(), warning.alertId()), down.chain());
    assertEquals(AlertLevel.WARNING, down.previousLevel());
    Alert cancel = alerts.get(3);
    assertEquals(AlertAction.CANCEL, cancel.action());
    assertEquals(AlertLevel.CLEAR, cancel.level());
    assertEquals(down.alertId(), cancel.references());
    // A Cancel closes the whole chain since the ISSUE, and names the level it ends.
    assertEquals(List.of(watch.alertId(), warning.alertId(), down.alertId()), cancel.chain());
    assertEquals(AlertLevel.WATCH, cancel.previousLevel());
    assertEquals(List.of(), state.chain());
    assertEquals(AlertLevel.CLEAR, state.level());
    assertNull(state.alertId());
  }

  @Test
  void aNoisyForecastAroundTheThresholdDoesNotFlap() {
    double[][] noisy = new double[42][];
    for (int i = 0; i < noisy.length; i++) {
      // Two forecasts below 300 d raise WARNING; then they alternate around it, within the margin.
      noisy[i] = new double[] {500, i < 2 || i % 2 == 0 ? 290 : 340};
    }
    List<Alert> alerts = run(new AlertState(), noisy);
    assertEquals(1, alerts.size());
    assertEquals(AlertAction.ISSUE, alerts.get(0).action());
    assertEquals(AlertLevel.WARNING, alerts.get(0).level());
  }

  @Test
  void alternatingQualificationNeverRaisesTheLevel() {
    double[][] alternating = new double[40][];
    for (int i = 0; i < alternating.length; i++) {
      alternating[i] = i % 2 == 0 ? new double[] {500, 290} : new double[] {2000, 4000};
    }
    assertEquals(List.of(), run(new AlertState(), alternating));
  }

  @Test
  void forecastsWithACaveatAreIgnored() {
    AlertStateMachine machine = new AlertStateMachine(POLICY);
    AlertState state = new AlertState();
    // Warming up: qualifying forecasts do not raise the level...
    for (int day = 0; day < 10; day++) {
      assertNull(machine.next(state, forecast(day, 10, 20, 8.0, "warming up")));
    }
    assertEquals(AlertLevel.CLEAR, state.level());
    // ...and, once raised, the first days after an earthquake (TTF jumps) do not cancel it or break
    // a streak.
    assertEquals(
        AlertLevel.WARNING, run(state, new double[][] {{10, 20}, {10, 20}}).get(0).level());
    for (int day = 20; day < 40; day++) {
      assertNull(
          machine.next(
              state, forecast(day, 5000, 9000, 8.0, "3 days after a detected earthquake")));
    }
    assertEquals(AlertLevel.WARNING, state.level());
  }

  @Test
  void riseGoesToTheLowestLevelTheStreakSupports() {
    List<Alert> alerts = run(new AlertState(), new double[][] {{100, 200}, {500, 800}});
    assertEquals(1, alerts.size());
    assertEquals(AlertLevel.WATCH, alerts.get(0).level());
  }
}
