package org.asperity.bridge;

/**
 * The bridge cannot go on: the broker refused its credentials, a topic does not exist, the state
 * directory is unusable. The message is one sentence for the operator.
 */
public final class BridgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BridgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
