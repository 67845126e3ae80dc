package org.asperity.job.alerts.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.asperity.job.alerts.Alert;
import org.asperity.job.types.Micros;

/**
 * An alert as a CloudEvents 1.0 event in structured JSON mode (CloudEvents spec v1.0.2 and its JSON
 * event format), so a dashboard or a bus bridge needs no Avro. Context attributes: {@code id} = the
 * deterministic alert id (a receiver deduplicates on source + id), {@code source} = {@code
 * urn:asperity:<sender>}, {@code type} = {@value #TYPE}, {@code subject} = the region, {@code time}
 * = the issue tick (RFC 3339), {@code datacontenttype} = application/json, {@code dataschema} =
 * {@value #DATA_SCHEMA}; {@code data} holds the alert's fields. Deterministic bytes: fixed field
 * order, no wall clock.
 *
 * <p>The data schema is a JSON Schema in the schemas module ({@value #DATA_SCHEMA_RESOURCE}),
 * served by the web server under {@code /schemas/json/}. Its URI is a name rather than a URL,
 * because where the schema is served depends on each installation; it is the schema's own {@code
 * $id}, so a consumer that fetched the file knows it is the one named. A change of {@code data} a
 * consumer could not read gets a new name.
 */
public final class CloudEventFormatter implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String TYPE = "org.asperity.ttf.alert.v1";

  /** The {@code dataschema} attribute: the {@code $id} of the JSON Schema of {@code data}. */
  public static final String DATA_SCHEMA = "urn:asperity:schemas:json:ttf-alert-data:v1";

  /** Where that JSON Schema lives on the class path (the schemas module). */
  public static final String DATA_SCHEMA_RESOURCE =
      "/org/asperity/schemas/json/ttf-alert-data.schema.json";

  /** Kafka header {@code content-type} for structured-mode CloudEvents (Kafka protocol binding). */
  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertPublication publication;

  public CloudEventFormatter(AlertPublication publication) {
    this.publication = publication;
  }

  public byte[] format(Alert a) {
    String issuedAt = DateTimeFormatter.ISO_INSTANT.format(Micros.toInstant(a.issuedAtMicros()));
    ObjectNode event = JSON.createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", a.alertId());
    event.put("source", "urn:asperity:" + publication.sender());
    event.put("type", TYPE);
    event.put("subject", a.region());
    event.put("time", issuedAt);
    event.put("datacontenttype", "application/json");
    event.put("dataschema", DATA_SCHEMA);
    ObjectNode data = event.putObject("data");
    data.put("alertId", a.alertId());
    data.put("region", a.region());
    data.put("level", a.level().name());
    data.put("previousLevel", a.previousLevel().name());
    data.put("action", a.action().name());
    if (a.references() != null) {
      data.put("references", a.references());
    } else {
      data.putNull("references");
    }
    ArrayNode chain = data.putArray("chain");
    a.chain().forEach(chain::add);
    data.put("issuedAt", issuedAt);
    data.put("ttfP10Days", a.ttfP10Days());
    data.put("ttfP50Days", a.ttfP50Days());
    data.put("ttfP90Days", a.ttfP90Days());
    data.put("momentMagnitude", a.momentMagnitude());
    data.put("modelVersion", a.modelVersion());
    data.put("reason", a.reason());
    data.put("status", publication.status().name());
    try {
      return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write CloudEvent for " + a.alertId(), e);
    }
  }
}
