package org.asperity.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM started by the launcher with its own java and class path, under {@link ParentWatch} (so it
 * exits with the launcher), its output appended to a log file.
 */
final class ChildJvm {
  /** Flink 2.x on Java 17 reflects into these JDK packages (as its distribution's config opens). */
  private static final List<String> OPENS =
      List.of(
          "java.lang",
          "java.net",
          "java.io",
          "java.nio",
          "sun.nio.ch",
          "java.lang.reflect",
          "java.text",
          "java.time",
          "java.util",
          "java.util.concurrent",
          "java.util.concurrent.atomic",
          "java.util.concurrent.locks");

  /** System properties the children inherit from the launcher when it has them. */
  private static final List<String> INHERITED_PROPERTIES =
      List.of("org.apache.avro.SERIALIZABLE_PACKAGES", "asperity.home", "asperity.cache");

  private ChildJvm() {}

  /**
   * Starts {@code mainClass} with {@code arguments} in a new JVM with {@code jvmOptions}; its
   * standard output and error go to {@code log}.
   */
  static Process start(String mainClass, List<String> jvmOptions, List<String> arguments, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    OPENS.forEach(p -> command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
    for (String property : INHERITED_PROPERTIES) {
      String value = System.getProperty(property);
      if (value != null) {
        command.add("-D" + property + "=" + value);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ParentWatch.class.getName());
    command.add(mainClass);
    command.addAll(arguments);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // Standard input stays a pipe from this JVM: ParentWatch exits when it closes.
    builder.environment().putIfAbsent("ORT_DISABLE_TELEMETRY", "1");
    return builder.start();
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
