package org.asperity.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedIdentifiersTest {
  @TempDir Path state;

  @Test
  void whatWasRecordedIsThereAfterAReopen() {
    try (PublishedIdentifiers published = PublishedIdentifiers.open(state, 10)) {
      published.add("a-1");
      published.add("a-2");
    }
    try (PublishedIdentifiers reopened = PublishedIdentifiers.open(state, 10)) {
      assertTrue(reopened.contains("a-1"));
      assertTrue(reopened.contains("a-2"));
      assertFalse(reopened.contains("a-3"));
    }
  }

  @Test
  void aLineTornByACrashIsNotTakenAsPublished() throws Exception {
    try (PublishedIdentifiers published = PublishedIdentifiers.open(state, 10)) {
      published.add("a-1");
    }
    Files.writeString(
        state.resolve(PublishedIdentifiers.FILE_NAME),
        "a-2",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    try (PublishedIdentifiers reopened = PublishedIdentifiers.open(state, 10)) {
      assertTrue(reopened.contains("a-1"));
      assertFalse(reopened.contains("a-2"));
      reopened.add("a-3");
    }
    try (PublishedIdentifiers again = PublishedIdentifiers.open(state, 10)) {
      assertTrue(again.contains("a-3"));
      assertFalse(again.contains("a-2"));
    }
  }

  @Test
  void keepsTheNewestUpToItsCapacity() throws Exception {
    try (PublishedIdentifiers published = PublishedIdentifiers.open(state, 3)) {
      for (int i = 1; i <= 10; i++) {
        published.add("a-" + i);
      }
      assertEquals(3, published.size());
      assertFalse(published.contains("a-7"));
      assertTrue(published.contains("a-8"));
    }
    try (PublishedIdentifiers reopened = PublishedIdentifiers.open(state, 3)) {
      assertTrue(reopened.contains("a-10"));
      assertFalse(reopened.contains("a-7"));
    }
    assertTrue(Files.readAllLines(state.resolve(PublishedIdentifiers.FILE_NAME)).size() <= 6);
  }
}
