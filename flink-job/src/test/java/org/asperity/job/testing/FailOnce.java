package org.asperity.job.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.asperity.job.ingest.Observation;

/**
 * A deterministic failure for crash-and-restore tests: subtask 0 throws once, at its first record
 * after {@code afterRecords} once a checkpoint has completed (so the restart restores real state),
 * slowing its input until then. Remembered per test id in this JVM, so the restarted job runs
 * through.
 */
public final class FailOnce extends RichMapFunction<Observation, Observation>
    implements CheckpointListener {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();
  private static final Map<String, String> LAST_RUN = new ConcurrentHashMap<>();

  private final String id;
  private final long afterRecords;
  private transient long seen;
  private transient boolean checkpointed;

  public FailOnce(String id, long afterRecords) {
    this.id = id;
    this.afterRecords = afterRecords;
  }

  /** Whether the failure with this id was thrown. */
  public static boolean failed(String id) {
    return FAILED.contains(id);
  }

  @Override
  public Observation map(Observation o) throws InterruptedException {
    seen++;
    if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() != 0 || FAILED.contains(id)) {
      return o;
    }
    if (checkpointed && seen >= afterRecords && FAILED.add(id)) {
      throw new IllegalStateException(
          "injected failure after " + seen + " records (test " + id + ")");
    }
    if (!checkpointed && (seen >= afterRecords || seen % 20 == 0)) {
      // Hold the stream back until a checkpoint completes, so the failure always comes mid-stream
      // after one, however fast the job reads; only the timing changes, never the output.
      Thread.sleep(1);
    }
    return o;
  }

  @Override
  public void close() {
    if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
      LAST_RUN.put(id, "subtask 0 saw " + seen + " records, checkpoint completed: " + checkpointed);
    }
  }

  /** What subtask 0 saw in its last attempt (for failure messages). */
  public static String lastRun(String id) {
    return LAST_RUN.getOrDefault(id, "never ran");
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    checkpointed = true;
  }
}
