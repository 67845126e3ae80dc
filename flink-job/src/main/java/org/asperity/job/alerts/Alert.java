package org.asperity.job.alerts;

import java.util.List;
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
 * @param previousLevel the level in force before this change (CLEAR for an ISSUE; the cancelled
 *     level for a CANCEL)
 * @param chain ids of every alert since the ISSUE this one updates or cancels, oldest first (the
 *     last one is the alert it replaces); empty for an ISSUE
 */
public record Alert(
    String alertId,
    String region,
    AlertLevel level,
    AlertLevel previousLevel,
    AlertAction action,
    List<String> chain,
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
    Objects.requireNonNull(previousLevel, "previousLevel");
    Objects.requireNonNull(action, "action");
    chain = List.copyOf(chain);
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(reason, "reason");
  }

  /** The deterministic id: {@code region/LEVEL/issue-tick} (ISO-8601 UTC). */
  public static String id(String region, AlertLevel level, long tickMicros) {
    return region + "/" + level.name() + "/" + Micros.toInstant(tickMicros);
  }

  /** Id of the alert this one updates or cancels, or null for an ISSUE. */
  public String references() {
    return chain.isEmpty() ? null : chain.get(chain.size() - 1);
  }

  public TtfAlert toAvro() {
    return TtfAlert.newBuilder()
        .setAlertId(alertId)
        .setRegion(region)
        .setLevel(level)
        .setAction(action)
        .setReferences(references())
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
        + (chain.isEmpty() ? "" : " (refs " + references() + ")")
        + ": "
        + reason
        + "]";
  }
}
