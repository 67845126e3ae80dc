package org.asperity.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone of the repository is all a user has: no file may read from, or send a reader to, a folder
 * beside it, nor cite a document that is not in it.
 */
class RepositoryStandsAloneTest {
  /** Paths and documents outside the repository that our machines have and a clone does not. */
  private static final Pattern OUTSIDE =
      Pattern.compile("\\.\\./shared|/work/shared|\\.\\./\\.library|\\bSTACK\\.md|\\bDESIGN\\.md");

  private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules");

  /** This file names the patterns it forbids. */
  private static final String SELF = "RepositoryStandsAloneTest.java";

  @Test
  void noFileReachesOutsideTheRepository() throws IOException {
    Path root = repositoryRoot();
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (skipped(root.relativize(file)) || file.getFileName().toString().equals(SELF)) {
          continue;
        }
        String text = textOrNull(file);
        if (text == null) {
          continue;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          if (OUTSIDE.matcher(lines[i]).find()) {
            offenders.add(root.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
          }
        }
      }
    }
    assertEquals(List.of(), offenders, "files that reach outside the repository");
  }

  private static Path repositoryRoot() {
    // Maven runs tests in the module directory; the repository root holds the parent POM.
    Path root = Path.of("").toAbsolutePath().getParent();
    assertTrue(Files.isRegularFile(root.resolve("pom.xml")), "no parent POM above " + root);
    assertTrue(Files.isDirectory(root.resolve("architecture")), "not the repository root: " + root);
    return root;
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      if (SKIPPED_DIRECTORIES.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  /** The file's text, or null for a binary file (not UTF-8, or holding NUL bytes). */
  private static String textOrNull(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (byte b : bytes) {
      if (b == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
