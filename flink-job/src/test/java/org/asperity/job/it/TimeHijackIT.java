package org.asperity.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.asperity.features.FeatureConfig;
import org.asperity.features.RegionLayout;
import org.asperity.job.LocalJob;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.job.testing.TestRegion;
import org.asperity.kafka.StationKey;
import org.asperity.kafka.Topic;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.TtfForecast;
import org.asperity.schemas.wire.Codecs;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No minority of stations moves event time for the others: records centuries ahead (one station's,
 * keyed by it, and the same records keyed onto every partition) and a GPS week-number rollover (one
 * station 1024 weeks ahead for a few days) leave forecasts and alerts byte for byte those of the
 * stream without them, the rogue records in the dead-letter topic (quarantined, or wrongly keyed);
 * a whole network silent for longer than the quarantine horizon still resumes.
 */
class TimeHijackIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final RegionLayout LAYOUT = TestRegion.layout(3, 3, 7);
  private static final FeatureConfig CONFIG = TestRegion.CONFIG;
  private static final int PARTITIONS = 4;
  private static final int DAYS = 120;
  private static final long ROLLOVER_SECONDS = 1024L * 7 * TimeUnits.SECONDS_PER_DAY;

  /** What a run left on its output topics. */
  private record Output(
      Map<String, String> forecasts, List<String> alerts, List<DeadLetter> deadLetters) {}

  @Test
  void farFutureRecordsAndARolloverChangeNothingAndTheStationRejoins(EmbeddedKafkaBroker broker)
      throws Exception {
    List<GnssObservation> base =
        SyntheticStream.generate(LAYOUT, List.of("net-a", "net-b"), DAYS, 21);
    List<TestKafka.Outgoing> clean = new ArrayList<>();
    List<TestKafka.Outgoing> dirty = new ArrayList<>();
    int far = 0;
    int rollover = 0;
    for (GnssObservation o : base) {
      int day = dayOf(o);
      boolean rogueDay =
          o.getNetwork().equals("net-b") && o.getStation().equals("I001") && day >= 50 && day < 53;
      if (rogueDay) {
        // The receiver's week number wraps: 1024 weeks (19.6 years) ahead, then back.
        dirty.add(
            keyed(
                GnssObservation.newBuilder(o)
                    .setEpoch(o.getEpoch().plusSeconds(ROLLOVER_SECONDS))
                    .build()));
        rollover++;
        continue;
      }
      clean.add(keyed(o));
      dirty.add(keyed(o));
      if (o.getNetwork().equals("net-a")
          && o.getStation().equals("C001")
          && day % 20 == 10
          && far < PARTITIONS) {
        // 470 years ahead, one record on each partition (day 10, 30, 50, 70).
        GnssObservation ahead =
            GnssObservation.newBuilder(o)
                .setEpoch(o.getEpoch().plusSeconds(470L * 365 * TimeUnits.SECONDS_PER_DAY))
                .build();
        // Keyed by its station, as every producer must: its partition's stations outvote it.
        dirty.add(keyed(ahead));
        // The same record keyed to land on another partition, where its station is never heard.
        dirty.add(new TestKafka.Outgoing("", keyFor(far++), encode(ahead)));
      }
    }
    assertEquals(PARTITIONS, far);

    // Both inputs on the broker before either job runs.
    write(broker, "c", clean);
    write(broker, "d", dirty);
    Output expected = run(broker, "c");
    Output got = run(broker, "d");

    assertTrue(expected.deadLetters().isEmpty(), "the clean stream has no dead letters");
    assertTrue(expected.forecasts().size() > 150, "forecasts of both networks");
    assertFalse(expected.alerts().isEmpty(), "the model alerts on this stream");
    assertEquals(expected.forecasts(), got.forecasts(), "forecasts, byte for byte");
    // Regions are scored on different subtasks: their alerts interleave in any order.
    assertEquals(
        expected.alerts().stream().sorted().toList(),
        got.alerts().stream().sorted().toList(),
        "committed alerts, byte for byte");

    assertEquals(2 * far + rollover, got.deadLetters().size());
    TreeMap<Integer, Integer> wrongKeyByPartition = new TreeMap<>();
    for (DeadLetter d : got.deadLetters()) {
      if (d.getReason() == DeadLetterReason.WRONG_KEY) {
        assertEquals("net-a/C001", d.getStation());
        wrongKeyByPartition.merge(d.getSourcePartition(), 1, Integer::sum);
        continue;
      }
      assertEquals(
          DeadLetterReason.BAD_TIMESTAMP,
          d.getReason(),
          () ->
              d.getDetail()
                  + " at partition "
                  + d.getSourcePartition()
                  + ", offset "
                  + d.getSourceOffset()
                  + "; all: "
                  + got.deadLetters().stream()
                      .map(
                          x ->
                              x.getStation()
                                  + "@"
                                  + x.getSourcePartition()
                                  + "/"
                                  + x.getSourceOffset()
                                  + ":"
                                  + x.getReason())
                      .toList());
      assertTrue(d.getDetail().startsWith("quarantined: "), d.getDetail());
      assertTrue(d.getDetail().contains("days ahead of its network"), d.getDetail());
    }
    assertEquals(
        Map.of(0, 1, 1, 1, 2, 1, 3, 1), wrongKeyByPartition, "one wrongly keyed record each");

    // The station rejoined (the identity above says as much): its later records are used.
    long back = SyntheticStream.startMicros() + 60 * SyntheticStream.DAY_MICROS;
    List<TtfForecast> later =
        JobRuns.forecasts(new TestKafka(broker), topics("d").forecasts())
            .get("net-b")
            .tailMap(back)
            .values()
            .stream()
            .toList();
    assertTrue(later.size() > 50);
    assertTrue(later.stream().filter(f -> !f.getMissingStations().contains("I001")).count() > 40);
  }

  @Test
  void aWholeNetworkSilentForLongerThanTheHorizonResumes(EmbeddedKafkaBroker broker)
      throws Exception {
    int silentFrom = 40;
    int silentTo = 80; // 40 days without a record, beyond the 30-day horizon
    List<TestKafka.Outgoing> records = new ArrayList<>();
    for (GnssObservation o :
        SyntheticStream.generate(LAYOUT, List.of("net-a", "net-b"), DAYS, 21)) {
      int day = dayOf(o);
      if (day < silentFrom || day >= silentTo) {
        records.add(keyed(o));
      }
    }
    write(broker, "g", records);
    Output got = run(broker, "g");

    // Each partition's first resuming record is ahead of a network that has not spoken yet.
    assertTrue(got.deadLetters().size() <= PARTITIONS, got.deadLetters().toString());
    for (DeadLetter d : got.deadLetters()) {
      assertTrue(d.getDetail().startsWith("quarantined: "), d.getDetail());
    }
    Map<String, TreeMap<Long, TtfForecast>> forecasts =
        JobRuns.forecasts(new TestKafka(broker), topics("g").forecasts());
    long resumed = SyntheticStream.startMicros() + (silentTo + 10) * SyntheticStream.DAY_MICROS;
    for (String network : List.of("net-a", "net-b")) {
      var after = forecasts.get(network).tailMap(resumed);
      assertTrue(after.size() >= DAYS - silentTo - 15, network + ": " + after.size());
      assertTrue(after.values().stream().allMatch(f -> f.getStationsUsed() > 0));
    }
  }

  private static void write(EmbeddedKafkaBroker broker, String prefix, List<TestKafka.Outgoing> in)
      throws Exception {
    TopicNames topics = topics(prefix);
    TestKafka.createTopics(broker, topics, PARTITIONS);
    new TestKafka(broker)
        .write(
            in.stream()
                .map(r -> new TestKafka.Outgoing(topics.observations(), r.key(), r.value()))
                .toList());
  }

  private static Output run(EmbeddedKafkaBroker broker, String prefix) throws Exception {
    TopicNames topics = topics(prefix);
    TestKafka kafka = new TestKafka(broker);
    byte[] model = TestModels.rateSensitive(LAYOUT, CONFIG, "v1", 25f);
    var options =
        JobRuns.boundedReplay(kafka)
            .topics(topics)
            .groupId(prefix + "-job")
            .transactionalIdPrefix(prefix + "-alerts")
            .maxOutOfOrderness(Duration.ofDays(2))
            .build();
    try (LocalJob job = LocalJob.start(options, TestModels.jobModel(model))) {
      job.awaitCompletion(Duration.ofMinutes(3));
    }
    Map<String, String> forecasts = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.forecasts(), false)) {
      TtfForecast f = Codecs.TTF_FORECAST.decode(r.value());
      forecasts.put(f.getRegion() + "@" + f.getWindowEnd(), HexFormat.of().formatHex(r.value()));
    }
    List<String> alerts = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.alerts(), true)) {
      alerts.add(HexFormat.of().formatHex(r.value()));
    }
    List<DeadLetter> deadLetters = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topics.observationsDeadLetter(), false)) {
      deadLetters.add(Codecs.DEAD_LETTER.decode(r.value()));
    }
    return new Output(forecasts, alerts, deadLetters);
  }

  /** The job's topics with a prefix of their own, one set per run. */
  private static TopicNames topics(String prefix) {
    TopicNames topics = TopicNames.defaults();
    for (Topic t : Topic.values()) {
      topics = topics.with(t, prefix + "." + topics.name(t));
    }
    return topics;
  }

  private static int dayOf(GnssObservation o) {
    return (int)
        ((o.getEpoch().getEpochSecond() - SyntheticStream.START.getEpochSecond())
            / TimeUnits.SECONDS_PER_DAY);
  }

  private static byte[] encode(GnssObservation o) {
    return Codecs.GNSS_OBSERVATION.encode(o);
  }

  private static TestKafka.Outgoing keyed(GnssObservation o) {
    return new TestKafka.Outgoing("", StationKey.of(o).toBytes(), encode(o));
  }

  /** A key the default partitioner sends to partition {@code partition}. */
  private static byte[] keyFor(int partition) {
    for (int i = 0; ; i++) {
      byte[] key = ("rogue-" + i).getBytes(StandardCharsets.UTF_8);
      if (Utils.toPositive(Utils.murmur2(key)) % PARTITIONS == partition) {
        return key;
      }
    }
  }
}
