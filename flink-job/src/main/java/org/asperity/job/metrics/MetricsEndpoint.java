package org.asperity.job.metrics;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where the Prometheus scrape endpoint listens: {@code http://bind:port/metrics}. Port 0 picks a
 * free port; a negative port serves no endpoint (the meters are still kept).
 */
public record MetricsEndpoint(String bind, int port) implements Serializable {
  public static final int DEFAULT_PORT = 9250;
  public static final String DEFAULT_BIND = "127.0.0.1";

  public MetricsEndpoint {
    Objects.requireNonNull(bind, "bind");
    if (port > 65535) {
      throw new IllegalArgumentException("metrics port " + port + " is above 65535");
    }
  }

  public static MetricsEndpoint defaults() {
    return new MetricsEndpoint(DEFAULT_BIND, DEFAULT_PORT);
  }

  /** No HTTP endpoint (tests, benchmarks). */
  public static MetricsEndpoint disabled() {
    return new MetricsEndpoint(DEFAULT_BIND, -1);
  }

  public boolean enabled() {
    return port >= 0;
  }
}
