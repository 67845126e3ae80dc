package org.asperity.job.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionLayout;
import org.asperity.job.JobOptions;
import org.asperity.job.LocalJob;
import org.asperity.job.ingest.DeadLetterKafkaRecords;
import org.asperity.job.ingest.ObservationDecoder;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.OfflineReference;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.job.testing.TestRegion;
import org.asperity.job.types.Micros;
import org.asperity.kafka.StationKey;
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
 * Bad input on a real broker and a real MiniCluster: random bytes, an unknown schema fingerprint,
 * NaN and infinities, absurd values, non-positive sigmas, impossible epochs (down to the extreme
 * longs), records too large to dead-letter whole, a broken station code, an unmodelled station,
 * duplicates, out-of-order and late records, and a station that goes silent. Every record is
 * accounted for (in = ingested + duplicates + dead letters + unmodelled), each dead letter carries
 * the expected reason and the record's coordinates, and the forecasts are exactly those of the
 * offline pipeline over the records the job should have kept.
 */
class BadInputIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final RegionLayout LAYOUT = TestRegion.layout(3, 3, 7);
  private static final FeatureConfig CONFIG = TestRegion.CONFIG;
  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final int DAYS = 120;

  private final List<TestKafka.Outgoing> outgoing = new ArrayList<>();

  /** Index into {@link #outgoing} to the reason its dead letter must carry. */
  private final Map<Integer, DeadLetterReason> expectedDeadLetters = new HashMap<>();

  /** The valid, modelled, first-of-their-epoch, on-time observations: what the job must keep. */
  private final List<GnssObservation> kept = new ArrayList<>();

  @Test
  void everyRecordIsAccountedForAndForecastsContinue(EmbeddedKafkaBroker broker) throws Exception {
    TestKafka kafka = new TestKafka(broker);
    TestKafka.createTopics(broker, TOPICS, 4);
    allowLargeObservations(broker);
    buildStream();
    List<RecordMetadata> written = kafka.write(outgoing);

    byte[] model = TestModels.rateSensitive(LAYOUT, CONFIG, "v1", 25f);
    JobMetrics metrics = JobMetrics.peek();
    double[] before = counts(metrics);
    JobOptions options =
        JobRuns.boundedReplay(kafka)
            .maxOutOfOrderness(Duration.ofDays(2))
            .stationRetirement(Duration.ofDays(30))
            .build();
    try (LocalJob job = LocalJob.start(options, TestModels.jobModel(model))) {
      job.awaitCompletion(Duration.ofMinutes(3));
    }
    double[] after = counts(metrics);

    // Accounting: every record read is ingested, a duplicate, dead-lettered or unmodelled.
    int n = outgoing.size();
    assertEquals(n, after[0] - before[0], "records read");
    assertEquals(
        n,
        (after[1] - before[1])
            + (after[2] - before[2])
            + (after[3] - before[3])
            + (after[4] - before[4]),
        "ingested + duplicates + dead letters + unmodelled");
    assertEquals(kept.size(), after[1] - before[1], "ingested");
    assertEquals(2, after[2] - before[2], "duplicates");
    assertEquals(3, after[4] - before[4], "unmodelled");
    assertEquals(2, after[5] - before[5], "late");

    // Each dead letter: the record it names, with the expected reason, whole.
    Map<String, DeadLetterReason> expected = new TreeMap<>();
    expectedDeadLetters.forEach(
        (i, reason) ->
            expected.put(written.get(i).partition() + "@" + written.get(i).offset(), reason));
    Map<String, DeadLetterReason> actual = new TreeMap<>();
    int truncated = 0;
    for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(TOPICS.observationsDeadLetter(), false)) {
      DeadLetter d = Codecs.DEAD_LETTER.decode(r.value());
      String at = d.getSourcePartition() + "@" + d.getSourceOffset();
      actual.put(at, d.getReason());
      int index = indexOf(written, d.getSourcePartition(), d.getSourceOffset());
      assertEquals(TOPICS.observations(), d.getSourceTopic());
      assertFalse(d.getDetail().isBlank());
      byte[] original = outgoing.get(index).value();
      if (r.headers().lastHeader(DeadLetterKafkaRecords.TRUNCATED_HEADER) == null) {
        assertEquals(ByteBuffer.wrap(original), d.getValue(), "raw bytes of " + at);
        continue;
      }
      // Too large to store whole: a prefix, with the original's size and hash.
      truncated++;
      byte[] stored = new byte[d.getValue().remaining()];
      d.getValue().get(stored);
      assertTrue(stored.length < original.length);
      assertArrayEquals(Arrays.copyOf(original, stored.length), stored, "prefix of " + at);
      assertEquals(
          Integer.toString(original.length),
          header(r, DeadLetterKafkaRecords.VALUE_BYTES_HEADER),
          "size of " + at);
      assertEquals(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)),
          header(r, DeadLetterKafkaRecords.VALUE_SHA256_HEADER),
          "hash of " + at);
      assertTrue(d.getDetail().contains("truncated"), d.getDetail());
    }
    assertEquals(2, truncated, "dead letters stored truncated");
    assertEquals(expected, actual);
    assertEquals(expected.size(), after[3] - before[3], "dead letters counted");

    // Forecasts: exactly the offline pipeline's over the kept records, scored offline.
    Map<String, List<FeatureVector>> offline = OfflineReference.features(LAYOUT, CONFIG, kept);
    Map<String, TreeMap<Long, TtfForecast>> forecasts =
        JobRuns.forecasts(kafka, TOPICS.forecasts());
    assertEquals(offline.keySet(), forecasts.keySet());
    for (String region : offline.keySet()) {
      List<FeatureVector> vectors = offline.get(region);
      float[] scores = JobRuns.score(model, vectors);
      TreeMap<Long, TtfForecast> got = forecasts.get(region);
      assertEquals(
          vectors.stream().map(FeatureVector::tickMicros).toList(), new ArrayList<>(got.keySet()));
      for (int i = 0; i < vectors.size(); i++) {
        TtfForecast f = got.get(vectors.get(i).tickMicros());
        assertEquals(scores[4 * i], f.getTtfP10Days(), region + " " + i);
        assertEquals(scores[4 * i + 1], f.getTtfP50Days());
        assertEquals(scores[4 * i + 2], f.getTtfP90Days());
        assertEquals(scores[4 * i + 3], f.getMomentMagnitude());
        assertEquals(vectors.get(i).missingStations(), f.getMissingStations());
        assertEquals("v1", f.getModelVersion());
      }
    }
    // The silent station is missing from every later forecast of its network, which go on.
    long silentFrom = SyntheticStream.startMicros() + 41 * SyntheticStream.DAY_MICROS;
    var later = forecasts.get("net-b").tailMap(silentFrom);
    assertTrue(later.size() > 60);
    later.values().forEach(f -> assertTrue(f.getMissingStations().contains("I002")));
  }

  private void buildStream() {
    List<GnssObservation> base =
        SyntheticStream.generate(LAYOUT, List.of("net-a", "net-b"), DAYS, 21);
    SplittableRandom random = new SplittableRandom(99);
    GnssObservation heldBack = null;
    for (GnssObservation o : base) {
      int day =
          (int)
              ((o.getEpoch().getEpochSecond() - SyntheticStream.START.getEpochSecond())
                  / TimeUnits.SECONDS_PER_DAY);
      String key = o.getNetwork() + "/" + o.getStation();
      if (key.equals("net-b/I002") && day >= 40) {
        continue;
      }
      if (key.equals("net-a/C002") && day == 50) {
        heldBack = o;
        continue;
      }
      keep(o);
      if (key.equals("net-a/C002") && day == 51 && heldBack != null) {
        keep(heldBack);
      }
      if ((key.equals("net-a/C001") && day == 30) || (key.equals("net-b/I001") && day == 80)) {
        send(o, null);
      }
      if (key.equals("net-b/I003") && day == 20) {
        injectBadRecords(random, o);
      }
    }
    GnssObservation old =
        base.stream()
            .filter(o -> o.getStation().equals("C001") && o.getNetwork().equals("net-a"))
            .skip(10)
            .findFirst()
            .orElseThrow();
    send(GnssObservation.newBuilder(old).setEastMeters(0.5).build(), DeadLetterReason.LATE);
    GnssObservation older =
        base.stream()
            .filter(o -> o.getStation().equals("C003") && o.getNetwork().equals("net-b"))
            .skip(95)
            .findFirst()
            .orElseThrow();
    send(GnssObservation.newBuilder(older).setUpMeters(0.5).build(), DeadLetterReason.LATE);
  }

  private void injectBadRecords(SplittableRandom random, GnssObservation template) {
    for (int i = 0; i < 5; i++) {
      byte[] junk = new byte[random.nextInt(40)];
      random.nextBytes(junk);
      int index = outgoing.size();
      outgoing.add(new TestKafka.Outgoing(TOPICS.observations(), ("junk-" + i).getBytes(), junk));
      expectedDeadLetters.put(index, ObservationDecoder.decode("t", 0, 0, 0, null, junk).failure());
    }
    byte[] foreign = Codecs.GNSS_OBSERVATION.encode(template);
    ByteBuffer.wrap(foreign, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x0BAD_F00D_0BAD_F00DL);
    int index = outgoing.size();
    outgoing.add(
        new TestKafka.Outgoing(TOPICS.observations(), StationKey.of(template).toBytes(), foreign));
    expectedDeadLetters.put(index, DeadLetterReason.UNKNOWN_FINGERPRINT);
    send(
        GnssObservation.newBuilder(template).setEastMeters(Double.NaN).build(),
        DeadLetterReason.NOT_FINITE);
    send(
        GnssObservation.newBuilder(template).setUpMeters(Double.NEGATIVE_INFINITY).build(),
        DeadLetterReason.NOT_FINITE);
    send(
        GnssObservation.newBuilder(template).setNorthMeters(1e6).build(),
        DeadLetterReason.IMPLAUSIBLE_VALUE);
    send(
        GnssObservation.newBuilder(template).setSigmaNorthMeters(0.0).build(),
        DeadLetterReason.NON_POSITIVE_SIGMA);
    send(
        GnssObservation.newBuilder(template)
            .setEpoch(Instant.parse("1900-01-01T00:00:00Z"))
            .build(),
        DeadLetterReason.BAD_TIMESTAMP);
    send(
        GnssObservation.newBuilder(template).setStation("I 003").build(),
        DeadLetterReason.UNKNOWN_STATION);
    // Well-framed, with the epochs at both ends of the wire's range (µs overflow a long there).
    for (long epochMicros : new long[] {Long.MIN_VALUE, Long.MAX_VALUE}) {
      send(
          GnssObservation.newBuilder(template).setEpoch(Micros.toInstant(epochMicros)).build(),
          DeadLetterReason.BAD_TIMESTAMP);
    }
    // Too large to dead-letter whole: one at the broker's default limit, one beyond it (its
    // topic allows more), key and value.
    byte[] atLimit = new byte[1_048_000];
    random.nextBytes(atLimit);
    sendRaw("at-limit".getBytes(), atLimit);
    byte[] beyondKey = new byte[600_000];
    random.nextBytes(beyondKey);
    byte[] beyond = Arrays.copyOf(foreign, 2 * 1024 * 1024);
    sendRaw(beyondKey, beyond);
    for (int i = 0; i < 3; i++) {
      send(
          GnssObservation.newBuilder(template)
              .setNetwork("NGL")
              .setStation("LHAS")
              .setEpoch(template.getEpoch().plusSeconds(TimeUnits.SECONDS_PER_DAY * i))
              .build(),
          null);
    }
  }

  private void sendRaw(byte[] key, byte[] value) {
    expectedDeadLetters.put(
        outgoing.size(), ObservationDecoder.decode("t", 0, 0, 0, key, value).failure());
    outgoing.add(new TestKafka.Outgoing(TOPICS.observations(), key, value));
  }

  /** Observations up to 4 MiB: a topic may accept what the dead-letter topic cannot store. */
  private static void allowLargeObservations(EmbeddedKafkaBroker broker) throws Exception {
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", (Object) broker.bootstrapServers()))) {
      admin
          .incrementalAlterConfigs(
              Map.of(
                  new ConfigResource(ConfigResource.Type.TOPIC, TOPICS.observations()),
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("max.message.bytes", Integer.toString(4 << 20)),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get();
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.US_ASCII);
  }

  private void keep(GnssObservation o) {
    kept.add(o);
    send(o, null);
  }

  private void send(GnssObservation o, DeadLetterReason expectedReason) {
    if (expectedReason != null) {
      expectedDeadLetters.put(outgoing.size(), expectedReason);
    }
    byte[] key =
        (o.getNetwork() + "/" + o.getStation()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    outgoing.add(
        new TestKafka.Outgoing(TOPICS.observations(), key, Codecs.GNSS_OBSERVATION.encode(o)));
  }

  private static int indexOf(List<RecordMetadata> written, int partition, long offset) {
    for (int i = 0; i < written.size(); i++) {
      if (written.get(i).partition() == partition && written.get(i).offset() == offset) {
        return i;
      }
    }
    throw new AssertionError("no record was written at " + partition + "@" + offset);
  }

  private static double[] counts(JobMetrics m) {
    return new double[] {
      m.count("asperity.observations.in"),
      m.count("asperity.observations.ingested"),
      m.count("asperity.observations.duplicate"),
      m.countAll("asperity.observations.dead.letter"),
      m.count("asperity.observations.unmodelled"),
      m.count("asperity.observations.late")
    };
  }
}
