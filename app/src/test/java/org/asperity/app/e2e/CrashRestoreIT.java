package org.asperity.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionLayout;
import org.asperity.job.JobOptions;
import org.asperity.job.JobTopology;
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
import org.asperity.schemas.AlertAction;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.cap.CapSchema;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.Preset;
import org.asperity.simulator.SeismicCatalog;
import org.asperity.simulator.SimulationConfig;
import org.asperity.synthetic.StumpEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Crash and restore: the job fails on purpose mid-stream (after a completed checkpoint; restart
 * strategy on) and restarts from the checkpoint; the alerts a read_committed consumer sees, in Avro
 * and as CAP documents, equal those of a run without the failure: nothing lost, nothing duplicated.
 */
class CrashRestoreIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final TopicNames INPUT = TopicNames.defaults();

  @Test
  void theCommittedAlertsOfACrashedRunEqualThoseOfAnUninterruptedOne(EmbeddedKafkaBroker broker)
      throws Exception {
    TestKafka kafka = new TestKafka(broker);
    TopicNames clean = TopicNames.ofRun("clean");
    TopicNames crashed = TopicNames.ofRun("crashed");
    try (TopicAdmin admin = TopicAdmin.connect(kafka.settings())) {
      admin.ensureTopics(INPUT.all(), Duration.ofSeconds(30));
      admin.ensureTopics(clean.all(), Duration.ofSeconds(30));
      admin.ensureTopics(crashed.all(), Duration.ofSeconds(30));
    }
    SimulationConfig simulation =
        withEarlyEarthquakes(
            SimulationConfig.builder()
                .preset(Preset.NATURE)
                .seed(23)
                .regions(2)
                .durationYears(2.0)
                .spinUpYears(500)
                .build());
    // Short windows, so the job's forecasts leave warm-up (and the model's training domain) within
    // weeks.
    FeatureConfig config = FeatureConfig.defaults().toBuilder().windows(10, 30, 90).build();
    Map<String, List<FeatureVector>> offline =
        SimulatedNetworks.writeToKafka(simulation, kafka.settings(), INPUT, config);
    RegionLayout layout = SimulatedNetworks.layout(simulation);
    byte[] model = alertingModel(layout, config, offline);

    run(kafka, clean, model, null);
    String failure = "crash-" + System.nanoTime();
    run(kafka, crashed, model, failure);
    assertTrue(FailOnce.failed(failure), "the failure was injected: " + FailOnce.lastRun(failure));

    Map<String, List<TtfAlert>> expected = byRegion(JobRuns.committedAlerts(kafka, clean.alerts()));
    Map<String, List<TtfAlert>> actual = byRegion(JobRuns.committedAlerts(kafka, crashed.alerts()));
    assertTrue(
        expected.values().stream().mapToInt(List::size).sum() >= 6,
        "the model raises and cancels alerts");
    assertTrue(
        expected.values().stream()
            .flatMap(List::stream)
            .anyMatch(a -> a.getAction() == AlertAction.CANCEL));
    assertEquals(expected, actual);
    assertEquals(capDocuments(kafka, clean), capDocuments(kafka, crashed));
  }

  private static void run(TestKafka kafka, TopicNames topics, byte[] model, String failure)
      throws Exception {
    JobOptions options =
        JobRuns.boundedReplay(kafka)
            .topics(topics.with(Topic.OBSERVATIONS, INPUT.observations()))
            .groupId("job-" + topics.alerts())
            .transactionalIdPrefix("tx-" + topics.alerts())
            .build();
    try (LocalJob job =
        LocalJob.start(
            options,
            TestModels.jobModel(model),
            failure == null
                ? JobTopology.Taps.NONE
                : new FailOnce(failure, 20_000).taps("fail once"),
            streams -> {},
            new Configuration())) {
      job.awaitCompletion(Duration.ofMinutes(5));
    }
  }

  /**
   * WARNING while the coast's 30-day trench-normal rate is below its median over the run, otherwise
   * CLEAR: a level that changes every few weeks of simulated time.
   */
  static byte[] alertingModel(
      RegionLayout layout, FeatureConfig config, Map<String, List<FeatureVector>> offline) {
    FeatureSchema schema = FeatureSchema.of(config, layout);
    int rate = schema.indexOf("coast.w30.rateTrenchNormal.median.mmPerYr");
    double[] values =
        offline.values().stream()
            .flatMap(List::stream)
            .mapToDouble(v -> v.value(rate))
            .filter(Double::isFinite)
            .sorted()
            .toArray();
    float median = (float) values[values.length / 2];
    List<StumpEnsemble.Stump> stumps =
        List.of(
            new StumpEnsemble.Stump(
                rate,
                median,
                false,
                new float[] {0f, 0f, 0f, 0f},
                new float[] {2000f, 4000f, 8000f, 0f}));
    return TestModels.onnx(
        layout, config, "alerting-1", new float[] {50f, 100f, 300f, 7.5f}, stumps);
  }

  /**
   * The same simulation with its record starting a few months before a large earthquake (one the
   * stations see) in every region: the alert policy acts only on forecasts of a stream that has
   * seen an earthquake (before, the cycle's start is unknown and the forecast lies outside the
   * model's training domain).
   */
  static SimulationConfig withEarlyEarthquakes(SimulationConfig base) {
    List<Earthquake> quakes =
        SeismicCatalog.generate(base.toBuilder().durationYears(3000).build()).earthquakes();
    for (Earthquake q : quakes) {
      double start = q.onsetYears() - 0.3;
      boolean everyRegion =
          java.util.stream.IntStream.range(0, base.regions())
              .allMatch(
                  r ->
                      quakes.stream()
                          .anyMatch(
                              e ->
                                  e.region() == r
                                      && e.momentMagnitude() >= 7.5
                                      && e.onsetYears() > start + 0.2
                                      && e.onsetYears() < start + 1.5));
      if (start > 0 && everyRegion) {
        return base.toBuilder().spinUpYears(base.spinUpYears() + start).build();
      }
    }
    throw new IllegalStateException("no time with an early earthquake in every region");
  }

  private static Map<String, List<TtfAlert>> byRegion(List<TtfAlert> alerts) {
    Map<String, List<TtfAlert>> out = new TreeMap<>();
    alerts.forEach(a -> out.computeIfAbsent(a.getRegion(), k -> new ArrayList<>()).add(a));
    return out;
  }

  private static Map<String, List<String>> capDocuments(TestKafka kafka, TopicNames topics) {
    Map<String, List<String>> out = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.alertsCap(), true)) {
      String document = new String(r.value(), StandardCharsets.UTF_8);
      // Every CAP message the job published is valid OASIS CAP 1.2.
      CapSchema.validate(document);
      out.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(document);
    }
    return out;
  }
}
