package org.asperity.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of a command, stopped in reverse order of start, each stop isolated so one
 * failure does not leave the others (and their ports, threads and temp dirs) behind.
 */
final class Components implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("org.asperity.app");

  private record Named(String name, AutoCloseable component) {}

  private final Deque<Named> started = new ArrayDeque<>();

  /** Registers a started component and says so in one line. */
  <T extends AutoCloseable> T started(String name, String detail, T component) {
    started.push(new Named(name, component));
    LOG.info("started {}{}", name, detail == null || detail.isEmpty() ? "" : ": " + detail);
    return component;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    while (!started.isEmpty()) {
      Named next = started.pop();
      try {
        next.component().close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed: {}", next.name(), ErrorMessages.describe(e));
        if (first == null) {
          first = new IllegalStateException("stopping " + next.name() + " failed", e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
