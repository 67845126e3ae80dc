package org.asperity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.AlertLevel;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.wire.Codecs;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page's consumer on a real broker: what it reads back at start, what it reads live, what it
 * cannot read.
 */
class TopicFeedIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Long.MIN_VALUE µs since 1970. */
  private static final Instant EARLIEST_WIRE_EPOCH =
      Instant.ofEpochSecond(Math.floorDiv(Long.MIN_VALUE, 1_000_000L))
          .plusNanos(Math.floorMod(Long.MIN_VALUE, 1_000_000L) * 1_000L);

  @Test
  void readsRecentHistoryOfTheSlowTopicsAndObservationsFromNowOn(EmbeddedKafkaBroker broker)
      throws Exception {
    KafkaClientSettings settings = KafkaClientSettings.of(broker.bootstrapServers());
    TopicNames topics = TopicNames.defaults();
    try (TopicAdmin admin = TopicAdmin.connect(settings)) {
      admin.ensureTopics(topics.all(), Duration.ofSeconds(60));
    }
    try (Producer<byte[], byte[]> producer =
        new KafkaProducer<>(
            settings.producer(), new ByteArraySerializer(), new ByteArraySerializer())) {
      // Before the page starts: history it must show, and observations it must not count.
      producer.send(
          record(
              topics.forecasts(), Codecs.TTF_FORECAST.encode(Records.forecast("sim-00", 1, 400))));
      producer.send(
          record(
              topics.alerts(),
              Codecs.TTF_ALERT.encode(Records.alert("sim-00", 1, AlertLevel.WATCH))));
      producer.send(
          record(
              topics.catalogEvents(),
              Codecs.EARTHQUAKE_EVENT.encode(Records.earthquake("sim-00", 1, 7.9))));
      producer.send(
          record(
              topics.observationsDeadLetter(),
              Codecs.DEAD_LETTER.encode(
                  Records.deadLetter(DeadLetterReason.NOT_FINITE, "eastMeters is NaN"))));
      producer.send(
          record(
              topics.observations(),
              Codecs.GNSS_OBSERVATION.encode(Records.observation("sim-00", "C001", 0, 0, 0))));
      producer.flush();

      LiveModel model = new LiveModel(null, System::currentTimeMillis);
      try (TopicFeed feed = new TopicFeed(settings, topics, model).start(Duration.ofSeconds(30))) {
        JsonNode history =
            await(
                model,
                s ->
                    s.get("pipeline").get("deadLetters").asLong() == 1
                        && s.get("alerts").size() == 1
                        && s.get("earthquakes").size() == 1
                        && s.has("latest")
                        && s.get("latest").has("sim-00"));
        assertEquals(400.0, history.get("latest").get("sim-00").get("ttfP50Days").asDouble());
        assertEquals(
            1, history.get("pipeline").get("deadLettersByReason").get("NOT_FINITE").asLong());

        // Live: observations, and records that are not what their topic promises, among them a
        // well-formed observation at the earliest epoch the wire can carry (µs overflow a long).
        producer.send(
            record(
                topics.observations(),
                Codecs.GNSS_OBSERVATION.encode(
                    GnssObservation.newBuilder(Records.observation("sim-00", "C001", 0, 0, 0))
                        .setEpoch(EARLIEST_WIRE_EPOCH)
                        .build())));
        for (int d = 1; d <= 30; d++) {
          producer.send(
              record(
                  topics.observations(),
                  Codecs.GNSS_OBSERVATION.encode(
                      Records.observation("sim-00", "C001", d, 0.001 * d, 0))));
        }
        producer.send(record(topics.forecasts(), "not avro".getBytes(StandardCharsets.UTF_8)));
        producer.send(
            record(topics.alerts(), Codecs.TTF_FORECAST.encode(Records.forecast("sim-00", 2, 1))));
        producer.flush();
        JsonNode live =
            await(
                model,
                s ->
                    s.get("pipeline").get("observations").asLong() >= 30
                        && s.get("pipeline").get("unreadableByTopic").size() == 3);
        assertEquals(
            1, live.get("pipeline").get("unreadableByTopic").get(topics.observations()).asLong());
        assertEquals(
            1, live.get("pipeline").get("unreadableByTopic").get(topics.forecasts()).asLong());
        assertEquals(
            1, live.get("pipeline").get("unreadableByTopic").get(topics.alerts()).asLong());
        assertEquals(
            30,
            live.get("stations").get("sim-00").get(0).get("windowSamples").asInt(),
            "observations before the start are not read");
        assertTrue(live.get("pipeline").get("feed").asText().startsWith("reading"));
      }
    }
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, byte[] value) {
    return new ProducerRecord<>(topic, "sim-00".getBytes(StandardCharsets.UTF_8), value);
  }

  private static JsonNode await(LiveModel model, Predicate<JsonNode> condition) {
    return Awaitility.await("the page's model to show what was sent")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> JSON.readTree(model.snapshot()), condition);
  }
}
