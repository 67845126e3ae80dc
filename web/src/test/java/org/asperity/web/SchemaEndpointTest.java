package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.cap.CapSchema;
import org.asperity.schemas.published.PublishedSchema;
import org.asperity.schemas.published.PublishedSchemas;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /schemas/}: the index and each kind of schema file, as a consumer fetches them. */
class SchemaEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private WebServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        new WebServer(
                WebServer.DEFAULT_BIND_ADDRESS,
                0,
                new LiveModel(null, System::currentTimeMillis),
                null,
                null,
                Optional.empty(),
                Duration.ofSeconds(15),
                System::currentTimeMillis)
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  private JsonNode index() throws Exception {
    HttpResponse<byte[]> response = get("/schemas/");
    assertEquals(200, response.statusCode());
    assertEquals("application/json; charset=utf-8", contentType(response));
    return JSON.readTree(response.body());
  }

  @Test
  void theIndexListsEveryPublishedSchemaAndEachIsServedWithItsType() throws Exception {
    JsonNode schemas = index().get("schemas");
    List<String> urls = new ArrayList<>();
    schemas.forEach(s -> urls.add(s.get("url").asText()));
    List<String> expected =
        PublishedSchemas.all().stream().map(s -> "/schemas/" + s.path()).toList();
    assertEquals(expected, urls);
    for (JsonNode entry : schemas) {
      PublishedSchema published =
          PublishedSchemas.all().stream()
              .filter(s -> entry.get("url").asText().equals("/schemas/" + s.path()))
              .findFirst()
              .orElseThrow();
      HttpResponse<byte[]> file = get(entry.get("url").asText());
      assertEquals(200, file.statusCode(), entry.toString());
      assertEquals(published.mediaType(), contentType(file), entry.toString());
      assertEquals(published.mediaType(), entry.get("mediaType").asText());
      assertArrayEquals(published.body(), file.body(), entry.toString());
    }
    assertEquals(
        PublishedSchemas.JSON_SCHEMA_NAMES.stream()
            .filter(
                n -> PublishedSchemas.class.getResource("/org/asperity/schemas/json/" + n) != null)
            .map(n -> "/schemas/json/" + n)
            .toList(),
        urls.stream().filter(u -> u.startsWith("/schemas/json/")).toList(),
        "every listed JSON Schema on the class path is served");
  }

  @Test
  void anAvroSchemaIsServedWithTheFingerprintTheWireCarries() throws Exception {
    JsonNode entry = null;
    for (JsonNode s : index().get("schemas")) {
      if (s.get("url").asText().equals("/schemas/avro/TtfAlert.avsc")) {
        entry = s;
      }
    }
    assertTrue(entry != null, "TtfAlert.avsc is in the index");
    assertEquals("avro", entry.get("kind").asText());
    assertEquals("TtfAlert", entry.get("name").asText());
    assertTrue(entry.get("current").asBoolean());
    HttpResponse<byte[]> file = get("/schemas/avro/TtfAlert.avsc");
    assertEquals("application/json; charset=utf-8", contentType(file));
    Schema served = new Schema.Parser().parse(new String(file.body(), StandardCharsets.UTF_8));
    long fingerprint = SchemaNormalization.parsingFingerprint64(served);
    assertEquals(String.format("%016x", fingerprint), entry.get("fingerprint").asText());
    byte[] wire =
        Codecs.TTF_ALERT.encode(
            TtfAlert.newBuilder()
                .setAlertId("nankai/WATCH/1")
                .setRegion("nankai")
                .setLevel(AlertLevel.WATCH)
                .setAction(AlertAction.ISSUE)
                .setIssuedAt(java.time.Instant.parse("2031-01-01T00:00:00Z"))
                .setTtfP10Days(10)
                .setTtfP50Days(20)
                .setTtfP90Days(30)
                .setMomentMagnitude(8.1)
                .setModelVersion("m1")
                .setReason("test")
                .build());
    assertEquals("c301", HexFormat.of().formatHex(wire, 0, 2));
    assertEquals(HexFormat.of().formatHex(wire, 2, 10), entry.get("fingerprintBytes").asText());
  }

  @Test
  void everyReleasedVersionIsServed() throws Exception {
    JsonNode schemas = index().get("schemas");
    boolean olderVersion = false;
    for (JsonNode s : schemas) {
      if (s.has("version") && s.get("url").asText().endsWith(".v1.avsc")) {
        HttpResponse<byte[]> file = get(s.get("url").asText());
        assertEquals(200, file.statusCode());
        Schema parsed = new Schema.Parser().parse(new String(file.body(), StandardCharsets.UTF_8));
        assertEquals(
            s.get("fingerprint").asText(),
            String.format("%016x", SchemaNormalization.parsingFingerprint64(parsed)));
        olderVersion |= !s.get("current").asBoolean();
      }
    }
    assertTrue(olderVersion, "a superseded version (GnssObservation v1) is still served");
  }

  @Test
  void theCapSchemaIsServedAsXml() throws Exception {
    HttpResponse<byte[]> file = get("/schemas/cap/CAP-v1.2.xsd");
    assertEquals(200, file.statusCode());
    assertEquals("application/xml; charset=utf-8", contentType(file));
    try (InputStream in = CapSchema.class.getResourceAsStream(CapSchema.RESOURCE)) {
      assertArrayEquals(in.readAllBytes(), file.body());
    }
  }

  @Test
  void aJsonSchemaOnTheClassPathIsServedAsSchemaJson() throws Exception {
    SchemaFiles files =
        new SchemaFiles(PublishedSchemas.load(List.of("web-test-only.schema.json", "absent.json")));
    StaticAssets.Asset file = files.find("/schemas/json/web-test-only.schema.json").orElseThrow();
    assertEquals("application/schema+json; charset=utf-8", file.contentType());
    assertTrue(new String(file.body(), StandardCharsets.UTF_8).contains("web-test-only"));
    assertFalse(files.find("/schemas/json/absent.json").isPresent());
    JsonNode index = JSON.readTree(files.index());
    List<String> json = new ArrayList<>();
    index.get("schemas").forEach(s -> json.add(s.get("url").asText()));
    assertTrue(json.contains("/schemas/json/web-test-only.schema.json"), json.toString());
    assertFalse(json.contains("/schemas/json/absent.json"), json.toString());
  }

  @Test
  void anUnknownSchemaIsNotFoundAndPathsCannotClimbOut() throws Exception {
    assertEquals(404, get("/schemas/avro/NoSuchRecord.avsc").statusCode());
    assertEquals(404, get("/schemas/../web/index.html").statusCode());
    assertEquals(404, get("/schemas/%2e%2e/index.html").statusCode());
    assertEquals(200, get("/schemas").statusCode());
  }

  @Test
  void schemaFilesRevalidateByEtag() throws Exception {
    HttpResponse<byte[]> first = get("/schemas/avro/TtfAlert.avsc");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> again =
        http.send(
            HttpRequest.newBuilder(server.url().resolve("/schemas/avro/TtfAlert.avsc"))
                .header("If-None-Match", etag)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(304, again.statusCode());
  }
}
