package org.asperity.simulator.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.kafka.TopicNames;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.wire.AvroClassTrust;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;
import org.asperity.simulator.EpochObservations;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.ProgressListener;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.SimulationTestSupport;
import org.asperity.simulator.gnss.Station;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Encoding, keys and error propagation of the Kafka writer (the broker round trip is
 * KafkaStreamWriterIT).
 */
class KafkaStreamWriterTest {
  private static final TopicNames TOPICS = TopicNames.defaults();

  @BeforeAll
  static void trust() {
    AvroClassTrust.ensureInstalled();
  }

  @Test
  void observationValuesAreTheCodecsBytesAndKeysNameNetworkAndStation()
      throws IOException, WireFormatException {
    SimulationConfig config =
        SimulationTestSupport.small()
            .durationYears(0.1)
            .samplingInterval(Duration.ofDays(1))
            .build();
    Simulation simulation = new Simulation(config);
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    EpochObservations[] last = new EpochObservations[1];
    long[] lastMicros = new long[1];
    EpochSink keep =
        (region, micros, o) -> {
          last[0] = new EpochObservations(o.stationCount());
          last[0].copyFrom(o);
          lastMicros[0] = micros;
        };
    KafkaStreamWriter writer = new KafkaStreamWriter(producer, TOPICS);
    simulation.run(EpochSink.all(writer, keep), ProgressListener.none());
    writer.close();
    List<ProducerRecord<byte[], byte[]>> observations =
        producer.history().stream().filter(r -> r.topic().equals(TOPICS.observations())).toList();
    assertEquals(simulation.summary().observations(), observations.size());
    ProducerRecord<byte[], byte[]> record = observations.get(observations.size() - 1);
    Station station =
        simulation.model().stations().stream()
            .filter(
                s -> new String(record.key(), StandardCharsets.UTF_8).equals("sim-00/" + s.code()))
            .findFirst()
            .orElseThrow();
    GnssObservation expected =
        AvroRecords.gnssObservation(station, "sim-00", lastMicros[0], last[0]);
    assertArrayEquals(Codecs.GNSS_OBSERVATION.encode(expected), record.value());
    assertEquals(expected, Codecs.GNSS_OBSERVATION.decode(record.value()));
    assertTrue(
        producer.history().stream()
            .anyMatch(
                r ->
                    r.topic().equals(TOPICS.slipDeficit())
                        && new String(r.key(), StandardCharsets.UTF_8).equals("sim-00/A2")));
  }

  @Test
  void aFailedSendIsReportedByTheNextCall() throws IOException {
    SimulationConfig config = SimulationTestSupport.small().durationYears(0.05).build();
    Simulation simulation = new Simulation(config);
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    KafkaStreamWriter writer = new KafkaStreamWriter(producer, TOPICS);
    writer.begin(simulation.model(), simulation.regionIds());
    assertTrue(simulation.step(writer));
    producer.errorNext(new RecordTooLargeException("the broker refused it"));
    IOException failure = assertThrows(IOException.class, () -> simulation.step(writer));
    assertTrue(
        failure.getMessage().contains("could not be written to Kafka"), failure.getMessage());
  }
}
