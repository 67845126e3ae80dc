package org.asperity.job.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.Test;

class CheckpointGatedSourceTest {
  private static final AtomicBoolean HOLDING = new AtomicBoolean(true);

  /** A reader that always has another record; counts its polls and completed checkpoints. */
  static final class EndlessReader implements SourceReader<Long, SourceSplit> {
    int polls;
    long lastCheckpoint = -1;

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<Long> output) {
      polls++;
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<SourceSplit> snapshotState(long checkpointId) {
      return List.of();
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addSplits(List<SourceSplit> splits) {}

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      lastCheckpoint = checkpointId;
    }

    @Override
    public void close() {}
  }

  /** Only its reader is used here. */
  static final class EndlessSource implements Source<Long, SourceSplit, Void> {
    transient EndlessReader reader;

    @Override
    public Boundedness getBoundedness() {
      return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Long, SourceSplit> createReader(SourceReaderContext context) {
      reader = new EndlessReader();
      return reader;
    }

    @Override
    public SplitEnumerator<SourceSplit, Void> createEnumerator(
        SplitEnumeratorContext<SourceSplit> context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SplitEnumerator<SourceSplit, Void> restoreEnumerator(
        SplitEnumeratorContext<SourceSplit> context, Void checkpoint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SimpleVersionedSerializer<SourceSplit> getSplitSerializer() {
      throw new UnsupportedOperationException();
    }

    @Override
    public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void holdsAfterItsPollsUntilACheckpointCompletesThenPassesEverything() throws Exception {
    HOLDING.set(true);
    EndlessSource endless = new EndlessSource();
    SourceReader<Long, SourceSplit> reader =
        CheckpointGatedSource.of(endless, 3, HOLDING::get).createReader(null);
    for (int i = 0; i < 3; i++) {
      assertEquals(InputStatus.MORE_AVAILABLE, reader.pollNext(null));
    }
    CompletableFuture<Void> available = reader.isAvailable();
    assertFalse(available.isDone(), "held after 3 polls");
    assertEquals(InputStatus.NOTHING_AVAILABLE, reader.pollNext(null));
    assertEquals(3, endless.reader.polls, "a held reader does not poll the source");

    reader.notifyCheckpointComplete(7);
    assertTrue(available.isDone(), "the checkpoint releases it");
    assertEquals(7, endless.reader.lastCheckpoint, "the source hears of the checkpoint too");
    for (int i = 0; i < 100; i++) {
      assertEquals(InputStatus.MORE_AVAILABLE, reader.pollNext(null));
    }
    assertTrue(reader.isAvailable().isDone());
  }

  @Test
  void doesNotHoldWhenTheTestNeedsNoCheckpoint() throws Exception {
    HOLDING.set(false);
    EndlessSource endless = new EndlessSource();
    SourceReader<Long, SourceSplit> reader =
        CheckpointGatedSource.of(endless, 3, HOLDING::get).createReader(null);
    for (int i = 0; i < 10; i++) {
      assertEquals(InputStatus.MORE_AVAILABLE, reader.pollNext(null));
    }
    assertTrue(reader.isAvailable().isDone());
  }
}
