package org.asperity.bridge.amqp;

import org.asperity.schemas.DeadLetterReason;

/**
 * Why a message from the bus is not an observation. Each is counted under its own name and dead
 * lettered under the nearest {@link DeadLetterReason} of the shared dead-letter schema; the detail
 * of the dead letter starts with this name.
 */
public enum Rejection {
  /** Larger than the size limit: never parsed. */
  TOO_LARGE(DeadLetterReason.OTHER),
  /** Not JSON (or not UTF-8 JSON). */
  NOT_JSON(DeadLetterReason.CORRUPT_BODY),
  /** JSON, but neither form of a position message, or coordinates that are not a displacement. */
  NOT_A_POSITION(DeadLetterReason.WRONG_RECORD_TYPE),
  /** A field the position needs is absent or null. */
  MISSING_FIELD(DeadLetterReason.CORRUPT_BODY),
  /** A field of the wrong JSON type (a string where a number belongs, ...). */
  WRONG_TYPE(DeadLetterReason.CORRUPT_BODY),
  /** NaN or an infinity (Python's {@code json.dumps} writes them). */
  NOT_FINITE(DeadLetterReason.NOT_FINITE),
  /** A sigma that is zero or negative. */
  NON_POSITIVE_SIGMA(DeadLetterReason.NON_POSITIVE_SIGMA),
  /** A time before 1970 or past year 9999. */
  BAD_TIME(DeadLetterReason.BAD_TIMESTAMP),
  /** An SNCL that does not name a station and network. */
  BAD_SNCL(DeadLetterReason.UNKNOWN_STATION);

  private final DeadLetterReason deadLetterReason;

  Rejection(DeadLetterReason deadLetterReason) {
    this.deadLetterReason = deadLetterReason;
  }

  /** The reason code written in the dead letter. */
  public DeadLetterReason deadLetterReason() {
    return deadLetterReason;
  }
}
