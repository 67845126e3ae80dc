package org.asperity.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay could not read: counted by reason, with the first examples kept with their location
 * (file and line, or topic, partition and offset). In strict mode the first reject stops the replay
 * with a {@link ReplayException} that names it.
 *
 * <p>Two softer kinds of record are kept apart from rejects, and never stop a strict replay: lines
 * <em>dropped</em> on purpose (a second line for a station and epoch already read), counted by
 * reason like rejects; and <em>notes</em> about how a file was read (lines sorted into time order,
 * a format told by content rather than extension, a Latin-1 file).
 */
public final class RejectLog {
  /** How many examples to keep for the summary. */
  public static final int EXAMPLES = 20;

  /** One rejected line or record. */
  public record Reject(String source, String location, String reason, String detail) {
    @Override
    public String toString() {
      return source + " " + location + ": " + reason + " (" + detail + ")";
    }
  }

  private final boolean strict;
  private final Map<String, Long> countsByReason = new TreeMap<>();
  private final List<Reject> examples = new ArrayList<>();
  private long total;
  private final Map<String, Long> dropsByReason = new TreeMap<>();
  private final List<Reject> dropExamples = new ArrayList<>();
  private long dropped;
  private final List<String> notes = new ArrayList<>();

  public RejectLog(boolean strict) {
    this.strict = strict;
  }

  /** Records a reject; in strict mode throws instead. */
  public void reject(String source, String location, String reason, String detail) {
    Reject reject = new Reject(source, location, reason, detail);
    if (strict) {
      throw new ReplayException("stopped at the first malformed input (--strict): " + reject);
    }
    total++;
    countsByReason.merge(reason, 1L, Long::sum);
    if (examples.size() < EXAMPLES) {
      examples.add(reject);
    }
  }

  /** Records a line left out on purpose (e.g. a duplicate epoch); never throws. */
  public void drop(String source, String location, String reason, String detail) {
    dropped++;
    dropsByReason.merge(reason, 1L, Long::sum);
    if (dropExamples.size() < EXAMPLES) {
      dropExamples.add(new Reject(source, location, reason, detail));
    }
  }

  /** Records how a source was read, for the summary. */
  public void note(String text) {
    if (notes.size() < EXAMPLES) {
      notes.add(text);
    }
  }

  public long dropped() {
    return dropped;
  }

  public Map<String, Long> dropsByReason() {
    return Collections.unmodifiableMap(dropsByReason);
  }

  public List<Reject> dropExamples() {
    return Collections.unmodifiableList(dropExamples);
  }

  /** Rejects and drops together, by reason: every line or record not replayed. */
  public Map<String, Long> skippedByReason() {
    Map<String, Long> all = new TreeMap<>(countsByReason);
    dropsByReason.forEach((reason, count) -> all.merge(reason, count, Long::sum));
    return all;
  }

  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  public long total() {
    return total;
  }

  public Map<String, Long> countsByReason() {
    return Collections.unmodifiableMap(countsByReason);
  }

  public List<Reject> examples() {
    return Collections.unmodifiableList(examples);
  }
}
