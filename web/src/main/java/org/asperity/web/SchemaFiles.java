package org.asperity.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.asperity.schemas.published.PublishedSchema;

/**
 * The schemas under {@value #ROOT}, for consumers in other languages: each published file at {@code
 * /schemas/<path>}, and at {@code /schemas/} an index (JSON) naming each with its URL, media type
 * and, for Avro, its fingerprint as a number (hex) and as the 8 bytes after the single-object
 * marker.
 */
final class SchemaFiles {
  static final String ROOT = "/schemas/";
  static final String INDEX_TYPE = "application/json; charset=utf-8";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, StaticAssets.Asset> files = new LinkedHashMap<>();
  private final StaticAssets.Asset index;

  SchemaFiles(List<PublishedSchema> schemas) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("schemas");
    for (PublishedSchema s : schemas) {
      byte[] body = s.body();
      files.put(
          ROOT + s.path(), new StaticAssets.Asset(body, s.mediaType(), StaticAssets.etag(body)));
      ObjectNode entry = list.addObject();
      entry.put("url", ROOT + s.path());
      entry.put("kind", s.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      entry.put("name", s.name());
      s.version().ifPresent(v -> entry.put("version", v));
      entry.put("current", s.current());
      entry.put("mediaType", s.mediaType());
      if (s.fingerprint().isPresent()) {
        entry.put("fingerprint", s.fingerprintHex());
        entry.put("fingerprintBytes", s.fingerprintBytesHex());
      }
    }
    byte[] body;
    try {
      body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the schema index", e);
    }
    index = new StaticAssets.Asset(body, INDEX_TYPE, StaticAssets.etag(body));
  }

  static boolean isSchemaPath(String path) {
    return path.equals("/schemas") || path.startsWith(ROOT);
  }

  /** The index for {@code /schemas} or {@code /schemas/}, a schema file for its path. */
  Optional<StaticAssets.Asset> find(String path) {
    if (path.equals("/schemas") || path.equals(ROOT)) {
      return Optional.of(index);
    }
    return Optional.ofNullable(files.get(path));
  }

  /** The index, as served. */
  String index() {
    return new String(index.body(), StandardCharsets.UTF_8);
  }
}
