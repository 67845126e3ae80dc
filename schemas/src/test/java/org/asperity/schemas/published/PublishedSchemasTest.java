package org.asperity.schemas.published;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.asperity.schemas.cap.CapSchema;
import org.asperity.schemas.published.PublishedSchema.Kind;
import org.asperity.schemas.testing.SampleRecords;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.ReleasedSchema;
import org.asperity.schemas.wire.ReleasedSchemas;
import org.junit.jupiter.api.Test;

class PublishedSchemasTest {
  private static List<PublishedSchema> avro() {
    return PublishedSchemas.all().stream().filter(s -> s.kind() == Kind.AVRO).toList();
  }

  @Test
  void everyRecordHasItsCurrentSchemaAndEveryReleasedVersion() {
    Set<String> current =
        avro().stream()
            .filter(s -> s.path().equals("avro/" + s.name() + ".avsc"))
            .map(PublishedSchema::name)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> released =
        ReleasedSchemas.all().stream()
            .map(ReleasedSchema::recordName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(released, current);
    for (ReleasedSchema r : ReleasedSchemas.all()) {
      String path = "avro/" + r.recordName() + ".v" + r.version() + ".avsc";
      assertTrue(avro().stream().anyMatch(s -> s.path().equals(path)), path);
    }
    assertEquals(
        Codecs.TTF_ALERT.currentFingerprint(),
        avro().stream()
            .filter(s -> s.path().equals("avro/TtfAlert.avsc"))
            .findFirst()
            .orElseThrow()
            .fingerprint()
            .getAsLong());
  }

  @Test
  void eachAvroFileParsesToTheFingerprintItIsListedWith() {
    for (PublishedSchema s : avro()) {
      Schema parsed = new Schema.Parser().parse(new String(s.body(), StandardCharsets.UTF_8));
      assertEquals(
          SchemaNormalization.parsingFingerprint64(parsed), s.fingerprint().getAsLong(), s.path());
      assertEquals(s.name(), parsed.getName(), s.path());
    }
  }

  @Test
  void theFingerprintBytesAreTheOnesAfterTheMarkerOnTheWire() {
    byte[] wire = Codecs.TTF_ALERT.encode(SampleRecords.alert());
    PublishedSchema alert =
        avro().stream()
            .filter(s -> s.path().equals("avro/TtfAlert.avsc"))
            .findFirst()
            .orElseThrow();
    assertEquals(HexFormat.of().formatHex(wire, 2, 10), alert.fingerprintBytesHex());
    assertEquals(
        String.format("%016x", Codecs.TTF_ALERT.currentFingerprint()), alert.fingerprintHex());
  }

  @Test
  void theCapSchemaIsTheOasisFileOnTheClassPath() throws IOException {
    PublishedSchema cap =
        PublishedSchemas.all().stream()
            .filter(s -> s.kind() == Kind.XML_SCHEMA)
            .findFirst()
            .orElseThrow();
    assertEquals("cap/CAP-v1.2.xsd", cap.path());
    try (InputStream in = CapSchema.class.getResourceAsStream(CapSchema.RESOURCE)) {
      assertArrayEquals(in.readAllBytes(), cap.body());
    }
  }

  @Test
  void everyJsonSchemaInTheFolderIsListed() throws IOException {
    Path folder = Path.of("src/main/resources" + PublishedSchemas.JSON_SCHEMA_FOLDER);
    Set<String> present = new TreeSet<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        files
            .map(f -> f.getFileName().toString())
            .filter(n -> n.endsWith(".json"))
            .forEach(present::add);
      }
    }
    assertTrue(
        PublishedSchemas.JSON_SCHEMA_NAMES.containsAll(present),
        "add to PublishedSchemas.JSON_SCHEMA_NAMES: " + present);
    Set<String> published =
        PublishedSchemas.all().stream()
            .filter(s -> s.kind() == Kind.JSON_SCHEMA)
            .map(PublishedSchema::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(present, published);
  }

  @Test
  void aListedJsonSchemaMissingFromTheClassPathIsLeftOut() {
    assertTrue(
        PublishedSchemas.load(List.of("no-such.schema.json")).stream()
            .noneMatch(s -> s.kind() == Kind.JSON_SCHEMA));
  }
}
