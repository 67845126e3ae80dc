package org.asperity.job.alerts;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.asperity.job.scoring.Forecast;
import org.asperity.job.types.SerializerTypeInfo;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.TtfAlert;

/** An alert-level change of one region, as written to the alerts topic. Immutable. */
public final class Alert {
  /** With its own serializer: no Kryo. */
  public static final TypeInformation<Alert> TYPE_INFO =
      SerializerTypeInfo.of(Alert.class, AlertSerializer::new);

  private final String alertId;
  private final String region;
  private final AlertLevel level;
  private final AlertAction action;
  private final String references;
  private final long issuedAtMicros;
  private final double ttfP10Days;
  private final double ttfP50Days;
  private final double ttfP90Days;
  private final double momentMagnitude;
  private final String modelVersion;
  private final String reason;

  public Alert(
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
    this.alertId = Objects.requireNonNull(alertId, "alertId");
    this.region = Objects.requireNonNull(region, "region");
    this.level = Objects.requireNonNull(level, "level");
    this.action = Objects.requireNonNull(action, "action");
    this.references = references;
    this.issuedAtMicros = issuedAtMicros;
    this.ttfP10Days = ttfP10Days;
    this.ttfP50Days = ttfP50Days;
    this.ttfP90Days = ttfP90Days;
    this.momentMagnitude = momentMagnitude;
    this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The deterministic id: {@code region/LEVEL/issue-tick} (ISO-8601 UTC). */
  public static String id(String region, AlertLevel level, long tickMicros) {
    return region + "/" + level.name() + "/" + Forecast.instant(tickMicros);
  }

  public String alertId() {
    return alertId;
  }

  public String region() {
    return region;
  }

  public AlertLevel level() {
    return level;
  }

  public AlertAction action() {
    return action;
  }

  /** Id of the alert this one updates or cancels, or null for an ISSUE. */
  public String references() {
    return references;
  }

  public long issuedAtMicros() {
    return issuedAtMicros;
  }

  public double ttfP10Days() {
    return ttfP10Days;
  }

  public double ttfP50Days() {
    return ttfP50Days;
  }

  public double ttfP90Days() {
    return ttfP90Days;
  }

  public double momentMagnitude() {
    return momentMagnitude;
  }

  public String modelVersion() {
    return modelVersion;
  }

  public String reason() {
    return reason;
  }

  public TtfAlert toAvro() {
    return TtfAlert.newBuilder()
        .setAlertId(alertId)
        .setRegion(region)
        .setLevel(level)
        .setAction(action)
        .setReferences(references)
        .setIssuedAt(Forecast.instant(issuedAtMicros))
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
