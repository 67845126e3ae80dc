package org.asperity.job.alerts.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.asperity.schemas.TtfAlert;

/**
 * An alert as a CloudEvents 1.0 event in structured JSON mode (CloudEvents spec v1.0.2 and its JSON
 * event format), so a dashboard or a bus bridge needs no Avro. Context attributes: {@code id} = the
 * deterministic alert id (a receiver deduplicates on source + id), {@code source} = {@code
 * urn:asperity:<sender>}, {@code type} = {@value #TYPE}, {@code subject} = the region, {@code time}
 * = the issue tick (RFC 3339), {@code datacontenttype} = application/json; {@code data} holds the
 * alert's fields. Deterministic bytes: fixed field order, no wall clock.
 */
public final class CloudEventFormatter implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String TYPE = "org.asperity.ttf.alert.v1";

  /** Kafka header {@code content-type} for structured-mode CloudEvents (Kafka protocol binding). */
  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertPublication publication;

  public CloudEventFormatter(AlertPublication publication) {
    this.publication = publication;
  }

  public byte[] format(TtfAlert a) {
    ObjectNode event = JSON.createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", a.getAlertId());
    event.put("source", "urn:asperity:" + publication.sender());
    event.put("type", TYPE);
    event.put("subject", a.getRegion());
    event.put("time", DateTimeFormatter.ISO_INSTANT.format(a.getIssuedAt()));
    event.put("datacontenttype", "application/json");
    ObjectNode data = event.putObject("data");
    data.put("alertId", a.getAlertId());
    data.put("region", a.getRegion());
    data.put("level", a.getLevel().name());
    data.put("action", a.getAction().name());
    if (a.getReferences() != null) {
      data.put("references", a.getReferences());
    } else {
      data.putNull("references");
    }
    data.put("issuedAt", DateTimeFormatter.ISO_INSTANT.format(a.getIssuedAt()));
    data.put("ttfP10Days", a.getTtfP10Days());
    data.put("ttfP50Days", a.getTtfP50Days());
    data.put("ttfP90Days", a.getTtfP90Days());
    data.put("momentMagnitude", a.getMomentMagnitude());
    data.put("modelVersion", a.getModelVersion());
    data.put("reason", a.getReason());
    data.put("status", publication.status().name());
    try {
      return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write CloudEvent for " + a.getAlertId(), e);
    }
  }
}
