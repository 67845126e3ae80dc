package org.asperity.schemas.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificRecord;
import org.asperity.schemas.testing.SampleRecords;
import org.junit.jupiter.api.Test;

/**
 * The release contract: the current schema of each record reads every released version, the current
 * one is itself released, and every schema follows the house rules (documented fields with units,
 * timestamp-micros times, enums with a default). A schema change that breaks any of this fails the
 * build.
 */
class SchemaCompatibilityTest {

  private static List<Schema> currentSchemas() {
    return SampleRecords.oneOfEach().stream().map(SpecificRecord::getSchema).toList();
  }

  @Test
  void everyRecordOfTheTopicTableHasReleasedVersions() {
    Set<String> released =
        ReleasedSchemas.all().stream().map(ReleasedSchema::recordName).collect(Collectors.toSet());
    Set<String> current =
        currentSchemas().stream().map(Schema::getName).collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "GnssObservation",
            "SlipDeficitSample",
            "EarthquakeEvent",
            "TtfForecast",
            "TtfAlert",
            "DeadLetter",
            "ModelRelease"),
        current);
    assertEquals(current, released);
  }

  @Test
  void currentSchemaReadsEveryReleasedVersion() {
    List<String> broken = new ArrayList<>();
    for (Schema current : currentSchemas()) {
      for (ReleasedSchema released : ReleasedSchemas.versionsOf(current.getName())) {
        SchemaCompatibility.SchemaPairCompatibility result =
            SchemaCompatibility.checkReaderWriterCompatibility(current, released.schema());
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
          broken.add(released + ": " + result.getResult().getIncompatibilities());
        }
      }
    }
    assertTrue(broken.isEmpty(), "current schemas cannot read released versions: " + broken);
  }

  @Test
  void newestReleasedVersionIsTheCurrentSchema() {
    for (Schema current : currentSchemas()) {
      List<ReleasedSchema> versions = ReleasedSchemas.versionsOf(current.getName());
      ReleasedSchema newest = versions.get(versions.size() - 1);
      assertEquals(
          newest.fingerprint(),
          org.apache.avro.SchemaNormalization.parsingFingerprint64(current),
          current.getName()
              + " changed since "
              + newest
              + ": release it as v"
              + (newest.version() + 1));
    }
  }

  @Test
  void releasedVersionsAreNumberedWithoutGaps() {
    for (Schema current : currentSchemas()) {
      List<ReleasedSchema> versions = ReleasedSchemas.versionsOf(current.getName());
      for (int i = 0; i < versions.size(); i++) {
        assertEquals(i + 1, versions.get(i).version(), current.getName() + " versions");
      }
    }
  }

  @Test
  void everyFieldIsDocumentedEveryTimeIsMicrosEveryEnumHasADefault() {
    for (Schema current : currentSchemas()) {
      assertNotNull(current.getDoc(), current.getName() + " has no doc");
      for (Schema.Field field : current.getFields()) {
        String where = current.getName() + "." + field.name();
        assertNotNull(field.doc(), where + " has no doc");
        assertFalse(field.doc().isBlank(), where + " has a blank doc");
        checkType(where, field.schema());
      }
    }
  }

  private static void checkType(String where, Schema schema) {
    switch (schema.getType()) {
      case UNION -> schema.getTypes().forEach(s -> checkType(where, s));
      case ARRAY -> checkType(where, schema.getElementType());
      case ENUM ->
          assertNotNull(
              schema.getEnumDefault(),
              where + ": enum " + schema.getName() + " has no default symbol");
      case LONG -> {
        LogicalType logical = schema.getLogicalType();
        if (logical != null
            && logical.getName().startsWith("timestamp")
            && !logical.getName().equals("timestamp-micros")) {
          fail(where + " is " + logical.getName() + "; times are timestamp-micros");
        }
      }
      case INT -> {
        if (schema.getLogicalType() != null) {
          fail(where + " is " + schema.getLogicalType().getName() + "; times are timestamp-micros");
        }
      }
      default -> {}
    }
  }
}
