package org.asperity.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of everything that writes observation streams (the simulator and replay):
 * Asperity's defaults for high-volume, ordered, exactly-once-per-partition sends, below the
 * operator's settings.
 */
public final class ObservationProducers {
  private ObservationProducers() {}

  /** Batched (linger 20 ms, 256 KiB batches), lz4-compressed, idempotent with {@code acks=all}. */
  public static final Map<String, String> DEFAULTS =
      Map.of(
          ProducerConfig.ACKS_CONFIG, "all",
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
          ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
          ProducerConfig.LINGER_MS_CONFIG, "20",
          ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024),
          ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));

  /** Producer properties: the defaults, then the operator's settings. */
  public static Properties properties(KafkaClientSettings settings) {
    Properties p = new Properties();
    p.putAll(DEFAULTS);
    p.putAll(settings.producer());
    return p;
  }
}
