package org.asperity.model;

/** ONNX Runtime failed while scoring rows with a model that had passed its probe. */
public final class ScoringException extends RuntimeException {

  public ScoringException(String message) {
    super(message);
  }

  public ScoringException(String message, Throwable cause) {
    super(message, cause);
  }
}
