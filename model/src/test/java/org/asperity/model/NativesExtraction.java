package org.asperity.model;

import java.nio.file.Path;

/**
 * Child-JVM entry point for {@link OnnxNativesTest}: extracts into a cache root, prints the
 * directory.
 */
public final class NativesExtraction {

  private NativesExtraction() {}

  public static void main(String[] args) throws Exception {
    System.out.println(OnnxNatives.extract(Path.of(args[0]), args[1]));
  }
}
