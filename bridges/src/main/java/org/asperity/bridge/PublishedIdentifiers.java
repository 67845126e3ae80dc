package org.asperity.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The CAP identifiers the broker has accepted, on disk: one per line, appended and forced to the
 * device after the broker's acknowledgement and before the Kafka offset commit. A bridge restarted
 * after a crash between the two re-reads the record from Kafka, finds its identifier here and does
 * not publish it again.
 *
 * <p>Only the newest {@code capacity} identifiers are kept (the file is rewritten atomically when
 * it holds twice as many): enough for any record that can come back after a restart, since offsets
 * are committed after every message. A torn last line (a crash while appending) is ignored: the
 * broker has then accepted that message but its offset was never committed, the one case where a
 * restart publishes a message twice.
 */
final class PublishedIdentifiers implements AutoCloseable {
  static final String FILE_NAME = "published-cap-identifiers.txt";
  static final int DEFAULT_CAPACITY = 100_000;

  private final Path file;
  private final int capacity;
  private final LinkedHashSet<String> identifiers = new LinkedHashSet<>();
  private FileChannel channel;
  private int linesInFile;

  private PublishedIdentifiers(Path file, int capacity) {
    this.file = file;
    this.capacity = capacity;
  }

  /** The record in {@code stateDirectory} (created if missing). */
  static PublishedIdentifiers open(Path stateDirectory, int capacity) {
    PublishedIdentifiers published =
        new PublishedIdentifiers(stateDirectory.resolve(FILE_NAME), capacity);
    try {
      Files.createDirectories(stateDirectory);
      published.load();
      published.rewrite();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot use the bridge's state directory " + stateDirectory + ": " + e.getMessage(), e);
    }
    return published;
  }

  boolean contains(String identifier) {
    return identifiers.contains(identifier);
  }

  int size() {
    return identifiers.size();
  }

  /** Records {@code identifier} durably: on the device when this returns. */
  void add(String identifier) {
    if (identifier.indexOf('\n') >= 0 || identifier.indexOf('\r') >= 0) {
      // The schema's string type allows no line breaks here; kept as a guard on the file format.
      throw new IllegalArgumentException("a CAP identifier with a line break");
    }
    try {
      channel.write(ByteBuffer.wrap((identifier + "\n").getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      linesInFile++;
      identifiers.add(identifier);
      dropOldest();
      if (linesInFile >= 2 * capacity) {
        rewrite();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record a published identifier in " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void load() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    String content = Files.readString(file, StandardCharsets.UTF_8);
    int end = content.lastIndexOf('\n');
    if (end < 0) {
      return;
    }
    for (String line : content.substring(0, end).split("\n", -1)) {
      if (!line.isEmpty()) {
        identifiers.add(line);
      }
    }
    dropOldest();
  }

  private void dropOldest() {
    Iterator<String> oldestFirst = identifiers.iterator();
    while (identifiers.size() > capacity) {
      oldestFirst.next();
      oldestFirst.remove();
    }
  }

  /** Writes the kept identifiers to a new file and moves it over the old one in one step. */
  private void rewrite() throws IOException {
    close();
    Path next = file.resolveSibling(FILE_NAME + ".next");
    List<String> lines = new ArrayList<>(identifiers);
    try (FileChannel out =
        FileChannel.open(
            next,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      StringBuilder text = new StringBuilder();
      for (String line : lines) {
        text.append(line).append('\n');
      }
      out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
      out.force(true);
    }
    Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    linesInFile = lines.size();
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }
}
