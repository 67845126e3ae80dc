package org.asperity.job.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;
import org.asperity.job.JobOptions;
import org.asperity.job.LocalJob;
import org.asperity.job.features.RegionFeatures;
import org.asperity.job.testing.CollectingSink;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.job.testing.TestRegion;
import org.asperity.job.types.Micros;
import org.asperity.kafka.Topic;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.EventSource;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.RuptureKind;
import org.asperity.schemas.TtfForecast;
import org.asperity.schemas.wire.Codecs;
import org.asperity.synthetic.StumpEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job started on a live feed with only the window history and the catalog's record of the last
 * rupture forecasts like a job that replayed the rupture. The synthetic stream's coastal stations
 * step on day 100 of 200: the replay detects that earthquake from its stations (dated to day 100's
 * samples); the live job starts at day 130 and knows it only from a catalog record (origin time day
 * 100.3, Mw 8.0) of net-a. Its time since the last event is the catalog's (0.3 days less than the
 * replay's: origin time against the day its samples show the offset, under the one-day tick), and
 * with a model that reads that feature its forecasts equal the replay's at every common tick;
 * net-b, which has no catalog record, does not.
 */
class CatalogInputIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final RegionLayout LAYOUT = TestRegion.layout(3, 3, 7);
  private static final FeatureConfig CONFIG = TestRegion.CONFIG;
  private static final long DAY = SyntheticStream.DAY_MICROS;
  private static final long ONSET = SyntheticStream.startMicros() + 100 * DAY + 3 * DAY / 10;
  private static final int LIVE_FROM_DAY = 130;

  private static TopicNames topics(String run) {
    TopicNames t = TopicNames.defaults();
    for (Topic topic : Topic.values()) {
      t = t.with(topic, t.name(topic) + "." + run);
    }
    return t;
  }

  /** NaN (no event known): base; known: +10; at least 60.5 days since: +1000 more. */
  private static byte[] sinceSensitiveModel() {
    int since = FeatureSchema.of(CONFIG, LAYOUT).indexOf("network.timeSinceLastEvent.days");
    float[] zero = {0f, 0f, 0f, 0f};
    return TestModels.onnx(
        LAYOUT,
        CONFIG,
        "since",
        new float[] {100f, 200f, 600f, 7.5f},
        List.of(
            new StumpEnsemble.Stump(since, -1e6f, true, zero, new float[] {10f, 10f, 10f, 0f}),
            new StumpEnsemble.Stump(
                since, 60.5f, false, zero, new float[] {1000f, 1000f, 1000f, 0f})));
  }

  private static EarthquakeEvent lastRupture() {
    return EarthquakeEvent.newBuilder()
        .setEventId("quakeml:test/day-100")
        .setRegion("net-a")
        .setOnset(Micros.toInstant(ONSET))
        .setMomentMagnitude(8.0)
        .setSeismicMomentNewtonMeters(Math.pow(10, 1.5 * 8.0 + 9.1))
        .setAsperities(List.of())
        .setRuptureKind(RuptureKind.UNKNOWN)
        .setRuptureStartAlongStrikeKilometers(Double.NaN)
        .setRuptureEndAlongStrikeKilometers(Double.NaN)
        .setRuptureAreaSquareKilometers(Double.NaN)
        .setMeanSlipMeters(Double.NaN)
        .setMaxSlipMeters(Double.NaN)
        .setSource(EventSource.CATALOG)
        .build();
  }

  private static List<TestKafka.Outgoing> observations(
      List<GnssObservation> stream, String topic, int fromDay) {
    Instant from = Micros.toInstant(SyntheticStream.startMicros() + fromDay * DAY);
    List<TestKafka.Outgoing> out = new ArrayList<>();
    for (GnssObservation o : stream) {
      if (!o.getEpoch().isBefore(from)) {
        out.add(
            new TestKafka.Outgoing(
                topic,
                (o.getNetwork() + "/" + o.getStation()).getBytes(),
                Codecs.GNSS_OBSERVATION.encode(o)));
      }
    }
    return out;
  }

  @Test
  void aCatalogRecordStandsInForTheReplayedRupture(EmbeddedKafkaBroker broker) throws Exception {
    TestKafka kafka = new TestKafka(broker);
    byte[] model = sinceSensitiveModel();
    List<GnssObservation> stream =
        SyntheticStream.generate(LAYOUT, List.of("net-a", "net-b"), 200, 8);

    TopicNames replay = topics("replay");
    TestKafka.createTopics(broker, replay, 2);
    kafka.write(observations(stream, replay.observations(), 0));
    try (LocalJob job =
        LocalJob.start(
            JobRuns.boundedReplay(kafka).topics(replay).groupId("replay").build(),
            TestModels.jobModel(model))) {
      job.awaitCompletion(Duration.ofMinutes(3));
    }

    TopicNames live = topics("live");
    TestKafka.createTopics(broker, live, 2);
    broker.createTopic(live.catalogEvents(), 1);
    kafka.write(
        List.of(
            new TestKafka.Outgoing(
                live.catalogEvents(),
                "net-a".getBytes(),
                Codecs.EARTHQUAKE_EVENT.encode(lastRupture()))));
    JobOptions liveOptions =
        JobRuns.boundedReplay(kafka).topics(live).groupId("live").bounded(false).build();
    CollectingSink<RegionFeatures> features = new CollectingSink<>();
    Map<String, TreeMap<Long, TtfForecast>> liveForecasts;
    try (LocalJob job =
        LocalJob.start(
            liveOptions,
            TestModels.jobModel(model),
            streams -> streams.features().sinkTo(features),
            new Configuration())) {
      // A checkpoint commits the catalog source's offset only once the region operator has the
      // record: from then on, every tick the live feed closes knows the rupture.
      awaitCommitted(broker, "live-catalog", new TopicPartition(live.catalogEvents(), 0));
      kafka.write(observations(stream, live.observations(), LIVE_FROM_DAY));
      long lastClosedTick = SyntheticStream.startMicros() + 198 * DAY;
      await("live forecasts up to day 198")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                Map<String, TreeMap<Long, TtfForecast>> f =
                    JobRuns.forecasts(kafka, live.forecasts());
                return f.size() == 2
                    && f.values().stream().allMatch(m -> m.lastKey() >= lastClosedTick);
              });
      liveForecasts = JobRuns.forecasts(kafka, live.forecasts());
    }

    int index = FeatureSchema.of(CONFIG, LAYOUT).indexOf("network.timeSinceLastEvent.days");
    int known = 0;
    for (RegionFeatures f : features.collected()) {
      double since = f.value(index);
      if (f.region().equals("net-a")) {
        assertEquals((f.tickMicros() - ONSET) / (double) DAY, since, 1e-9);
        known++;
      } else {
        assertTrue(Double.isNaN(since), "net-b has no catalog record");
      }
    }
    features.clear();
    assertTrue(known >= 60, "net-a ticks: " + known);

    Map<String, TreeMap<Long, TtfForecast>> replayed = JobRuns.forecasts(kafka, replay.forecasts());
    int compared = 0;
    for (Map.Entry<Long, TtfForecast> e : liveForecasts.get("net-a").entrySet()) {
      TtfForecast r = replayed.get("net-a").get(e.getKey());
      assertEquals(r.getTtfP10Days(), e.getValue().getTtfP10Days(), "tick " + e.getKey());
      assertEquals(r.getTtfP50Days(), e.getValue().getTtfP50Days(), "tick " + e.getKey());
      assertEquals(r.getTtfP90Days(), e.getValue().getTtfP90Days(), "tick " + e.getKey());
      compared++;
    }
    assertTrue(compared >= 60, "compared " + compared);
    // Both sides of the model's 60.5-day split were compared.
    assertTrue(liveForecasts.get("net-a").firstEntry().getValue().getTtfP50Days() < 1000);
    assertTrue(liveForecasts.get("net-a").lastEntry().getValue().getTtfP50Days() > 1000);
    long tick = liveForecasts.get("net-b").lastKey();
    assertNotEquals(
        replayed.get("net-b").get(tick).getTtfP50Days(),
        liveForecasts.get("net-b").get(tick).getTtfP50Days(),
        "without a catalog record, the live job does not know the rupture");
  }

  private static void awaitCommitted(
      EmbeddedKafkaBroker broker, String groupId, TopicPartition partition) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      await("the catalog record through a checkpoint")
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                OffsetAndMetadata committed =
                    admin
                        .listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() >= 1;
              });
    }
  }
}
