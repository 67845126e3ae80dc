package org.asperity.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a benchmark ran on, printed with its numbers: they mean little without the cores, the heap,
 * the JVM and how busy the machine was (a shared 2-core machine at load 6 is not an idle one).
 */
public record Machine(int cores, long maxHeapBytes, String java, String os, Optional<String> cpu) {

  /** This JVM and machine. */
  public static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        cpuModel());
  }

  /** The 1-minute load average, or NaN where the OS does not report one. */
  public static double loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? Double.NaN : load;
  }

  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d cores%s, max heap %.1f GiB, %s, %s",
        cores,
        cpu.map(c -> " (" + c + ")").orElse(""),
        maxHeapBytes / (1024.0 * 1024 * 1024),
        java,
        os);
  }

  private static Optional<String> cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return Optional.empty();
    }
    try (var lines = Files.lines(cpuinfo)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim().replaceAll("\\s+", " "));
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
