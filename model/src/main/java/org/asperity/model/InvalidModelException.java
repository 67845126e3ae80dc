package org.asperity.model;

/**
 * A model artifact that must not be used, with a machine-readable reason (for counters and the
 * hot-swap log line) and a one-sentence message saying what is wrong.
 */
public final class InvalidModelException extends Exception {

  /** Why an artifact was rejected. */
  public enum Reason {
    /** The bytes are not an ONNX model (not protobuf, or no graph). */
    NOT_ONNX,
    /** A required {@code asperity.*} metadata entry is absent or empty. */
    MISSING_METADATA,
    /** A metadata entry is present but malformed (bad JSON, not a number, duplicates). */
    INVALID_METADATA,
    /** {@code asperity.outputs} is not the contract's output list. */
    OUTPUTS_MISMATCH,
    /** The graph input is not the single float32 [N, F] tensor {@code features}. */
    WRONG_INPUT,
    /** The graph output is not the single float32 [N, 4] tensor {@code forecast}. */
    WRONG_OUTPUT,
    /** The input width differs from the number of feature names. */
    FEATURE_COUNT_MISMATCH,
    /** ONNX Runtime could not create a session from the bytes. */
    RUNTIME_REJECTED,
    /**
     * A probe batch (all-missing, all-zero and real rows in batches of 1, 2, 7, 64) failed to
     * score, or scored to non-finite or unordered forecasts.
     */
    PROBE_FAILED
  }

  private final Reason reason;

  public InvalidModelException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public InvalidModelException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "InvalidModelException[" + reason + "]: " + getMessage();
  }
}
