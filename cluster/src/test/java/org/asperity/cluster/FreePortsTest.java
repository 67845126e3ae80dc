package org.asperity.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void portsAreDrawnBelowTheEphemeralRangeAndCanBeBound() throws Exception {
    for (int i = 0; i < 20; i++) {
      int port = FreePorts.one();
      assertTrue(
          port >= FreePorts.LOWEST && port < FreePorts.ephemeralStart(),
          port + " lies outside the ephemeral range");
      try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertTrue(bound.isBound());
      }
    }
  }

  @Test
  void theEphemeralRangeIsTheKernels() throws Exception {
    java.nio.file.Path range = java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(range), "Linux only");
    // Read another way than the code does (a shell would): its first number.
    String text;
    try (var in = java.nio.file.Files.newBufferedReader(range)) {
      text = in.readLine();
    }
    org.junit.jupiter.api.Assertions.assertEquals(
        Integer.parseInt(text.trim().split("\\s+")[0]), FreePorts.ephemeralStart());
  }

  @Test
  void aPairIsTwoAdjacentFreePorts() throws Exception {
    int port = FreePorts.pair();
    assertTrue(port + 1 < FreePorts.ephemeralStart());
    try (ServerSocket first = new ServerSocket();
        ServerSocket second = new ServerSocket()) {
      first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      second.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1));
    }
  }

  @Test
  void aPortSomethingListensOnIsNeverDrawn() throws Exception {
    // Only the ports below the ephemeral range are candidates: occupy many of them and check that
    // none of the drawn ports is one of those.
    java.util.List<ServerSocket> taken = new java.util.ArrayList<>();
    try {
      for (int p = FreePorts.LOWEST; p < FreePorts.LOWEST + 500; p++) {
        try {
          taken.add(new ServerSocket(p, 1, InetAddress.getLoopbackAddress()));
        } catch (java.io.IOException e) {
          // already taken by another process: as good
        }
      }
      java.util.Set<Integer> listening = new java.util.HashSet<>();
      taken.forEach(s -> listening.add(s.getLocalPort()));
      for (int i = 0; i < 200; i++) {
        int port = FreePorts.one();
        assertTrue(!listening.contains(port), port + " is listened on");
      }
    } finally {
      for (ServerSocket s : taken) {
        s.close();
      }
    }
  }
}
