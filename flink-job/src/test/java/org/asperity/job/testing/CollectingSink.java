package org.asperity.job.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that hands records to the test in the same JVM (a MiniCluster runs in the test's process).
 * At-least-once like any non-transactional sink: use it where the job does not restart.
 */
public final class CollectingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Queue<Object>> COLLECTED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectingSink() {
    COLLECTED.put(id, new ConcurrentLinkedQueue<>());
  }

  /** What the sink received so far, in arrival order (per writer subtask). */
  @SuppressWarnings("unchecked")
  public List<T> collected() {
    return new ArrayList<>((Queue<T>) (Queue<?>) COLLECTED.get(id));
  }

  /** Forgets the records (call when done). */
  public void clear() {
    COLLECTED.remove(id);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> queue = COLLECTED.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        queue.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
