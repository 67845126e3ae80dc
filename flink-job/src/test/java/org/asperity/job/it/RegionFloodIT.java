package org.asperity.job.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.asperity.features.RegionLayout;
import org.asperity.job.JobOptions;
import org.asperity.job.LocalJob;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.job.testing.TestRegion;
import org.asperity.kafka.StationKey;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 100,000 records from distinct made-up networks, each carrying a modelled station code, amid a
 * normal stream: the job stays up, the real networks keep their forecasts, the flood beyond the
 * region cap is dead-lettered and counted, and the checkpoints hold only the admitted regions'
 * state (without the cap, every record would allocate a station's feature state).
 */
class RegionFloodIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final RegionLayout LAYOUT = TestRegion.layout(3, 3, 7);
  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final int DAYS = 60;
  private static final int FLOOD = 100_000;
  private static final int MAX_REGIONS = 8;
  private static final int PARALLELISM = 2;

  /**
   * Generous for one station's checkpointed state with this stream (~3 KiB each: the serializer
   * writes what the ring buffers hold); a flood station's pending sample and timers alone take over
   * 100 bytes, so the uncapped flood would need more than ten times the bound.
   */
  private static final long STATION_BYTES = 16 * 1024;

  @Test
  void aFloodOfMadeUpNetworksIsDeadLetteredAndTheCheckpointsStaySmall(EmbeddedKafkaBroker broker)
      throws Exception {
    TestKafka kafka = new TestKafka(broker);
    TestKafka.createTopics(broker, TOPICS, 4);
    List<String> networks = List.of("net-a", "net-b");
    List<GnssObservation> normal = SyntheticStream.generate(LAYOUT, networks, DAYS, 21);
    List<TestKafka.Outgoing> outgoing = new ArrayList<>();
    for (GnssObservation o : normal) {
      outgoing.add(outgoing(o));
    }
    String station = LAYOUT.stations().get(0).code();
    for (int i = 0; i < FLOOD; i++) {
      String network = String.format(Locale.ROOT, "x%05d", i);
      outgoing.add(
          outgoing(SyntheticStream.observation(network, station, DAYS - 1, 0.01, 0.02, -0.01)));
    }
    kafka.write(outgoing);

    JobMetrics metrics = JobMetrics.peek();
    double inBefore = metrics.count("asperity.observations.in");
    double refusedBefore =
        metrics.count("asperity.observations.dead.letter", "reason", "UNKNOWN_STATION");
    // Unbounded, so the job still runs when every record has been read: the checkpoints taken
    // then hold whatever state the flood left.
    JobOptions options =
        JobRuns.boundedReplay(kafka)
            .bounded(false)
            .parallelism(PARALLELISM)
            .maxOutOfOrderness(Duration.ofDays(2))
            .maxRegions(MAX_REGIONS)
            .build();
    long checkpointBytes;
    try (LocalJob job =
        LocalJob.start(
            options,
            TestModels.jobModel(TestModels.rateSensitive(LAYOUT, TestRegion.CONFIG, "v1", 25f)))) {
      await()
          .atMost(Duration.ofMinutes(3))
          .until(() -> metrics.count("asperity.observations.in") - inBefore >= outgoing.size());
      long readBy = job.latestCheckpoint() == null ? 0 : job.latestCheckpoint().id();
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> job.latestCheckpoint() != null && job.latestCheckpoint().id() > readBy + 1);
      checkpointBytes = job.latestCheckpoint().stateBytes();
      assertEquals(0, job.restarts());
    }

    assertEquals(outgoing.size(), metrics.count("asperity.observations.in") - inBefore);
    double refused =
        metrics.count("asperity.observations.dead.letter", "reason", "UNKNOWN_STATION")
            - refusedBefore;
    int admittedAtMost = PARALLELISM * MAX_REGIONS;
    assertTrue(
        refused >= FLOOD - admittedAtMost && refused <= FLOOD, refused + " refused of " + FLOOD);
    int capDeadLetters = 0;
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(TOPICS.observationsDeadLetter(), false)) {
      DeadLetter d = Codecs.DEAD_LETTER.decode(r.value());
      if (d.getReason() == DeadLetterReason.UNKNOWN_STATION
          && d.getDetail().contains("--max-regions")) {
        capDeadLetters++;
      }
    }
    assertEquals(refused, capDeadLetters, "each refused record is in the dead-letter topic");

    // The checkpoint holds the real stations and the few admitted flood stations, no more: without
    // the cap, 100,000 station states would take far more than the bound.
    assertTrue(checkpointBytes > 0, "a checkpoint completed");
    long bound = (long) (networks.size() * LAYOUT.stationCount() + admittedAtMost) * STATION_BYTES;
    assertTrue(checkpointBytes < bound, checkpointBytes + " bytes, bound " + bound);

    Map<String, Integer> forecasts = new TreeMap<>();
    JobRuns.forecasts(kafka, TOPICS.forecasts()).forEach((k, v) -> forecasts.put(k, v.size()));
    for (String network : networks) {
      assertTrue(forecasts.getOrDefault(network, 0) > DAYS / 2, network + ": " + forecasts);
    }
    for (String network : forecasts.keySet()) {
      assertTrue(networks.contains(network) || network.startsWith("x"), network);
    }
  }

  private static TestKafka.Outgoing outgoing(GnssObservation o) {
    return new TestKafka.Outgoing(
        TOPICS.observations(), StationKey.of(o).toBytes(), Codecs.GNSS_OBSERVATION.encode(o));
  }
}
