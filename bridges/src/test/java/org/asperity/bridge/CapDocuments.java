package org.asperity.bridge;

import java.util.List;
import java.util.stream.Collectors;

/** CAP 1.2 documents as the job writes them for one region: an alert, its update, its cancel. */
final class CapDocuments {
  static final String SENDER = "asperity@example.org";

  private CapDocuments() {}

  /** A CAP message; {@code references} are identifiers of earlier messages of the chain. */
  static String message(String identifier, String msgType, String sent, List<String> references) {
    String refs =
        references.stream()
            .map(r -> SENDER + "," + r + "," + sent)
            .collect(Collectors.joining(" "));
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
        + "<identifier>"
        + identifier
        + "</identifier>"
        + "<sender>"
        + SENDER
        + "</sender>"
        + "<sent>"
        + sent
        + "</sent>"
        + "<status>Actual</status>"
        + "<msgType>"
        + msgType
        + "</msgType>"
        + "<scope>Public</scope>"
        + (refs.isEmpty() ? "" : "<references>" + refs + "</references>")
        + "<info>"
        + "<category>Geo</category>"
        + "<event>Megathrust earthquake time-to-failure forecast</event>"
        + "<urgency>Future</urgency>"
        + "<severity>Severe</severity>"
        + "<certainty>Possible</certainty>"
        + "<headline>A forecast of time to failure, not an early warning of shaking</headline>"
        + "<area><areaDesc>nankai</areaDesc></area>"
        + "</info>"
        + "</alert>";
  }

  static String issue(String id) {
    return message(id, "Alert", "2031-04-02T00:00:00-00:00", List.of());
  }

  static String update(String id, String issued) {
    return message(id, "Update", "2031-04-03T00:00:00-00:00", List.of(issued));
  }

  static String cancel(String id, String issued, String updated) {
    return message(id, "Cancel", "2031-04-04T00:00:00-00:00", List.of(issued, updated));
  }
}
