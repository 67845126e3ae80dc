package org.asperity.job.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.asperity.job.JobTopology;
import org.asperity.job.ingest.Observation;

/**
 * Deterministic failures for crash-and-restore tests: subtask 0 throws once at each of the given
 * positions of its input (records counted across restarts: the count is checkpointed, so a restart
 * resumes it from the restored checkpoint), each only once a checkpoint has completed in the
 * current attempt (so every restart restores real state), its input held until then by the
 * observations source that {@link #taps} wraps, and at least {@code replayRecords} records after
 * that checkpoint's position (so the restart replays them, with whatever the job wrote meanwhile in
 * transactions it must now abort). A position given twice fails again as soon as the restarted job
 * reaches it, before any new checkpoint, as a poison record would: two restarts from the same
 * checkpoint. Thrown failures are remembered per test id in this JVM, so each fires once and the
 * last restart runs through.
 */
public final class FailOnce extends RichMapFunction<Observation, Observation>
    implements CheckpointListener, CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  /**
   * Polls a source reader makes in each attempt before it waits for the attempt's first completed
   * checkpoint: about a thousand records, far fewer than any failure position less the records it
   * must replay.
   */
  private static final int POLLS_BEFORE_CHECKPOINT = 1_000;

  private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
  private static final Map<String, String> LAST_RUN = new ConcurrentHashMap<>();
  private static final Map<String, Long> RECORDS = new ConcurrentHashMap<>();

  private final String id;
  private final long[] positions;
  private final long replayRecords;
  private transient long seen;
  private transient long checkpointedSeen;
  private transient Map<Long, Long> snapshots;
  private transient boolean checkpointed;
  private transient ListState<Long> seenState;

  /** One failure, at the first record after {@code afterRecords} (and a checkpoint). */
  public FailOnce(String id, long afterRecords) {
    this(id, 0, new long[] {afterRecords});
  }

  private FailOnce(String id, long replayRecords, long[] positions) {
    if (positions.length == 0) {
      throw new IllegalArgumentException("no failure position");
    }
    this.id = id;
    this.replayRecords = replayRecords;
    this.positions = positions.clone();
    Arrays.sort(this.positions);
  }

  /**
   * One failure at each of these input positions of subtask 0, once each, each at least {@code
   * replayRecords} after the last completed checkpoint.
   */
  public static FailOnce at(String id, long replayRecords, long... positions) {
    return new FailOnce(id, replayRecords, positions);
  }

  /** Whether a failure with this id was thrown. */
  public static boolean failed(String id) {
    return thrown(id) > 0;
  }

  /** How many failures with this id were thrown. */
  public static int thrown(String id) {
    return thrown(id, Integer.MAX_VALUE);
  }

  private static int thrown(String id, int limit) {
    int n = 0;
    while (n < limit && FAILED.contains(key(id, n))) {
      n++;
    }
    return n;
  }

  private static String key(String id, int failure) {
    return id + "#" + failure;
  }

  @Override
  public Observation map(Observation o) {
    seen++;
    if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() != 0) {
      return o;
    }
    int next = thrown(id, positions.length);
    if (next == positions.length) {
      return o;
    }
    long position = positions[next];
    boolean repeat = next > 0 && positions[next - 1] == position;
    boolean replays = repeat || (checkpointed && seen - checkpointedSeen >= replayRecords);
    if (seen >= position && replays && FAILED.add(key(id, next))) {
      throw new IllegalStateException(
          "injected failure "
              + (next + 1)
              + " of "
              + positions.length
              + " at record "
              + seen
              + ", "
              + (seen - checkpointedSeen)
              + " after the last checkpoint's"
              + " (test "
              + id
              + ")");
    }
    return o;
  }

  /**
   * The taps that inject these failures: this function (named {@code name}) on the validated
   * observations, and the observations source held, in each attempt, after a few polls until a
   * checkpoint completes, so each failure comes mid-stream after one however fast the job reads
   * (only the timing changes, never the output). Not held when the next failure is a repeat (it
   * must come before any new checkpoint) or none is left.
   */
  public JobTopology.Taps taps(String name) {
    return new JobTopology.Taps(
        source ->
            CheckpointGatedSource.of(source, POLLS_BEFORE_CHECKPOINT, this::nextNeedsCheckpoint),
        s -> s.map(this, Observation.TYPE_INFO).name(name));
  }

  private boolean nextNeedsCheckpoint() {
    int next = thrown(id, positions.length);
    return next < positions.length && !(next > 0 && positions[next - 1] == positions[next]);
  }

  @Override
  public void close() {
    if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
      RECORDS.put(id, seen);
      LAST_RUN.put(
          id,
          "subtask 0 at record "
              + seen
              + ", checkpoint completed: "
              + checkpointed
              + ", failures thrown: "
              + thrown(id));
    }
  }

  /**
   * The records subtask 0 had read when its last attempt closed: all of its input once the job
   * finished (a FailOnce at no reachable position just counts).
   */
  public static long records(String id) {
    return RECORDS.getOrDefault(id, 0L);
  }

  /** What subtask 0 saw in its last attempt (for failure messages). */
  public static String lastRun(String id) {
    return LAST_RUN.getOrDefault(id, "never ran");
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    Long position = snapshots.remove(checkpointId);
    if (position != null) {
      checkpointed = true;
      checkpointedSeen = position;
    }
    snapshots.keySet().removeIf(id -> id < checkpointId);
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    seenState.update(List.of(seen));
    snapshots.put(context.getCheckpointId(), seen);
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    seenState =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("records seen", Types.LONG));
    snapshots = new ConcurrentHashMap<>();
    seen = 0;
    for (Long s : seenState.get()) {
      seen = Math.max(seen, s);
    }
  }
}
