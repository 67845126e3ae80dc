package org.asperity.schemas.published;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.asperity.schemas.cap.CapSchema;
import org.asperity.schemas.published.PublishedSchema.Kind;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.ReleasedSchema;
import org.asperity.schemas.wire.ReleasedSchemas;
import org.asperity.schemas.wire.SingleObjectCodec;

/**
 * What a consumer in another language needs to read the topics: the current Avro schema of every
 * record the codecs write ({@code avro/<Record>.avsc}), every released version ({@code
 * avro/<Record>.v<N>.avsc}: older data on the topics was written with them), the CAP 1.2 XML schema
 * ({@code cap/CAP-v1.2.xsd}) and the JSON Schemas of the CloudEvents' data ({@code json/<name>}).
 */
public final class PublishedSchemas {
  /** Class-path folder of the JSON Schemas. */
  public static final String JSON_SCHEMA_FOLDER = "/org/asperity/schemas/json/";

  /**
   * The JSON Schemas, by file name: a folder inside a jar cannot be listed. A name whose file is
   * not on the class path is left out; a test fails when the folder holds a file not listed here.
   */
  public static final List<String> JSON_SCHEMA_NAMES = List.of("ttf-alert-data.schema.json");

  private static final List<PublishedSchema> ALL = load(JSON_SCHEMA_NAMES);

  private PublishedSchemas() {}

  /** Every published schema: Avro current then released versions by record, CAP, JSON. */
  public static List<PublishedSchema> all() {
    return ALL;
  }

  /** The published schemas with these JSON Schema file names (tests publish their own). */
  public static List<PublishedSchema> load(List<String> jsonSchemaNames) {
    List<PublishedSchema> out = new ArrayList<>();
    for (SingleObjectCodec<?> codec : codecs()) {
      String record = codec.type().getSimpleName();
      long fingerprint = codec.currentFingerprint();
      int version =
          ReleasedSchemas.versionsOf(record).stream()
              .filter(r -> r.fingerprint() == fingerprint)
              .mapToInt(ReleasedSchema::version)
              .findFirst()
              .orElseThrow();
      out.add(
          new PublishedSchema(
              "avro/" + record + ".avsc",
              Kind.AVRO,
              record,
              OptionalInt.of(version),
              true,
              OptionalLong.of(fingerprint),
              (codec.currentSchema().toString(true) + "\n").getBytes(StandardCharsets.UTF_8)));
    }
    for (ReleasedSchema released : ReleasedSchemas.all()) {
      String file = released.recordName() + ".v" + released.version() + ".avsc";
      boolean current =
          out.stream().anyMatch(p -> p.fingerprint().getAsLong() == released.fingerprint());
      out.add(
          new PublishedSchema(
              "avro/" + file,
              Kind.AVRO,
              released.recordName(),
              OptionalInt.of(released.version()),
              current,
              OptionalLong.of(released.fingerprint()),
              read(ReleasedSchemas.RESOURCE_FOLDER + file)));
    }
    String xsd = CapSchema.RESOURCE.substring(CapSchema.RESOURCE.lastIndexOf('/') + 1);
    out.add(
        new PublishedSchema(
            "cap/" + xsd,
            Kind.XML_SCHEMA,
            xsd,
            OptionalInt.empty(),
            true,
            OptionalLong.empty(),
            read(CapSchema.RESOURCE)));
    for (String name : jsonSchemaNames) {
      if (PublishedSchemas.class.getResource(JSON_SCHEMA_FOLDER + name) != null) {
        out.add(
            new PublishedSchema(
                "json/" + name,
                Kind.JSON_SCHEMA,
                name,
                OptionalInt.empty(),
                true,
                OptionalLong.empty(),
                read(JSON_SCHEMA_FOLDER + name)));
      }
    }
    return List.copyOf(out);
  }

  /** Every codec of {@link Codecs}, so a record type added there is published without a list. */
  private static List<SingleObjectCodec<?>> codecs() {
    List<SingleObjectCodec<?>> out = new ArrayList<>();
    for (Field field : Codecs.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == SingleObjectCodec.class) {
        try {
          out.add((SingleObjectCodec<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("Codecs' public field " + field.getName(), e);
        }
      }
    }
    out.sort(Comparator.comparing(c -> c.type().getSimpleName()));
    return out;
  }

  private static byte[] read(String resource) {
    try (InputStream in = PublishedSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
