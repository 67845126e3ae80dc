package org.asperity.replay;

/** A replay that cannot go on: unreadable source, --strict reject, unusable options. */
public final class ReplayException extends RuntimeException {
  public ReplayException(String message) {
    super(message);
  }

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
