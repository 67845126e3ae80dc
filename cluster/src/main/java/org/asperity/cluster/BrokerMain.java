package org.asperity.cluster;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;

/**
 * The cluster's Kafka broker in a JVM of its own: {@code BrokerMain DATA_DIRECTORY CLIENT_PORT}.
 * Its data stays in the directory, so a broker restarted there (after a crash too) serves the same
 * topics, offsets and transactions at the same address. Prints {@code broker ready HOST:PORT} once
 * it serves clients; stops on SIGTERM.
 */
public final class BrokerMain {
  static final String READY = "broker ready ";

  private BrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: BrokerMain DATA_DIRECTORY CLIENT_PORT");
    }
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .dataDirectory(Path.of(args[0]))
            .clientPort(Integer.parseInt(args[1]))
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
    System.out.println(READY + broker.bootstrapServers());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
