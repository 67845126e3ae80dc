package org.asperity.cluster;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * Free ports on the loopback, for a cluster that must not collide with one already running on the
 * default ports (a benchmark or a test beside {@code ./asperity cluster}). Free when asked: another
 * process may take one before the cluster binds it, which {@link LocalCluster#start} then reports.
 */
public final class FreePorts {
  private FreePorts() {}

  public static int one() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A free port whose next port up is free too (the broker's controller takes it). */
  public static int pair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = one();
      if (port >= 65534) {
        continue;
      }
      try (ServerSocket next = new ServerSocket(port + 1)) {
        return port;
      } catch (IOException e) {
        // taken: try another
      }
    }
    throw new IOException("no two adjacent free ports on this machine");
  }
}
