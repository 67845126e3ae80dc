package org.asperity.job.alerts;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.asperity.job.testing.JobSerializerTestBase;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.junit.jupiter.api.Nested;

/** Alerts and the alert state keep every field through their serializers and snapshots. */
class AlertSerializersTest {

  @Nested
  class Alerts extends JobSerializerTestBase<Alert> {
    @Override
    protected TypeSerializer<Alert> createSerializer() {
      return new AlertSerializer();
    }

    @Override
    protected Class<Alert> getTypeClass() {
      return Alert.class;
    }

    @Override
    protected Alert[] getTestData() {
      long tick = 1_900_000_000_000_000L;
      return new Alert[] {
        new Alert(
            Alert.id("net-a", AlertLevel.WATCH, tick),
            "net-a",
            AlertLevel.WATCH,
            AlertAction.ISSUE,
            null,
            tick,
            100,
            400,
            900,
            7.8,
            "v1",
            "p50 400 d"),
        new Alert(
            "id-2",
            "net-a",
            AlertLevel.CLEAR,
            AlertAction.CANCEL,
            "id-1",
            -1,
            Double.NaN,
            0,
            -0.0,
            0,
            "",
            "")
      };
    }
  }

  @Nested
  class States extends JobSerializerTestBase<AlertState> {
    @Override
    protected TypeSerializer<AlertState> createSerializer() {
      return new AlertStateSerializer();
    }

    @Override
    protected Class<AlertState> getTypeClass() {
      return AlertState.class;
    }

    @Override
    protected AlertState[] getTestData() {
      AlertState warning = new AlertState();
      warning.level = AlertLevel.WARNING;
      warning.alertId = "net-a/WARNING/2030-03-17T17:46:40Z";
      warning.enterStreak = 2;
      warning.enterLevel = AlertLevel.WATCH;
      warning.leaveStreak = 4;
      return new AlertState[] {new AlertState(), warning};
    }
  }
}
