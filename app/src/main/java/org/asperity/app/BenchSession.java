package org.asperity.app;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.asperity.bench.Machine;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.KafkaOptions;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.time.Durations;

/**
 * What every benchmark run shares: the machine and its load printed at start and end, and the Kafka
 * it runs on. The embedded broker (the default) keeps every record (no retention by size) and goes
 * away with its data when the run ends; on the user's cluster the topics the run created are
 * deleted again.
 */
final class BenchSession implements AutoCloseable {
  /**
   * Name prefixes of the topics the benchmarks create (one set per run, named by its start time).
   */
  private static final List<String> RUN_TOPIC_PREFIXES = List.of("bench-", "latency-");

  private final PrintStream out;
  private final double loadAtStart;
  private final EmbeddedKafkaBroker broker;
  private final KafkaClientSettings kafka;
  private final Set<String> topicsBefore;

  private BenchSession(
      PrintStream out,
      double loadAtStart,
      EmbeddedKafkaBroker broker,
      KafkaClientSettings kafka,
      Set<String> topicsBefore) {
    this.out = out;
    this.loadAtStart = loadAtStart;
    this.broker = broker;
    this.kafka = kafka;
    this.topicsBefore = topicsBefore;
  }

  /** Prints the machine; no Kafka (the state benchmark). */
  static BenchSession withoutKafka(PrintStream out) {
    double load = printMachine(out);
    return new BenchSession(out, load, null, null, Set.of());
  }

  /** Prints the machine, then starts the embedded broker or connects to the user's cluster. */
  static BenchSession withKafka(KafkaOptions options, PrintStream out) throws Exception {
    double load = printMachine(out);
    if (options.hasCluster()) {
      KafkaClientSettings kafka = options.settings(null);
      Set<String> before = topicNames(kafka);
      out.printf(
          Locale.ROOT,
          "kafka:   %s (your cluster; the run's topics are deleted at the end)%n",
          kafka.bootstrapServers());
      return new BenchSession(out, load, null, kafka, before);
    }
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder()
            .brokerProperty("log.retention.bytes", "-1")
            .brokerProperty("log.segment.bytes", Integer.toString(512 * 1024 * 1024))
            .start();
    out.printf(
        Locale.ROOT,
        "kafka:   embedded KRaft broker on %s (started in %.1f s)%n",
        broker.bootstrapServers(),
        broker.startupDuration().toMillis() / 1000.0);
    return new BenchSession(
        out, load, broker, options.settings(broker.bootstrapServers()), Set.of());
  }

  /** A model's features in one line: count, tick, windows, layout. */
  static String describeFeatures(org.asperity.job.scoring.JobModel model) {
    var spec = model.featureSpec();
    return String.format(
        Locale.ROOT,
        "%d features, a tick every %s, windows %d/%d/%d ticks, %d-station layout",
        spec.schema().size(),
        Durations.format(Duration.of(spec.config().tickIntervalMicros(), ChronoUnit.MICROS)),
        spec.config().shortWindowSamples(),
        spec.config().mediumWindowSamples(),
        spec.config().longWindowSamples(),
        spec.layout().stationCount());
  }

  KafkaClientSettings kafka() {
    return kafka;
  }

  private static double printMachine(PrintStream out) {
    double load = Machine.loadAverage();
    out.printf(
        Locale.ROOT,
        "machine: %s; load average %.2f at start%n",
        Machine.current().describe(),
        load);
    return load;
  }

  @Override
  public void close() throws Exception {
    try {
      if (kafka != null && broker == null) {
        deleteRunTopics();
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
      out.printf(
          Locale.ROOT,
          "load average: %.2f at start, %.2f at end (1-minute averages of the whole machine)%n",
          loadAtStart,
          Machine.loadAverage());
    }
  }

  private void deleteRunTopics() {
    try (Admin admin = Admin.create(kafka.admin())) {
      Set<String> created = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
      created.removeAll(topicsBefore);
      created.removeIf(t -> RUN_TOPIC_PREFIXES.stream().noneMatch(t::startsWith));
      if (!created.isEmpty()) {
        admin.deleteTopics(created).all().get(60, TimeUnit.SECONDS);
        out.printf(Locale.ROOT, "deleted the run's %d topics from the cluster%n", created.size());
      }
    } catch (Exception e) {
      out.printf(
          Locale.ROOT,
          "could not delete the run's topics (%s): delete topics named bench-* / latency-*"
              + " created just now by hand%n",
          KafkaErrors.describe(e));
    }
  }

  private static Set<String> topicNames(KafkaClientSettings kafka) throws Exception {
    try (Admin admin = Admin.create(kafka.admin())) {
      return new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot list the cluster's topics: " + KafkaErrors.describe(e), e);
    }
  }

  /**
   * Waits with a progress line: seconds since the start and what {@code counter} reports, when it
   * changes.
   */
  static AutoCloseable ticker(
      PrintStream out, Duration every, java.util.function.LongSupplier counter, String what) {
    long start = System.nanoTime();
    Thread thread =
        new Thread(
            () -> {
              long last = 0;
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
                long now = counter.getAsLong();
                if (now != last) {
                  out.printf(
                      Locale.ROOT,
                      "  %4d s: %,d %s%n",
                      (System.nanoTime() - start) / 1_000_000_000L,
                      now,
                      what);
                  last = now;
                }
              }
            },
            "asperity-bench-progress");
    thread.setDaemon(true);
    thread.start();
    return () -> {
      thread.interrupt();
      thread.join();
    };
  }
}
