package org.asperity.job.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.asperity.job.testing.JobSerializerTestBase;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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
            AlertLevel.CLEAR,
            AlertAction.ISSUE,
            List.of(),
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
            AlertLevel.WARNING,
            AlertAction.CANCEL,
            List.of("id-0", "id-1"),
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
      warning.chain.add("net-a/WATCH/2030-03-10T17:46:40Z");
      warning.chain.add("net-a/WARNING/2030-03-17T17:46:40Z");
      warning.enterStreak = 2;
      warning.enterLevel = AlertLevel.WATCH;
      warning.leaveStreak = 4;
      return new AlertState[] {new AlertState(), warning};
    }
  }

  @Test
  void stateOfFormatVersionOneIsReadAsAChainOfOne() throws IOException {
    // Written by the previous form: version, level, has-id, id, streaks.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeUTF("WARNING");
      out.writeBoolean(true);
      out.writeUTF("net-a/WARNING/2030-03-17T17:46:40Z");
      out.writeInt(2);
      out.writeUTF("WATCH");
      out.writeInt(4);
    }
    AlertState state =
        new AlertStateSerializer().deserialize(new DataInputDeserializer(bytes.toByteArray()));
    assertEquals(AlertLevel.WARNING, state.level());
    assertEquals(List.of("net-a/WARNING/2030-03-17T17:46:40Z"), state.chain());
    assertEquals(2, state.enterStreak);
    assertEquals(AlertLevel.WATCH, state.enterLevel);
    assertEquals(4, state.leaveStreak);
  }
}
