package org.asperity.job.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.asperity.job.ingest.Observation;

/**
 * A deterministic failure for crash-and-restore tests: subtask 0 throws once, at its first record
 * after {@code afterRecords} once a checkpoint has completed (so the restart restores real state).
 * Remembered per test id in this JVM, so the restarted job runs through.
 */
public final class FailOnce extends RichMapFunction<Observation, Observation> implements CheckpointListener {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

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
  public Observation map(Observation o) {
    seen++;
    if (checkpointed && seen >= afterRecords && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0
        && FAILED.add(id)) {
      throw new IllegalStateException("injected failure after " + seen + " records (test " + id + ")");
    }
    return o;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    checkpointed = true;
  }
}
