package org.asperity.schemas.published;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One schema file a consumer outside the JVM can fetch.
 *
 * @param path where it is published, relative to the schemas root, e.g. {@code avro/TtfAlert.avsc},
 *     {@code cap/CAP-v1.2.xsd}, {@code json/ttf-alert-data.schema.json}
 * @param kind what language the schema is written in
 * @param name the record (Avro) or the file name (XML and JSON Schema)
 * @param version the released version of an Avro schema; empty for the others
 * @param current whether an Avro schema is the one producers write now
 * @param fingerprint CRC-64-AVRO fingerprint of an Avro schema's parsing canonical form; empty for
 *     the others
 * @param body the file's bytes (UTF-8 text)
 */
public record PublishedSchema(
    String path,
    Kind kind,
    String name,
    OptionalInt version,
    boolean current,
    OptionalLong fingerprint,
    byte[] body) {

  /** The schema languages published, with the media type each file is served as. */
  public enum Kind {
    /** An Avro schema ({@code .avsc}): JSON, no registered media type of its own. */
    AVRO("application/json; charset=utf-8"),
    /** The CAP 1.2 XML schema (RFC 7303: XML documents without a more specific type). */
    XML_SCHEMA("application/xml; charset=utf-8"),
    /** A JSON Schema (the media type the JSON Schema specification defines). */
    JSON_SCHEMA("application/schema+json; charset=utf-8");

    private final String mediaType;

    Kind(String mediaType) {
      this.mediaType = mediaType;
    }

    public String mediaType() {
      return mediaType;
    }
  }

  public PublishedSchema {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String mediaType() {
    return kind.mediaType();
  }

  /** The fingerprint as 16 hex digits, most significant first (the 64-bit number). */
  public String fingerprintHex() {
    return String.format("%016x", fingerprint.orElseThrow());
  }

  /**
   * The fingerprint as it appears on the wire: 8 bytes, least significant first, the bytes after
   * the single-object marker {@code C3 01}.
   */
  public String fingerprintBytesHex() {
    byte[] bytes =
        ByteBuffer.allocate(Long.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(fingerprint.orElseThrow())
            .array();
    return HexFormat.of().formatHex(bytes);
  }
}
