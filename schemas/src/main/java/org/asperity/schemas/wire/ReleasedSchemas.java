package org.asperity.schemas.wire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Every released version of every schema. The list is the resource {@code released/index.txt} (a
 * jar cannot be listed); each entry names a {@code <Record>.v<N>.avsc} beside it. Releasing a
 * schema change = copying the new {@code src/main/avro} file there as the next version and adding
 * its line; {@code SchemaCompatibilityTest} fails the build if the current schema cannot read any
 * released version.
 */
public final class ReleasedSchemas {
  /** Class-path folder of the released versions. */
  public static final String RESOURCE_FOLDER = "/org/asperity/schemas/released/";

  private static final String DIR = RESOURCE_FOLDER;
  private static final List<ReleasedSchema> ALL = load();

  private ReleasedSchemas() {}

  /** All released versions, ordered by record name then version. */
  public static List<ReleasedSchema> all() {
    return ALL;
  }

  /** Released versions of one record (simple name, e.g. {@code GnssObservation}), oldest first. */
  public static List<ReleasedSchema> versionsOf(String recordName) {
    return ALL.stream().filter(r -> r.recordName().equals(recordName)).toList();
  }

  /** The released schema with this fingerprint, of any record. */
  public static Optional<ReleasedSchema> byFingerprint(long fingerprint) {
    return ALL.stream().filter(r -> r.fingerprint() == fingerprint).findFirst();
  }

  private static List<ReleasedSchema> load() {
    List<ReleasedSchema> out = new ArrayList<>();
    try (InputStream index = open("index.txt");
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        out.add(parse(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the released-schema index", e);
    }
    out.sort(
        Comparator.comparing(ReleasedSchema::recordName).thenComparingInt(ReleasedSchema::version));
    return List.copyOf(out);
  }

  private static ReleasedSchema parse(String fileName) throws IOException {
    // <Record>.v<N>.avsc
    String[] parts = fileName.split("\\.");
    if (parts.length != 3 || !parts[1].startsWith("v") || !parts[2].equals("avsc")) {
      throw new IllegalStateException(
          "released schema file name must be <Record>.v<N>.avsc: " + fileName);
    }
    int version = Integer.parseInt(parts[1].substring(1));
    try (InputStream in = open(fileName)) {
      // A fresh parser per file: released versions of one record share its full name.
      Schema schema = new Schema.Parser().parse(in);
      if (!schema.getName().equals(parts[0])) {
        throw new IllegalStateException(fileName + " holds record " + schema.getName());
      }
      return new ReleasedSchema(parts[0], version, schema);
    }
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = ReleasedSchemas.class.getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IOException("missing resource " + DIR + name);
    }
    return in;
  }
}
