package org.asperity.bridge.amqp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.asperity.kafka.KafkaClientSettings;

/**
 * The ingest alone in a JVM, for tests that kill it with SIGKILL. Arguments: bootstrap servers,
 * observations topic, dead-letter topic, AMQP port (on 127.0.0.1, as guest), exchange, queue.
 * SIGTERM stops it cleanly and prints the summary.
 */
public final class AmqpIngestProcess {
  private AmqpIngestProcess() {}

  public static void main(String[] args) throws Exception {
    AmqpIngestConfig config =
        new AmqpIngestConfig(
            KafkaClientSettings.of(args[0]),
            args[1],
            args[2],
            AmqpSettings.fromCommandLine(
                null, "127.0.0.1", Integer.parseInt(args[3]), "/", "guest", null, Map.of()),
            args[4],
            "topic",
            "#",
            args[5],
            AmqpIngestConfig.DEFAULT_PREFETCH,
            AmqpIngestConfig.DEFAULT_MAX_MESSAGE_BYTES,
            null,
            Duration.ofMillis(100),
            Duration.ofSeconds(1));
    AmqpIngest ingest = new AmqpIngest(config, System.out::println);
    CountDownLatch finished = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ingest.stop();
                  try {
                    finished.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    try {
      System.out.println(ingest.run().line());
    } finally {
      finished.countDown();
    }
  }
}
