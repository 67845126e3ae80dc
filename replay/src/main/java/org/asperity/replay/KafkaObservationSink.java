package org.asperity.replay;

import java.io.IOException;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.StationKey;
import org.asperity.kafka.TopicWriter;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.wire.Codecs;

/**
 * Replayed observations to a topic, keyed {@code network/station}, marked {@code REPLAY}, with the
 * observation producers' defaults (idempotent, batched, compressed) under the operator's settings.
 * A failed send stops the replay at the next record with the cause in one sentence.
 */
public final class KafkaObservationSink implements ObservationSink {
  private final TopicWriter writer;

  public KafkaObservationSink(KafkaClientSettings settings, String topic) {
    this.writer = new TopicWriter(settings, topic);
  }

  @Override
  public void accept(GnssObservation o) throws IOException {
    o.setSource(ObservationSource.REPLAY);
    writer.send(StationKey.of(o).toBytes(), Codecs.GNSS_OBSERVATION.encode(o));
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
