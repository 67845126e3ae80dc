package org.asperity.replay.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicWriter;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.wire.Codecs;

/**
 * Catalog events to a topic, keyed by region (the catalog topic's key), with the idempotent,
 * acknowledged producer defaults; {@link #close} flushes and fails if any send failed.
 */
public final class KafkaCatalogSink implements CatalogImport.Sink, Closeable {
  private final TopicWriter writer;

  public KafkaCatalogSink(KafkaClientSettings settings, String topic) {
    this.writer = new TopicWriter(settings, topic);
  }

  @Override
  public void accept(EarthquakeEvent event) throws IOException {
    writer.send(
        event.getRegion().getBytes(StandardCharsets.UTF_8), Codecs.EARTHQUAKE_EVENT.encode(event));
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
