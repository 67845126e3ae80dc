package org.asperity.schemas.wire;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.11.4+ refuses to instantiate classes outside a trusted list (CVE-2024-47561 hardening),
 * including our own generated records. Trusting our package here, once per JVM, spares every JVM
 * that decodes (tests, launcher, Flink TaskManagers) the {@code
 * -Dorg.apache.avro.SERIALIZABLE_PACKAGES} flag; the flag still works and is honoured too.
 */
public final class AvroClassTrust {
  static final String TRUSTED_PACKAGE = "org.asperity.schemas.";
  private static volatile boolean installed;

  private AvroClassTrust() {}

  public static void ensureInstalled() {
    if (installed) {
      return;
    }
    synchronized (AvroClassTrust.class) {
      if (installed) {
        return;
      }
      ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
      ClassSecurityValidator.setGlobal(
          ClassSecurityValidator.composite(previous, c -> c.getName().startsWith(TRUSTED_PACKAGE)));
      installed = true;
    }
  }
}
