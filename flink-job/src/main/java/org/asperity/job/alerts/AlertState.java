package org.asperity.job.alerts;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.asperity.schemas.AlertLevel;

/**
 * Per-region state of the alert policy: the level in force, the ids of the alerts since the ISSUE
 * that began it (so an UPDATE or CANCEL can reference the whole chain), and the two streaks of the
 * hysteresis. Mutable.
 *
 * <p>Every value starts with its format version, so the serializer reads older state as it is:
 * version 1 kept only the id of the alert in force, which becomes a chain of one.
 */
public final class AlertState {
  static final byte FORMAT_VERSION = 2;
  static final byte FORMAT_VERSION_ALERT_ID_ONLY = 1;

  AlertLevel level = AlertLevel.CLEAR;

  /**
   * Ids of the alerts since the ISSUE, oldest first, the last being the one in force; empty when
   * CLEAR.
   */
  final List<String> chain = new ArrayList<>();

  /** Consecutive forecasts qualifying above the current level. */
  int enterStreak;

  /** The lowest level those forecasts all qualify for. */
  AlertLevel enterLevel = AlertLevel.CLEAR;

  /** Consecutive forecasts not sustaining the current level. */
  int leaveStreak;

  public AlertLevel level() {
    return level;
  }

  /** Id of the alert in force (the last ISSUE or UPDATE), or null when CLEAR. */
  public String alertId() {
    return chain.isEmpty() ? null : chain.get(chain.size() - 1);
  }

  /** Ids of the alerts since the ISSUE, oldest first; empty when CLEAR. */
  public List<String> chain() {
    return List.copyOf(chain);
  }

  void writeTo(DataOutput out) throws IOException {
    out.writeByte(FORMAT_VERSION);
    out.writeUTF(level.name());
    out.writeInt(chain.size());
    for (String id : chain) {
      out.writeUTF(id);
    }
    out.writeInt(enterStreak);
    out.writeUTF(enterLevel.name());
    out.writeInt(leaveStreak);
  }

  static AlertState readFrom(DataInput in) throws IOException {
    byte version = in.readByte();
    AlertState s = new AlertState();
    s.level = AlertLevel.valueOf(in.readUTF());
    switch (version) {
      case FORMAT_VERSION_ALERT_ID_ONLY -> {
        if (in.readBoolean()) {
          s.chain.add(in.readUTF());
        }
      }
      case FORMAT_VERSION -> {
        int length = in.readInt();
        if (length < 0) {
          throw new IOException("negative alert chain length " + length);
        }
        for (int i = 0; i < length; i++) {
          s.chain.add(in.readUTF());
        }
      }
      default -> throw new IOException("unsupported alert state format version " + version);
    }
    s.enterStreak = in.readInt();
    s.enterLevel = AlertLevel.valueOf(in.readUTF());
    s.leaveStreak = in.readInt();
    return s;
  }
}
