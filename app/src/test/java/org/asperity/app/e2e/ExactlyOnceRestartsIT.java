package org.asperity.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.logging.log4j.Level;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionLayout;
import org.asperity.job.JobOptions;
import org.asperity.job.LocalJob;
import org.asperity.job.testing.FailOnce;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.kafka.Topic;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly once across restarts: a bounded replay fails at several points (each after a completed
 * checkpoint, so each restart restores state and its sinks' pending transactions), and what a
 * read_committed consumer sees equals a run without failures; the Kafka sink logs nothing on the
 * way but the repeated commit of already committed transactions on recovery (see below).
 */
class ExactlyOnceRestartsIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final TopicNames INPUT = TopicNames.defaults();

  /**
   * Where the job fails, as fractions of subtask 0's input: early, middle (twice: the second time
   * before a new checkpoint, as a poison record would), late in the replay.
   */
  private static final double[] FAILURES = {0.25, 0.5, 0.5, 0.8};

  /**
   * Records subtask 0 reads past its last completed checkpoint before failing: the restart replays
   * them, and what the job wrote meanwhile (alerts among them) must reach the topics once.
   */
  private static final long REPLAY_RECORDS = 3_000;

  @Test
  void alertsAndForecastsOfARunFailingFourTimesEqualThoseOfAnUninterruptedOne(
      EmbeddedKafkaBroker broker) throws Exception {
    TestKafka kafka = new TestKafka(broker);
    TopicNames clean = TopicNames.ofRun("clean");
    TopicNames failing = TopicNames.ofRun("failing");
    try (TopicAdmin admin = TopicAdmin.connect(kafka.settings())) {
      admin.ensureTopics(INPUT.all(), Duration.ofSeconds(30));
      admin.ensureTopics(clean.all(), Duration.ofSeconds(30));
      admin.ensureTopics(failing.all(), Duration.ofSeconds(30));
    }
    SimulationConfig simulation =
        CrashRestoreIT.withEarlyEarthquakes(
            SimulationConfig.builder()
                .preset(Preset.NATURE)
                .seed(23)
                .regions(2)
                .durationYears(2.0)
                .spinUpYears(500)
                .build());
    FeatureConfig config = FeatureConfig.defaults().toBuilder().windows(10, 30, 90).build();
    Map<String, List<FeatureVector>> offline =
        SimulatedNetworks.writeToKafka(simulation, kafka.settings(), INPUT, config);
    RegionLayout layout = SimulatedNetworks.layout(simulation);
    byte[] model = CrashRestoreIT.alertingModel(layout, config, offline);

    String count = "count-" + System.nanoTime();
    run(kafka, clean, model, FailOnce.at(count, 0, Long.MAX_VALUE));
    long records = FailOnce.records(count);
    assertTrue(records > 5 * REPLAY_RECORDS, "subtask 0 read " + records + " records");
    long[] positions = new long[FAILURES.length];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = Math.round(FAILURES[i] * records);
    }
    String failure = "exactly-once-" + System.nanoTime();
    List<String> sinkLog;
    try (CapturedLog log = CapturedLog.open("org.apache.flink.connector.kafka.sink", Level.WARN)) {
      run(kafka, failing, model, FailOnce.at(failure, REPLAY_RECORDS, positions));
      sinkLog = log.events();
    }
    assertEquals(
        FAILURES.length,
        FailOnce.thrown(failure),
        "every failure was injected: " + FailOnce.lastRun(failure));

    List<TtfAlert> expected = JobRuns.committedAlerts(kafka, clean.alerts());
    assertTrue(expected.size() >= 6, "the model raises and cancels alerts");
    assertEquals(byRegion(expected), byRegion(JobRuns.committedAlerts(kafka, failing.alerts())));
    assertEquals(committed(kafka, clean.alertsCap()), committed(kafka, failing.alertsCap()));
    assertEquals(committed(kafka, clean.alertsJson()), committed(kafka, failing.alertsJson()));
    // Forecasts are at least once, keyed by region and window end: the same set of forecasts.
    Map<String, TreeMap<Long, TtfForecast>> forecasts = JobRuns.forecasts(kafka, clean.forecasts());
    assertTrue(!forecasts.isEmpty());
    assertEquals(forecasts, JobRuns.forecasts(kafka, failing.forecasts()));
    // ... some written twice: the restarts replayed work whose output had left the job, so the
    // alert transactions of that work were open and had to be aborted.
    assertTrue(
        kafka.readAll(failing.forecasts(), false).size()
            > kafka.readAll(clean.forecasts(), false).size(),
        "the restarts replayed written output");
    // No error, and no warning but the one the sink logs for what recovery does by design: it
    // commits again the restored checkpoint's transactions, committed before the failure; Kafka's
    // transaction protocol 2 bumped the producer epoch at that commit, so the repeated commit (with
    // the stored epoch, no live producer) is refused as fenced. With pooled transactional ids the
    // sink says this is expected on recovery; the committed alerts above, equal to the clean run's,
    // show nothing was lost. The other is the sink listing, as it starts again, the transactions
    // the failed attempt left open, which it then aborts: whether there are any depends on whether
    // an alert was written between the last checkpoint and the failure.
    assertEquals(
        List.of(),
        sinkLog.stream()
            .filter(e -> !recommitOfACommittedTransaction(e))
            .filter(e -> !abortOfOpenTransactions(e))
            .toList(),
        "the Kafka sink warned or failed during the restarts");
    assertTrue(sinkLog.stream().noneMatch(e -> e.startsWith("ERROR")), "no error: " + sinkLog);
  }

  private static void run(TestKafka kafka, TopicNames topics, byte[] model, FailOnce failures)
      throws Exception {
    JobOptions options =
        JobRuns.boundedReplay(kafka)
            .topics(topics.with(Topic.OBSERVATIONS, INPUT.observations()))
            .groupId("job-" + topics.alerts())
            .transactionalIdPrefix("tx-" + topics.alerts())
            .restartAttempts(FAILURES.length)
            // Checkpoints rare enough that a failure comes REPLAY_RECORDS after one.
            .checkpointInterval(Duration.ofSeconds(2))
            // Watermarks often enough that output leaves the job between a checkpoint and a
            // failure.
            .watermarkInterval(Duration.ofMillis(10))
            .build();
    try (LocalJob job =
        LocalJob.start(
            options,
            TestModels.jobModel(model),
            failures.taps("fail"),
            streams -> {},
            new Configuration())) {
      job.awaitCompletion(Duration.ofMinutes(3));
    }
  }

  private static boolean recommitOfACommittedTransaction(String event) {
    return event.startsWith("WARN org.apache.flink.connector.kafka.sink.internal.KafkaCommitter:")
        && event.contains("producer=null}")
        && event.contains("it is expected in some cases")
        && event.contains("because its producer is already fenced")
        && event.endsWith(
            "(org.apache.kafka.common.errors.ProducerFencedException: There is a newer"
                + " producer with the same transactionalId which fences the current one.)");
  }

  /** The sink's notice, at start, of the open transactions it aborts (its own prefix's only). */
  private static boolean abortOfOpenTransactions(String event) {
    return event.matches(
        "WARN org\\.apache\\.flink\\.connector\\.kafka\\.sink\\.internal\\.TransactionAbortStrategyImpl:"
            + " Found \\d+ open transactions for subtask \\d+: \\[(tx-ttf\\.alerts\\.failing[-a-z0-9]*(, )?)*\\]");
  }

  private static Map<String, List<TtfAlert>> byRegion(List<TtfAlert> alerts) {
    Map<String, List<TtfAlert>> out = new TreeMap<>();
    alerts.forEach(
        a -> out.computeIfAbsent(a.getRegion(), k -> new java.util.ArrayList<>()).add(a));
    return out;
  }

  /** Each key's committed values, in order (one region's alerts keep their order). */
  private static Map<String, List<String>> committed(TestKafka kafka, String topic) {
    Map<String, List<String>> out = new TreeMap<>();
    kafka
        .readAll(topic, true)
        .forEach(
            r ->
                out.computeIfAbsent(
                        new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                        k -> new java.util.ArrayList<>())
                    .add(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)));
    return out;
  }
}
