package org.asperity.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports on the loopback, for a cluster that must not collide with one already running on the
 * default ports (a benchmark or a test beside {@code ./asperity cluster}). Free when asked: another
 * process may take one before the cluster binds it, which {@link LocalCluster#start} then reports.
 *
 * <p>Drawn below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), never from
 * it: a process of the cluster killed and started again must bind its port anew, and while it is
 * down any outgoing connection on the machine may be given that port as its local end (a client
 * reconnecting to the dead port can even connect to itself), which the restart would then find
 * taken.
 */
public final class FreePorts {
  /** Lowest port drawn: above the well-known and most registered services' ports. */
  static final int LOWEST = 20_000;

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Linux's default ephemeral range starts here; used where the kernel does not tell. */
  private static final int DEFAULT_EPHEMERAL_START = 32_768;

  private FreePorts() {}

  public static int one() throws IOException {
    return find(1);
  }

  /** A free port whose next port up is free too (the broker's controller takes it). */
  public static int pair() throws IOException {
    return find(2);
  }

  /** The first of {@code count} adjacent free ports, drawn at random below the ephemeral range. */
  private static int find(int count) throws IOException {
    int highest = ephemeralStart() - count;
    if (highest <= LOWEST) {
      throw new IOException(
          "no ports below the ephemeral range (from " + ephemeralStart() + ") to draw from");
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = random.nextInt(LOWEST, highest + 1);
      if (free(port, count)) {
        return port;
      }
    }
    throw new IOException(
        "no " + count + " adjacent free ports between " + LOWEST + " and " + highest);
  }

  private static boolean free(int port, int count) {
    for (int p = port; p < port + count; p++) {
      // On every address: this fails too if anything listens on the loopback alone.
      try (ServerSocket any = new ServerSocket()) {
        any.bind(new InetSocketAddress(p));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** The first port of the kernel's ephemeral range. */
  static int ephemeralStart() {
    try {
      // Read as lines: Files.readString stops after one byte on this procfs file (its size is 0).
      String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }
}
