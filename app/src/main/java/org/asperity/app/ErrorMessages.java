package org.asperity.app;

/** One clear sentence for a failure, walking the cause chain to the most telling message. */
final class ErrorMessages {
  private ErrorMessages() {}

  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root == e || root.getMessage() == null || top.contains(root.getMessage())) {
      return top;
    }
    return top + " (cause: " + root.getMessage() + ")";
  }
}
