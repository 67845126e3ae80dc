package org.asperity.schemas.wire;

/**
 * A Kafka value that is not a readable single-object-encoded record of the expected type. The
 * reason names what is wrong, so the caller can dead-letter it with a code rather than a stack
 * trace from inside Avro.
 */
public final class WireFormatException extends Exception {
  /** Reasons, spelled as the matching {@code DeadLetterReason} symbols. */
  public enum Reason {
    /** Fewer bytes than the 10-byte header. */
    TOO_SHORT,
    /** The first two bytes are not the single-object marker C3 01. */
    BAD_MARKER,
    /** The schema fingerprint is not a released version of any record. */
    UNKNOWN_FINGERPRINT,
    /** The fingerprint is a released schema, but of another record type. */
    WRONG_RECORD_TYPE,
    /** The header is fine but the body does not decode with that schema. */
    CORRUPT_BODY
  }

  private final Reason reason;

  public WireFormatException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public WireFormatException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
