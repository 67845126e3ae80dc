package org.asperity.replay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.StationKey;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replay from a Kafka time range into another topic, and of a real file into Kafka, on a real
 * broker.
 */
class KafkaReplayIT {
  @RegisterExtension
  static final EmbeddedKafkaExtension KAFKA =
      new EmbeddedKafkaExtension(
          EmbeddedKafkaBroker.builder()
              .topic("archive", 2)
              .topic("replayed", 2)
              .topic("observations", 4));

  private static GnssObservation observation(String station, Instant epoch) {
    return GnssObservation.newBuilder()
        .setStation(station)
        .setNetwork("NET")
        .setEpoch(epoch)
        .setEastMeters(0.001)
        .setNorthMeters(0.002)
        .setUpMeters(0.003)
        .setSigmaEastMeters(0.001)
        .setSigmaNorthMeters(0.001)
        .setSigmaUpMeters(0.003)
        .setSource(ObservationSource.REALTIME)
        .build();
  }

  @Test
  void replaysOnlyTheRecordsProducedInsideTheRangeAndRejectsUndecodableOnes() throws Exception {
    KafkaClientSettings settings = KafkaClientSettings.of(KAFKA.broker().bootstrapServers());
    long t0 = 1_700_000_000_000L;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            settings.producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < 30; i++) {
        GnssObservation o =
            observation(
                "S" + (i % 3), Instant.parse("2020-01-01T00:00:00Z").plusSeconds(86_400L * i));
        producer.send(
            new ProducerRecord<>(
                "archive",
                i % 2,
                t0 + i * 1000L,
                StationKey.of(o).toBytes(),
                Codecs.GNSS_OBSERVATION.encode(o)));
      }
      producer.send(
          new ProducerRecord<>(
              "archive", 0, t0 + 15_500L, null, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));
    }
    RejectLog rejects = new RejectLog(false);

    ReplaySummary summary;
    try (KafkaRangeReader reader =
            new KafkaRangeReader(
                settings,
                "archive",
                Instant.ofEpochMilli(t0 + 10_000),
                Instant.ofEpochMilli(t0 + 19_999),
                rejects);
        KafkaObservationSink sink = new KafkaObservationSink(settings, "replayed")) {
      summary =
          new Replay(reader, ReplayOptions.historicAsFastAsPossible(), rejects).run(sink, p -> {});
    }

    assertEquals(10, summary.written(), summary.toString());
    assertEquals(1, summary.rejected());
    assertEquals(1L, rejects.countsByReason().get("BAD_MARKER"));
    assertTrue(
        rejects.examples().get(0).location().startsWith("partition 0 offset"),
        rejects.examples().toString());
    List<GnssObservation> replayed = consumeAll(settings, "replayed", 10);
    assertEquals(10, replayed.size());
    replayed.forEach(o -> assertEquals(ObservationSource.REPLAY, o.getSource()));
  }

  @Test
  void theRealTenv3FileReachesKafka() throws Exception {
    KafkaClientSettings settings = KafkaClientSettings.of(KAFKA.broker().bootstrapServers());
    RejectLog rejects = new RejectLog(false);
    ReplaySummary summary;
    try (ObservationReader reader =
            GnssFiles.open(RepositoryData.gnss("LHAS.tenv3"), null, rejects);
        KafkaObservationSink sink = new KafkaObservationSink(settings, "observations")) {
      summary =
          new Replay(reader, ReplayOptions.historicAsFastAsPossible(), rejects).run(sink, p -> {});
    }
    List<GnssObservation> received = consumeAll(settings, "observations", (int) summary.written());
    assertEquals(summary.written(), received.size());
    assertEquals("LHAS", received.get(0).getStation());
  }

  private static List<GnssObservation> consumeAll(
      KafkaClientSettings settings, String topic, int expected) throws Exception {
    Properties props = settings.consumer("check-" + topic, true);
    List<GnssObservation> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      // The consumer is not thread-safe: poll it on the test's thread; each poll waits up to 200 ms
      // for records itself, so the condition is checked again almost at once.
      await(topic)
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  out.add(Codecs.GNSS_OBSERVATION.decode(r.value()));
                }
                return out.size() >= expected;
              });
    }
    return out;
  }
}
