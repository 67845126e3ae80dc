package org.asperity.app.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionLayout;
import org.asperity.job.LocalJob;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.TtfForecast;
import org.asperity.simulator.Pacing;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SimulationConfig;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Same output at any speed: a simulated stream replayed as fast as possible (preloaded, the job
 * reading it as one backlog) and the same stream paced to wall time while the job runs (45
 * simulated days per second, so arrivals interleave with watermarks, checkpoints and scoring
 * batches as in a live feed; 1x of a daily stream would take years) give identical forecasts. The
 * paced job is unbounded, so its last tick stays open: every other tick must match.
 */
class ReplaySpeedIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  @Test
  void pacedAndAsFastAsPossibleReplaysGiveIdenticalForecasts(EmbeddedKafkaBroker broker)
      throws Exception {
    TestKafka kafka = new TestKafka(broker);
    TopicNames fast = TopicNames.ofRun("fast");
    TopicNames paced = TopicNames.ofRun("paced");
    try (TopicAdmin admin = TopicAdmin.connect(kafka.settings())) {
      admin.ensureTopics(fast.all(), Duration.ofSeconds(30));
      admin.ensureTopics(paced.all(), Duration.ofSeconds(30));
    }
    SimulationConfig simulation =
        SimulationConfig.builder()
            .preset(Preset.NATURE)
            .seed(5)
            .regions(1)
            .durationYears(1.5)
            .spinUpYears(500)
            .build();
    FeatureConfig config = FeatureConfig.defaults();
    RegionLayout layout = SimulatedNetworks.layout(simulation);
    byte[] model = TestModels.rateSensitive(layout, config, "speed-1", 10f);

    Map<String, List<FeatureVector>> offline =
        SimulatedNetworks.writeToKafka(simulation, kafka.settings(), fast, config);
    try (LocalJob job =
        LocalJob.start(
            JobRuns.boundedReplay(kafka)
                .topics(fast)
                .groupId("fast")
                .transactionalIdPrefix("fast")
                .build(),
            TestModels.jobModel(model))) {
      job.awaitCompletion(Duration.ofMinutes(3));
    }
    Map<String, TreeMap<Long, TtfForecast>> expected = JobRuns.forecasts(kafka, fast.forecasts());
    int ticks = offline.values().stream().mapToInt(List::size).sum();
    assertEquals(ticks, expected.values().stream().mapToInt(Map::size).sum());

    try (LocalJob job =
        LocalJob.start(
            JobRuns.boundedReplay(kafka)
                .bounded(false)
                .topics(paced)
                .groupId("paced")
                .transactionalIdPrefix("paced")
                .build(),
            TestModels.jobModel(model))) {
      SimulatedNetworks.writeToKafka(
          simulation.toBuilder()
              .pacing(Pacing.speedFactor(45.0 * TimeUnits.SECONDS_PER_DAY))
              .build(),
          kafka.settings(),
          paced,
          config);
      awaitRecords(kafka, paced.forecasts(), ticks - 1, Duration.ofMinutes(2));
    }
    List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(paced.forecasts(), false);
    Map<String, TreeMap<Long, TtfForecast>> actual = JobRuns.forecasts(kafka, paced.forecasts());
    assertEquals(
        records.size(), actual.values().stream().mapToInt(Map::size).sum(), "no forecast twice");
    for (TreeMap<Long, TtfForecast> region : expected.values()) {
      region.pollLastEntry();
    }
    assertTrue(ticks > 500);
    assertEquals(expected, actual);
  }

  private static void awaitRecords(TestKafka kafka, String topic, int count, Duration timeout) {
    await(count + " forecasts on " + topic)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> kafka.readAll(topic, false).size(), seen -> seen >= count);
  }
}
