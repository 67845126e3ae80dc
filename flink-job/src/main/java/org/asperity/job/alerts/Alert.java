package org.asperity.job.alerts;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.job.types.Micros;
import org.asperity.job.types.SerializerTypeInfo;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.TtfAlert;

/**
 * An alert-level change of one region, as written to the alerts topic.
 *
 * @param references id of the alert this one updates or cancels, or null for an ISSUE
 */
public record Alert(
    String alertId,
    String region,
    AlertLevel level,
    AlertAction action,
    String references,
    long issuedAtMicros,
    double ttfP10Days,
    double ttfP50Days,
    double ttfP90Days,
    double momentMagnitude,
    String modelVersion,
    String reason) {

  /** With its own serializer: no Kryo. */
  public static final TypeInformation<Alert> TYPE_INFO =
      SerializerTypeInfo.of(Alert.class, AlertSerializer::new);

  public Alert {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(reason, "reason");
  }

  /** The deterministic id: {@code region/LEVEL/issue-tick} (ISO-8601 UTC). */
  public static String id(String region, AlertLevel level, long tickMicros) {
    return region + "/" + level.name() + "/" + Micros.toInstant(tickMicros);
  }

  public TtfAlert toAvro() {
    return TtfAlert.newBuilder()
        .setAlertId(alertId)
        .setRegion(region)
        .setLevel(level)
        .setAction(action)
        .setReferences(references)
        .setIssuedAt(Micros.toInstant(issuedAtMicros))
        .setTtfP10Days(ttfP10Days)
        .setTtfP50Days(ttfP50Days)
        .setTtfP90Days(ttfP90Days)
        .setMomentMagnitude(momentMagnitude)
        .setModelVersion(modelVersion)
        .setReason(reason)
        .build();
  }

  @Override
  public String toString() {
    return "Alert["
        + action
        + " "
        + alertId
        + (references == null ? "" : " (refs " + references + ")")
        + ": "
        + reason
        + "]";
  }
}
