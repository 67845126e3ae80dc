package org.asperity.simulator.io;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.StationKey;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.SlipDeficitSample;
import org.asperity.schemas.wire.AvroClassTrust;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;
import org.asperity.simulator.ProgressListener;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.SimulationSummary;
import org.asperity.simulator.SimulationTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A simulation of two regions through a real (embedded) broker, read back and decoded. */
class KafkaStreamWriterIT {
  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static KafkaClientSettings settings;

  @BeforeAll
  static void topics(EmbeddedKafkaBroker broker) {
    AvroClassTrust.ensureInstalled();
    settings = KafkaClientSettings.of(broker.bootstrapServers());
    try (TopicAdmin admin = TopicAdmin.connect(settings)) {
      admin.ensureTopics(TOPICS.all(), WAIT);
    }
  }

  @Test
  void everyRecordArrivesKeyedAndDecodable() throws IOException, WireFormatException {
    SimulationConfig config =
        SimulationTestSupport.small()
            .regions(2)
            .durationYears(150.0)
            .samplingInterval(Duration.ofDays(7))
            .slipDeficitInterval(Duration.ofDays(28))
            .build();
    SimulationSummary summary;
    try (KafkaStreamWriter writer = new KafkaStreamWriter(settings, TOPICS)) {
      summary = new Simulation(config).run(writer, ProgressListener.none());
      writer.flush();
      assertEquals(
          summary.observations() + summary.slipDeficitSamples() + summary.earthquakes(),
          writer.recordsSent());
    }
    assertTrue(summary.earthquakes() > 0);

    List<ConsumerRecord<byte[], byte[]>> observations =
        readAll(TOPICS.observations(), summary.observations());
    Map<String, Instant> lastEpoch = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : observations) {
      GnssObservation o = Codecs.GNSS_OBSERVATION.decode(r.value());
      StationKey key = StationKey.fromBytes(r.key());
      assertEquals(new StationKey(o.getNetwork(), o.getStation()), key);
      Instant previous = lastEpoch.put(key.format(), o.getEpoch());
      assertTrue(
          previous == null || previous.isBefore(o.getEpoch()),
          "each station in order on its partition");
    }
    assertEquals(2 * 10, lastEpoch.size(), "ten stations in each of two networks");

    for (ConsumerRecord<byte[], byte[]> r :
        readAll(TOPICS.slipDeficit(), summary.slipDeficitSamples())) {
      SlipDeficitSample s = Codecs.SLIP_DEFICIT_SAMPLE.decode(r.value());
      assertEquals(
          s.getRegion() + "/" + s.getAsperity(), new String(r.key(), StandardCharsets.UTF_8));
    }
    for (ConsumerRecord<byte[], byte[]> r :
        readAll(TOPICS.catalogEvents(), summary.earthquakes())) {
      EarthquakeEvent e = Codecs.EARTHQUAKE_EVENT.decode(r.value());
      assertEquals(e.getRegion(), new String(r.key(), StandardCharsets.UTF_8));
      assertTrue(e.getEventId().startsWith(e.getRegion() + "/"));
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, long expected) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            settings.consumer("it-" + topic, true),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      // The consumer is not thread-safe: poll it on the test's thread; each poll waits up to 200 ms
      // for records itself, so the condition is checked again almost at once.
      await(topic)
          .atMost(WAIT)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
              });
    }
    assertEquals(expected, records.size(), topic);
    return records;
  }
}
