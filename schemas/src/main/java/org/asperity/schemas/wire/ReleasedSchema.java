package org.asperity.schemas.wire;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * One released version of one record's schema, as kept in {@code
 * src/main/resources/org/asperity/schemas/released/<Record>.v<N>.avsc}.
 *
 * @param fingerprint CRC-64-AVRO fingerprint of the parsing canonical form: the 8 bytes after the
 *     single-object marker. Computed once: every decode compares against it, and computing it walks
 *     the whole schema.
 */
public record ReleasedSchema(String recordName, int version, Schema schema, long fingerprint) {

  public ReleasedSchema(String recordName, int version, Schema schema) {
    this(recordName, version, schema, SchemaNormalization.parsingFingerprint64(schema));
  }

  @Override
  public String toString() {
    return recordName + " v" + version;
  }
}
