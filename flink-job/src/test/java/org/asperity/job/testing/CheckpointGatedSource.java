package org.asperity.job.testing;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.watermark.WatermarkDeclaration;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * A source whose readers, in each attempt of the job, hold their input after {@code polls} polls
 * until a checkpoint completes, while {@code holding} says so: so a test's failure comes after a
 * completed checkpoint however fast the job reads, without a sleep. A held reader is merely not
 * available (its availability future completes with the checkpoint), so the task goes on taking
 * checkpoints; only the timing changes, never what the source reads or in which order. Everything
 * else, splits and their state included, is the wrapped source's.
 */
public final class CheckpointGatedSource<T, S extends SourceSplit, E>
    implements Source<T, S, E>, ResultTypeQueryable<T> {
  private static final long serialVersionUID = 1L;

  private final Source<T, S, E> source;
  private final int polls;
  private final SerializableSupplier<Boolean> holding;

  private CheckpointGatedSource(
      Source<T, S, E> source, int polls, SerializableSupplier<Boolean> holding) {
    this.source = source;
    this.polls = polls;
    this.holding = holding;
  }

  /**
   * @param polls polls a reader makes in an attempt before it waits for that attempt's first
   *     completed checkpoint
   * @param holding whether to wait at all (asked at each poll until the checkpoint)
   */
  public static <T, S extends SourceSplit, E> Source<T, S, E> of(
      Source<T, S, E> source, int polls, SerializableSupplier<Boolean> holding) {
    return new CheckpointGatedSource<>(source, polls, holding);
  }

  @Override
  public Boundedness getBoundedness() {
    return source.getBoundedness();
  }

  @Override
  public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
    return new GatedReader(source.createReader(context));
  }

  @Override
  public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
      throws Exception {
    return source.createEnumerator(context);
  }

  @Override
  public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
      throws Exception {
    return source.restoreEnumerator(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<S> getSplitSerializer() {
    return source.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
    return source.getEnumeratorCheckpointSerializer();
  }

  @Override
  public Set<? extends WatermarkDeclaration> declareWatermarks() {
    return source.declareWatermarks();
  }

  @Override
  @SuppressWarnings("unchecked")
  public TypeInformation<T> getProducedType() {
    return ((ResultTypeQueryable<T>) source).getProducedType();
  }

  /** The wrapped reader, not available while held; a new one (closed gate) in every attempt. */
  private final class GatedReader implements SourceReader<T, S> {
    private final SourceReader<T, S> reader;
    private final CompletableFuture<Void> checkpointed = new CompletableFuture<>();
    private int polled;

    GatedReader(SourceReader<T, S> reader) {
      this.reader = reader;
    }

    private boolean held() {
      return polled >= polls && !checkpointed.isDone() && holding.get();
    }

    @Override
    public void start() {
      reader.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
      if (held()) {
        return InputStatus.NOTHING_AVAILABLE;
      }
      polled++;
      return reader.pollNext(output);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return held() ? checkpointed : reader.isAvailable();
    }

    @Override
    public List<S> snapshotState(long checkpointId) {
      return reader.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
      reader.notifyCheckpointComplete(checkpointId);
      checkpointed.complete(null);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
      reader.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void addSplits(List<S> splits) {
      reader.addSplits(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
      reader.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
      reader.handleSourceEvents(event);
    }

    @Override
    public void pauseOrResumeSplits(Collection<String> pause, Collection<String> resume) {
      reader.pauseOrResumeSplits(pause, resume);
    }

    @Override
    public void close() throws Exception {
      reader.close();
    }
  }
}
