package org.asperity.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.asperity.features.RegionLayout;
import org.asperity.job.JobOptions;
import org.asperity.job.JobTopology;
import org.asperity.job.LocalJob;
import org.asperity.job.testing.FailOnce;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.StateBackendProbe;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.job.testing.TestRegion;
import org.asperity.kafka.Topic;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --state-backend rocksdb}: the job fails on purpose mid-replay (after a completed
 * checkpoint) and restores from RocksDB's incremental checkpoint; its forecasts and committed
 * alerts equal those of a failure-free run on the heap backend, and its keyed state was RocksDB's.
 * Small on purpose: on RocksDB the region state is rewritten per station snapshot (a few hundred
 * observations a second here).
 */
class RocksDbRestoreIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final RegionLayout LAYOUT = TestRegion.layout(3, 3, 7);
  private static final TopicNames INPUT = TopicNames.defaults();

  @Test
  void aRunCrashedOnRocksDbGivesTheOutputOfAnUninterruptedRunOnTheHeap(EmbeddedKafkaBroker broker)
      throws Exception {
    TestKafka kafka = new TestKafka(broker);
    TestKafka.createTopics(broker, INPUT, 2);
    TopicNames clean = TopicNames.ofRun("clean");
    TopicNames crashed = TopicNames.ofRun("crashed");
    TestKafka.createTopics(broker, clean, 2);
    TestKafka.createTopics(broker, crashed, 2);
    List<TestKafka.Outgoing> records = new ArrayList<>();
    for (GnssObservation o : SyntheticStream.generate(LAYOUT, List.of("net-a", "net-b"), 300, 3)) {
      records.add(
          new TestKafka.Outgoing(
              INPUT.observations(),
              (o.getNetwork() + "/" + o.getStation()).getBytes(),
              Codecs.GNSS_OBSERVATION.encode(o)));
    }
    kafka.write(records);
    byte[] model = TestModels.rateSensitive(LAYOUT, TestRegion.CONFIG, "rocks-1", 25f);

    run(kafka, clean, model, null, JobOptions.StateBackend.HASHMAP);
    String failure = "rocksdb-" + System.nanoTime();
    run(kafka, crashed, model, failure, JobOptions.StateBackend.ROCKSDB);

    assertTrue(FailOnce.failed(failure), "the failure was injected: " + FailOnce.lastRun(failure));
    List<String> backends = StateBackendProbe.seen(crashed.alerts());
    assertTrue(
        backends.size() >= 2 && backends.stream().allMatch(b -> b.contains("RocksDB")),
        "the keyed state lived in RocksDB, before and after the restore: " + backends);
    var expected = JobRuns.forecasts(kafka, clean.forecasts());
    assertFalse(expected.isEmpty(), "the job forecasts");
    // Forecasts are at least once: a restart may write one again, never a different one.
    assertEquals(expected, JobRuns.forecasts(kafka, crashed.forecasts()));
    // Alerts are exactly once, in order per region (regions interleave as they come).
    assertEquals(
        byRegion(JobRuns.committedAlerts(kafka, clean.alerts())),
        byRegion(JobRuns.committedAlerts(kafka, crashed.alerts())));
  }

  private static Map<String, List<TtfAlert>> byRegion(List<TtfAlert> alerts) {
    Map<String, List<TtfAlert>> out = new TreeMap<>();
    alerts.forEach(a -> out.computeIfAbsent(a.getRegion(), k -> new ArrayList<>()).add(a));
    return out;
  }

  private static void run(
      TestKafka kafka,
      TopicNames topics,
      byte[] model,
      String failure,
      JobOptions.StateBackend backend)
      throws Exception {
    JobOptions options =
        JobRuns.boundedReplay(kafka)
            .topics(topics.with(Topic.OBSERVATIONS, INPUT.observations()))
            .groupId("job-" + topics.alerts())
            .transactionalIdPrefix("tx-" + topics.alerts())
            .stateBackend(backend)
            .build();
    try (LocalJob job =
        LocalJob.start(
            options,
            TestModels.jobModel(model),
            failure == null ? JobTopology.Taps.NONE : new FailOnce(failure, 200).taps("fail once"),
            streams -> StateBackendProbe.attach(streams, topics.alerts()),
            new Configuration())) {
      job.awaitCompletion(Duration.ofMinutes(5));
    }
  }
}
