package org.asperity.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.asperity.schemas.wire.WireFormatException;

/**
 * A Kafka record value that is not a readable single-object record of the expected type, with the
 * reason.
 */
public final class SingleObjectDeserializationException extends SerializationException {
  private final String topic;
  private final String recordType;
  private final WireFormatException.Reason reason;

  public SingleObjectDeserializationException(
      String topic, String recordType, WireFormatException cause) {
    // The cause's message starts with its reason, e.g. "BAD_MARKER: first bytes 00 00, expected C3
    // 01".
    super(
        "cannot read a " + recordType + " from topic " + topic + ": " + cause.getMessage(), cause);
    this.topic = topic;
    this.recordType = recordType;
    this.reason = cause.reason();
  }

  public String topic() {
    return topic;
  }

  /** Simple name of the record the bytes were read as, e.g. {@code GnssObservation}. */
  public String recordType() {
    return recordType;
  }

  public WireFormatException.Reason reason() {
    return reason;
  }
}
