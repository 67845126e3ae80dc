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
