package org.asperity.job.scoring;

/**
 * A model the job will not use, with a reason code (for the log line and the {@code
 * asperity_model_swaps_total} label) and one sentence saying why. The codes are the model
 * contract's ({@code InvalidModelException.Reason}) plus the job's own compatibility checks.
 */
public final class ModelRejection extends Exception {
  private static final long serialVersionUID = 1L;

  /** The release is not a readable ModelRelease record. */
  public static final String CORRUPT_RELEASE = "CORRUPT_RELEASE";

  /** The ONNX bytes do not hash to the release's SHA-256. */
  public static final String CHECKSUM_MISMATCH = "CHECKSUM_MISMATCH";

  /** The features the model expects are not the ones the job computes. */
  public static final String FEATURE_HASH_MISMATCH = "FEATURE_HASH_MISMATCH";

  /** The model's station layout differs from the job's. */
  public static final String LAYOUT_MISMATCH = "LAYOUT_MISMATCH";

  /** The model's feature names, configuration and layout do not rebuild its own feature hash. */
  public static final String INCONSISTENT_METADATA = "INCONSISTENT_METADATA";

  /** The release (or its ONNX model) is larger than the models topic admits. */
  public static final String OVERSIZED = "OVERSIZED";

  /** The job trusts no signing key (no --model-trust-key), so it takes no release. */
  public static final String NO_TRUST_KEY = "NO_TRUST_KEY";

  /** The release carries no signature. */
  public static final String UNSIGNED = "UNSIGNED";

  /** The signature is not by a trusted key over these ONNX bytes. */
  public static final String BAD_SIGNATURE = "BAD_SIGNATURE";

  private final String reason;

  public ModelRejection(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ModelRejection(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
