package org.asperity.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.asperity.kafka.KafkaClientSettings;

/**
 * The bridge alone in a JVM, for tests that kill it with SIGKILL. Arguments: bootstrap servers, CAP
 * topic, dead-letter topic, group id, ActiveMQ URL, ActiveMQ topic, state directory, and optionally
 * {@code --halt-after-recording}: die (as by SIGKILL) right after the first message is published
 * and recorded, before its offset is committed.
 */
public final class BridgeProcess {
  private BridgeProcess() {}

  public static void main(String[] args) throws Exception {
    BridgeConfig config =
        new BridgeConfig(
            KafkaClientSettings.of(args[0]),
            args[1],
            args[2],
            args[3],
            ActiveMqSettings.of(args[4]),
            args[5],
            Path.of(args[6]),
            Duration.ofMillis(100),
            Duration.ofSeconds(1));
    boolean halt = args.length > 7 && args[7].equals("--halt-after-recording");
    ActiveMqBridge bridge =
        new ActiveMqBridge(
            config,
            line -> System.out.println(line),
            () -> {
              if (halt) {
                System.out.println("halting after recording");
                System.out.flush();
                Runtime.getRuntime().halt(137);
              }
            });
    CountDownLatch finished = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  bridge.stop();
                  try {
                    finished.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    try {
      System.out.println(bridge.run().line());
    } finally {
      finished.countDown();
    }
  }
}
