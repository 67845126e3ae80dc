package org.asperity.bench.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;

/**
 * Start time of the embedded broker: the first start in a fresh JVM (cold: class loading and JIT
 * included, what a launcher or a test JVM pays once) against the median of the following starts
 * (warm: what every further test class pays), and of a start with SCRAM and the authorizer. Not
 * part of the test suite and not a {@code ./asperity bench} subcommand (it measures test
 * infrastructure). Run it on the launcher's class path after {@code mvn -o -q package -DskipTests
 * -pl app -am}:
 *
 * <pre>
 * java -cp "app/target/asperity-app.jar:app/target/lib/*" \
 *     org.asperity.bench.kafka.BrokerStartBenchmark
 * </pre>
 */
public final class BrokerStartBenchmark {
  private static final int WARM_STARTS = 5;
  private static final String TOPIC = TopicNames.defaults().observations();

  private BrokerStartBenchmark() {}

  public static void main(String[] args) {
    Duration cold = timeStart(EmbeddedKafkaBroker.builder().topic(TOPIC, 4));
    List<Duration> warm = new ArrayList<>();
    for (int i = 0; i < WARM_STARTS; i++) {
      warm.add(timeStart(EmbeddedKafkaBroker.builder().topic(TOPIC, 4)));
    }
    List<Duration> secured = new ArrayList<>();
    for (int i = 0; i < WARM_STARTS; i++) {
      secured.add(
          timeStart(
              EmbeddedKafkaBroker.builder()
                  .scramSecurity("admin", "admin-secret")
                  .scramUser("alice", "alice-secret")
                  .topic(TOPIC, 4)));
    }
    Duration warmMedian = median(warm);
    System.out.printf(
        "cold start (first in JVM, with one 4-partition topic): %d ms%n", cold.toMillis());
    System.out.printf(
        "warm start, median of %d: %d ms (cold/warm = %.1f)%n",
        WARM_STARTS, warmMedian.toMillis(), (double) cold.toNanos() / warmMedian.toNanos());
    System.out.printf(
        "warm secured start (SCRAM + authorizer), median of %d: %d ms (secured/plain = %.2f)%n",
        WARM_STARTS,
        median(secured).toMillis(),
        (double) median(secured).toNanos() / warmMedian.toNanos());
  }

  /**
   * Time from the start request to a broker that serves requests and has its topic; close not
   * included.
   */
  private static Duration timeStart(EmbeddedKafkaBroker.Builder builder) {
    long start = System.nanoTime();
    EmbeddedKafkaBroker broker = builder.start();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    broker.close();
    return elapsed;
  }

  private static Duration median(List<Duration> durations) {
    List<Duration> sorted = durations.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
