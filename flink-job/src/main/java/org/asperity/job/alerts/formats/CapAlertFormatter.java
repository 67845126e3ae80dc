package org.asperity.job.alerts.formats;

import java.io.Serializable;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.TtfAlert;
import org.asperity.time.TimeUnits;

/**
 * An alert as an OASIS Common Alerting Protocol 1.2 document (OASIS Standard, 1 July 2010), so any
 * CAP-aware system on the observatory's bus can relay it. Elements appear in the order the CAP 1.2
 * schema's sequences require. Everything is derived from the alert itself (no wall clock), so a
 * replay or a restart produces byte-identical documents:
 *
 * <ul>
 *   <li>{@code identifier} = the deterministic alert id; {@code sent} = the issue tick;
 *   <li>{@code msgType}: ISSUE → Alert, UPDATE → Update, CANCEL → Cancel, with {@code references}
 *       ({@code sender,identifier,sent}) to the alert it updates or cancels;
 *   <li>{@code info}: category Geo; urgency/severity/certainty from the level and magnitude
 *       (below); the TTF quantiles, magnitude, level and model version as {@code parameter}s; the
 *       region as {@code area}.
 * </ul>
 *
 * Mapping (documented for receivers): WARNING → urgency Expected, certainty Likely; WATCH → Future,
 * Possible; CLEAR/cancel → Past, Unlikely. Severity: Mw ≥ 8 Extreme, ≥ 7 Severe, else Moderate.
 */
public final class CapAlertFormatter implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String CONTENT_TYPE = "application/cap+xml; charset=UTF-8";
  public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

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

  public String format(TtfAlert alert) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("alert");
      w.writeDefaultNamespace(NAMESPACE);
      element(w, "identifier", alert.getAlertId());
      element(w, "sender", publication.sender());
      element(w, "sent", capTime(alert.getIssuedAt()));
      element(w, "status", publication.status().name());
      element(w, "msgType", msgType(alert.getAction()));
      element(w, "scope", "Public");
      if (alert.getReferences() != null) {
        // The referenced alert was issued by the same sender; its id ends with its own issue tick.
        element(
            w,
            "references",
            publication.sender()
                + ","
                + alert.getReferences()
                + ","
                + capTime(referencedSent(alert)));
      }
      info(w, alert);
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write CAP for " + alert.getAlertId(), e);
    }
    return out.toString();
  }

  private void info(XMLStreamWriter w, TtfAlert a) throws XMLStreamException {
    AlertLevel level = a.getAction() == AlertAction.CANCEL ? AlertLevel.CLEAR : a.getLevel();
    w.writeStartElement("info");
    element(w, "language", "en-US");
    element(w, "category", "Geo");
    element(w, "event", "Megathrust earthquake time-to-failure forecast");
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
        a.getMomentMagnitude() >= 8
            ? "Extreme"
            : a.getMomentMagnitude() >= 7 ? "Severe" : "Moderate");
    element(
        w,
        "certainty",
        switch (level) {
          case WARNING -> "Likely";
          case WATCH -> "Possible";
          case CLEAR -> "Unlikely";
          default -> "Unknown";
        });
    element(w, "effective", capTime(a.getIssuedAt()));
    element(w, "senderName", "Asperity");
    element(w, "headline", headline(a, level));
    element(
        w,
        "description",
        String.format(
            Locale.ROOT,
            "Time to failure of the next megathrust earthquake in region %s: 10th/50th/90th percentiles %.0f / %.0f / %.0f"
                + " days after %s; forecast moment magnitude %.1f. %s (model %s)",
            a.getRegion(),
            a.getTtfP10Days(),
            a.getTtfP50Days(),
            a.getTtfP90Days(),
            capTime(a.getIssuedAt()),
            a.getMomentMagnitude(),
            a.getReason(),
            a.getModelVersion()));
    parameter(w, "ALERT_LEVEL", level.name());
    parameter(w, "TTF_P10_DAYS", number(a.getTtfP10Days()));
    parameter(w, "TTF_P50_DAYS", number(a.getTtfP50Days()));
    parameter(w, "TTF_P90_DAYS", number(a.getTtfP90Days()));
    parameter(w, "MOMENT_MAGNITUDE", String.format(Locale.ROOT, "%.2f", a.getMomentMagnitude()));
    parameter(w, "MODEL_VERSION", a.getModelVersion());
    w.writeStartElement("area");
    element(w, "areaDesc", "Megathrust region " + a.getRegion());
    w.writeEndElement();
    w.writeEndElement();
  }

  private static String headline(TtfAlert a, AlertLevel level) {
    // CAP 1.2 suggests headlines under 160 characters.
    return switch (a.getAction()) {
      case CANCEL ->
          "Earthquake "
              + a.getLevel().name().toLowerCase(Locale.ROOT)
              + " cancelled for "
              + a.getRegion();
      default ->
          String.format(
              Locale.ROOT,
              "Megathrust earthquake %s for %s: Mw %.1f, median time to failure %s",
              level.name().toLowerCase(Locale.ROOT),
              a.getRegion(),
              a.getMomentMagnitude(),
              humanDays(a.getTtfP50Days()));
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
  private static Instant referencedSent(TtfAlert alert) {
    String id = alert.getReferences();
    int slash = id.lastIndexOf('/');
    if (slash >= 0) {
      try {
        return Instant.parse(id.substring(slash + 1));
      } catch (RuntimeException notAnInstant) {
        // fall through
      }
    }
    return alert.getIssuedAt();
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
