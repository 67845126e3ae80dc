package org.asperity.replay.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.ObservationProducers;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.wire.Codecs;

/**
 * Catalog events to a topic, keyed by region (the catalog topic's key), with the idempotent,
 * acknowledged producer defaults; {@link #close} flushes and fails if any send failed.
 */
public final class KafkaCatalogSink implements CatalogImport.Sink, Closeable {
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Callback callback =
      (metadata, e) -> {
        if (e != null) {
          failure.compareAndSet(null, e);
        }
      };

  public KafkaCatalogSink(KafkaClientSettings settings, String topic) {
    this.producer =
        new KafkaProducer<>(
            ObservationProducers.properties(settings),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.topic = topic;
  }

  @Override
  public void accept(EarthquakeEvent event) throws IOException {
    check();
    producer.send(
        new ProducerRecord<>(
            topic,
            event.getRegion().getBytes(StandardCharsets.UTF_8),
            Codecs.EARTHQUAKE_EVENT.encode(event)),
        callback);
  }

  private void check() throws IOException {
    Exception e = failure.get();
    if (e != null) {
      throw new IOException("writing to " + topic + " failed: " + KafkaErrors.describe(e), e);
    }
  }

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
