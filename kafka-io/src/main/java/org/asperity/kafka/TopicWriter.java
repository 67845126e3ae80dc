package org.asperity.kafka;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Keyed records to one topic with the observation producers' defaults (idempotent, acknowledged,
 * batched, compressed) under the operator's settings. Sends are asynchronous; the first one that
 * fails is remembered, and the next {@link #send} or the {@link #close} (which flushes) throws it
 * in one sentence, so a writer stops at the first lost record instead of carrying on.
 */
public final class TopicWriter implements Closeable {
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Callback callback =
      (metadata, e) -> {
        if (e != null) {
          failure.compareAndSet(null, e);
        }
      };

  public TopicWriter(KafkaClientSettings settings, String topic) {
    this.producer =
        new KafkaProducer<>(
            ObservationProducers.properties(settings),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.topic = topic;
  }

  /**
   * Sends one record.
   *
   * @throws IOException when an earlier send failed
   */
  public void send(byte[] key, byte[] value) throws IOException {
    check();
    producer.send(new ProducerRecord<>(topic, key, value), callback);
  }

  private void check() throws IOException {
    Exception e = failure.get();
    if (e != null) {
      throw new IOException("writing to " + topic + " failed: " + KafkaErrors.describe(e), e);
    }
  }

  /** Flushes, then closes the producer; throws if any send failed. */
  @Override
  public void close() throws IOException {
    try {
      producer.flush();
      check();
    } finally {
      producer.close();
    }
  }
}
