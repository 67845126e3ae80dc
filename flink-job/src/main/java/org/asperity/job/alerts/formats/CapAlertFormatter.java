package org.asperity.job.alerts.formats;

import java.io.Serializable;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.StringJoiner;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.asperity.job.alerts.Alert;
import org.asperity.job.types.Micros;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.cap.CapSchema;
import org.asperity.time.TimeUnits;

/**
 * An alert as an OASIS Common Alerting Protocol 1.2 document (OASIS Standard, 1 July 2010), so any
 * CAP-aware system on the observatory's bus can relay it. Elements appear in the order the CAP 1.2
 * schema's sequences require (the tests validate every document against the OASIS schema).
 * Everything is derived from the alert itself (no wall clock), so a replay or a restart produces
 * byte-identical documents:
 *
 * <ul>
 *   <li>{@code identifier} = the deterministic alert id; {@code sent} = the issue tick;
 *   <li>{@code msgType}: ISSUE → Alert, UPDATE → Update, CANCEL → Cancel; an Update or Cancel has
 *       {@code references} to every message since the ISSUE, oldest first, each as {@code
 *       sender,identifier,sent}, separated by spaces (section 3.2.1);
 *   <li>{@code info}: category Geo; {@code responseType} Monitor for WATCH, Prepare for WARNING,
 *       AllClear on a Cancel; urgency/severity/certainty from the level and magnitude (below);
 *       {@code expires} (below); a description saying in plain words that this is a forecast of
 *       time to failure with its uncertainty, not an early warning of shaking; the TTF quantiles,
 *       magnitude, level and model version as {@code parameter}s; the region as {@code area}, with
 *       a {@code polygon} and a {@code circle} when its stations' positions are known ({@link
 *       CapArea}).
 * </ul>
 *
 * Mapping (documented for receivers): WARNING → urgency Expected, certainty Likely; WATCH → Future,
 * Possible; CLEAR/cancel → Past, Unlikely. Severity: Mw ≥ 8 Extreme, ≥ 7 Severe, else Moderate.
 *
 * <p>Expiry: {@code expires} = the issue tick plus the forecast's 90th percentile of the time to
 * failure, the end of its 10–90 % interval: past it, the forecast this message states no longer
 * holds, whatever happened since. Bounded to between {@value #MIN_EXPIRY_DAYS} day and {@value
 * #MAX_EXPIRY_YEARS} years (CAP times have four-digit years). A newer message for the region
 * supersedes it sooner.
 */
public final class CapAlertFormatter implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String CONTENT_TYPE = "application/cap+xml; charset=UTF-8";
  public static final String NAMESPACE = CapSchema.NAMESPACE;

  static final int MIN_EXPIRY_DAYS = 1;
  static final int MAX_EXPIRY_YEARS = 100;

  /** What every message says the forecast is, and is not. */
  static final String NATURE =
      "This is a forecast of the time remaining until the next large earthquake on this"
          + " megathrust fault, computed from years of slow ground deformation measured by GNSS"
          + " stations, with its uncertainty (10th to 90th percentile). It is not an early warning"
          + " of shaking: no earthquake has been detected, and it does not say that shaking is"
          + " imminent.";

  /**
   * CAP 1.2 dateTime: no fractional seconds, numeric zone, UTC written as -00:00 (section 3.3.2).
   */
  private static final DateTimeFormatter CAP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  private final AlertPublication publication;

  public CapAlertFormatter(AlertPublication publication) {
    this.publication = publication;
  }

  /** CAP's dateTime for an instant: {@code 2031-04-02T00:00:00-00:00}. */
  public static String capTime(Instant instant) {
    return CAP_TIME.format(instant) + "-00:00";
  }

  /** When a message about {@code alert} stops holding (see the class comment). */
  static Instant expires(Alert alert) {
    double days = alert.ttfP90Days();
    double maxDays = MAX_EXPIRY_YEARS * TimeUnits.DAYS_PER_YEAR;
    double bounded =
        Double.isNaN(days) ? maxDays : Math.max(MIN_EXPIRY_DAYS, Math.min(maxDays, days));
    return Micros.toInstant(alert.issuedAtMicros())
        .plusSeconds(Math.round(bounded * TimeUnits.SECONDS_PER_DAY));
  }

  public String format(Alert alert) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("alert");
      w.writeDefaultNamespace(NAMESPACE);
      element(w, "identifier", alert.alertId());
      element(w, "sender", publication.sender());
      element(w, "sent", capTime(Micros.toInstant(alert.issuedAtMicros())));
      element(w, "status", publication.status().name());
      element(w, "msgType", msgType(alert.action()));
      element(w, "scope", "Public");
      if (!alert.chain().isEmpty()) {
        element(w, "references", references(alert));
      }
      info(w, alert);
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write CAP for " + alert.alertId(), e);
    }
    return out.toString();
  }

  /**
   * {@code sender,identifier,sent} of every message since the ISSUE: all were sent by this sender,
   * and each id ends with its own issue tick.
   */
  private String references(Alert alert) {
    StringJoiner refs = new StringJoiner(" ");
    for (String id : alert.chain()) {
      refs.add(publication.sender() + "," + id + "," + capTime(sentOf(id, alert)));
    }
    return refs.toString();
  }

  private void info(XMLStreamWriter w, Alert a) throws XMLStreamException {
    boolean cancel = a.action() == AlertAction.CANCEL;
    AlertLevel level = cancel ? AlertLevel.CLEAR : a.level();
    Instant issued = Micros.toInstant(a.issuedAtMicros());
    w.writeStartElement("info");
    element(w, "language", "en-US");
    element(w, "category", "Geo");
    element(w, "event", "Megathrust earthquake time-to-failure forecast");
    element(
        w,
        "responseType",
        switch (level) {
          case WARNING -> "Prepare";
          case WATCH -> "Monitor";
          default -> cancel ? "AllClear" : "None";
        });
    element(
        w,
        "urgency",
        switch (level) {
          case WARNING -> "Expected";
          case WATCH -> "Future";
          case CLEAR -> "Past";
          default -> "Unknown";
        });
    element(
        w,
        "severity",
        a.momentMagnitude() >= 8 ? "Extreme" : a.momentMagnitude() >= 7 ? "Severe" : "Moderate");
    element(
        w,
        "certainty",
        switch (level) {
          case WARNING -> "Likely";
          case WATCH -> "Possible";
          case CLEAR -> "Unlikely";
          default -> "Unknown";
        });
    element(w, "effective", capTime(issued));
    element(w, "expires", capTime(expires(a)));
    element(w, "senderName", "Asperity");
    element(w, "headline", headline(a, level));
    element(
        w,
        "description",
        String.format(
            Locale.ROOT,
            "%s Region %s, forecast of %s: time to failure %s (median), between %s (10th"
                + " percentile) and %s (90th percentile); forecast moment magnitude %.1f. %s"
                + " (model %s)",
            NATURE,
            a.region(),
            capTime(issued),
            humanDays(a.ttfP50Days()),
            humanDays(a.ttfP10Days()),
            humanDays(a.ttfP90Days()),
            a.momentMagnitude(),
            a.reason(),
            a.modelVersion()));
    parameter(w, "ALERT_LEVEL", level.name());
    parameter(w, "TTF_P10_DAYS", number(a.ttfP10Days()));
    parameter(w, "TTF_P50_DAYS", number(a.ttfP50Days()));
    parameter(w, "TTF_P90_DAYS", number(a.ttfP90Days()));
    parameter(w, "MOMENT_MAGNITUDE", String.format(Locale.ROOT, "%.2f", a.momentMagnitude()));
    parameter(w, "MODEL_VERSION", a.modelVersion());
    w.writeStartElement("area");
    element(w, "areaDesc", "Megathrust region " + a.region());
    CapArea area = publication.areas().get(a.region());
    if (area != null) {
      if (area.capPolygon() != null) {
        element(w, "polygon", area.capPolygon());
      }
      element(w, "circle", area.capCircle());
    }
    w.writeEndElement();
    w.writeEndElement();
  }

  private static String headline(Alert a, AlertLevel level) {
    // CAP 1.2 suggests headlines under 160 characters. A Cancel names the level it ends.
    return switch (a.action()) {
      case CANCEL ->
          String.format(
              Locale.ROOT,
              "Megathrust earthquake %s cancelled for %s: median time to failure now %s",
              a.previousLevel().name().toLowerCase(Locale.ROOT),
              a.region(),
              humanDays(a.ttfP50Days()));
      default ->
          String.format(
              Locale.ROOT,
              "Megathrust earthquake %s for %s (forecast, not shaking): Mw %.1f, median time to"
                  + " failure %s",
              level.name().toLowerCase(Locale.ROOT),
              a.region(),
              a.momentMagnitude(),
              humanDays(a.ttfP50Days()));
    };
  }

  static String humanDays(double days) {
    return days >= 730
        ? String.format(Locale.ROOT, "%.1f years", days / TimeUnits.DAYS_PER_YEAR)
        : String.format(Locale.ROOT, "%.0f days", days);
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String msgType(AlertAction action) {
    return switch (action) {
      case UPDATE -> "Update";
      case CANCEL -> "Cancel";
      default -> "Alert";
    };
  }

  /**
   * The issue instant encoded in an alert id {@code region/LEVEL/2031-04-02T00:00:00Z}, else this
   * alert's.
   */
  private static Instant sentOf(String id, Alert alert) {
    int slash = id.lastIndexOf('/');
    if (slash >= 0) {
      try {
        return Instant.parse(id.substring(slash + 1));
      } catch (RuntimeException notAnInstant) {
        // fall through
      }
    }
    return Micros.toInstant(alert.issuedAtMicros());
  }

  private static void parameter(XMLStreamWriter w, String name, String value)
      throws XMLStreamException {
    w.writeStartElement("parameter");
    element(w, "valueName", name);
    element(w, "value", value);
    w.writeEndElement();
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }
}
