package org.asperity.replay;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.ObservationProducers;
import org.asperity.kafka.StationKey;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.wire.Codecs;

/**
 * Replayed observations to a topic, keyed {@code network/station}, marked {@code REPLAY}, with the
 * observation producers' defaults (idempotent, batched, compressed) under the operator's settings.
 * A failed send stops the replay at the next record with the cause in one sentence.
 */
public final class KafkaObservationSink implements ObservationSink {
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Callback callback =
      (metadata, e) -> {
        if (e != null) {
          failure.compareAndSet(null, e);
        }
      };

  public KafkaObservationSink(KafkaClientSettings settings, String topic) {
    this.producer =
        new KafkaProducer<>(
            ObservationProducers.properties(settings),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.topic = topic;
  }

  @Override
  public void accept(GnssObservation o) throws IOException {
    check();
    o.setSource(ObservationSource.REPLAY);
    producer.send(
        new ProducerRecord<>(topic, StationKey.of(o).toBytes(), Codecs.GNSS_OBSERVATION.encode(o)),
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
