package org.asperity.app.dashboards;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own checker, {@code promtool} (Debian's {@code prometheus} package, which .ci/run
 * installs). A test that needs it fails when it is missing rather than passing without checking.
 */
final class Promtool {
  private static final long TIMEOUT_SECONDS = 60;

  /** What one run printed (stdout and stderr together) and its exit code. */
  record Result(int exitCode, String output) {
    boolean clean() {
      return exitCode == 0 && output.isBlank();
    }
  }

  private final Path executable;

  private Promtool(Path executable) {
    this.executable = executable;
  }

  /** The promtool on the PATH; an AssertionError saying how to install it when there is none. */
  static Promtool onPath() {
    return find()
        .map(Promtool::new)
        .orElseThrow(
            () ->
                new AssertionError(
                    "promtool is not on the PATH: install Debian's prometheus package"
                        + " (apt-get install prometheus; .ci/run installs it)"));
  }

  private static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code promtool check metrics} on a scrape body: the lint findings (counters without {@code
   * _total}, non-base units, reserved labels, missing help), blank output when there are none.
   */
  Result checkMetrics(String exposition) throws IOException, InterruptedException {
    return runWithInput(exposition, List.of("check", "metrics"));
  }

  /** {@code promtool <args>}, e.g. {@code check rules file.yml}. */
  Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, List.of(args));
  }

  private Result runWithInput(String stdin, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return "(output unreadable: " + e + ")";
              }
            });
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
    }
    return new Result(process.exitValue(), output.join());
  }
}
