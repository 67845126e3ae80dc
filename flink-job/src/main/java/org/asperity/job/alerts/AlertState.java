package org.asperity.job.alerts;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.asperity.schemas.AlertLevel;

/**
 * Per-region state of the alert policy: the level in force and the id of the alert that set it, and
 * the two streaks of the hysteresis. Mutable.
 */
public final class AlertState {
  static final byte FORMAT_VERSION = 1;

  AlertLevel level = AlertLevel.CLEAR;

  /** Id of the alert in force (the last ISSUE or UPDATE), or null when CLEAR. */
  String alertId;

  /** Consecutive forecasts qualifying above the current level. */
  int enterStreak;

  /** The lowest level those forecasts all qualify for. */
  AlertLevel enterLevel = AlertLevel.CLEAR;

  /** Consecutive forecasts not sustaining the current level. */
  int leaveStreak;

  public AlertLevel level() {
    return level;
  }

  public String alertId() {
    return alertId;
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT_VERSION);
    out.writeUTF(level.name());
    out.writeBoolean(alertId != null);
    if (alertId != null) {
      out.writeUTF(alertId);
    }
    out.writeInt(enterStreak);
    out.writeUTF(enterLevel.name());
    out.writeInt(leaveStreak);
  }

  static AlertState readFrom(DataInput in) throws IOException {
    byte version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new IOException("unsupported alert state format version " + version);
    }
    AlertState s = new AlertState();
    s.level = AlertLevel.valueOf(in.readUTF());
    s.alertId = in.readBoolean() ? in.readUTF() : null;
    s.enterStreak = in.readInt();
    s.enterLevel = AlertLevel.valueOf(in.readUTF());
    s.leaveStreak = in.readInt();
    return s;
  }
}
