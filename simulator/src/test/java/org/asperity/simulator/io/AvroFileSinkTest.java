package org.asperity.simulator.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.RuptureKind;
import org.asperity.schemas.SlipDeficitSample;
import org.asperity.schemas.wire.AvroClassTrust;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.ProgressListener;
import org.asperity.simulator.Simulation;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.SimulationSummary;
import org.asperity.simulator.SimulationTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroFileSinkTest {
  private static final List<String> FILES =
      List.of(AvroFileSink.OBSERVATIONS, AvroFileSink.SLIP_DEFICIT, AvroFileSink.EARTHQUAKES);

  @BeforeAll
  static void trust() {
    AvroClassTrust.ensureInstalled();
  }

  @Test
  void directEncoderWritesWhatSpecificDatumWriterWrites() throws IOException {
    GnssObservationEncoder.Row row = new GnssObservationEncoder.Row();
    row.station = GnssObservationEncoder.avroString("C007");
    row.network = GnssObservationEncoder.avroString("sim-03");
    row.epochMicros = 1_893_456_000_123_456L;
    row.east = -0.123456789;
    row.north = 1e-9;
    row.up = 42.0;
    row.sigmaEast = 0.001;
    row.sigmaNorth = 0.0011;
    row.sigmaUp = 0.0035;
    row.latitude = -35.33;
    row.longitude = -72.41;
    GnssObservation record =
        GnssObservation.newBuilder()
            .setStation("C007")
            .setNetwork("sim-03")
            .setEpoch(Instant.ofEpochSecond(1_893_456_000L, 123_456_000L))
            .setEastMeters(row.east)
            .setNorthMeters(row.north)
            .setUpMeters(row.up)
            .setSigmaEastMeters(row.sigmaEast)
            .setSigmaNorthMeters(row.sigmaNorth)
            .setSigmaUpMeters(row.sigmaUp)
            .setSource(ObservationSource.SIMULATED)
            .setLatitudeDegrees(-35.33)
            .setLongitudeDegrees(-72.41)
            .build();
    byte[] reference = encode(new SpecificDatumWriter<>(GnssObservation.class), record);
    assertArrayEquals(reference, encode(new GnssObservationEncoder(), row));
    byte[] direct = new byte[128];
    assertArrayEquals(reference, Arrays.copyOf(direct, GnssObservationEncoder.encode(row, direct)));
    row.epochMicros = -5L; // before 1970: negative zig-zag varint
    record.setEpoch(Instant.ofEpochSecond(0, -5000));
    assertArrayEquals(
        encode(new SpecificDatumWriter<>(GnssObservation.class), record),
        Arrays.copyOf(direct, GnssObservationEncoder.encode(row, direct)));
  }

  private static <D> byte[] encode(org.apache.avro.io.DatumWriter<D> writer, D datum)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    writer.write(datum, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }

  /**
   * SHA-256 of each file of the seed-11 run below. After a deliberate change of the simulator's
   * output, rewrite it with {@code -Dasperity.golden.update=true} and say why in the commit.
   */
  private static final Path GOLDEN = Path.of("src/test/resources/golden/seed-11-80-years.sha256");

  @Test
  void aSeededRunWritesTheStoredFilesAndAnotherSeedDifferentOnes(@TempDir Path dir)
      throws Exception {
    SimulationConfig config = SimulationTestSupport.small().durationYears(80.0).seed(11).build();
    write(config, dir.resolve("a"));
    write(config, dir.resolve("b"));
    write(config.toBuilder().seed(12).build(), dir.resolve("c"));
    StringBuilder digests = new StringBuilder();
    for (String file : FILES) {
      byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
      digests.append(sha256(a)).append("  ").append(file).append('\n');
      assertArrayEquals(a, Files.readAllBytes(dir.resolve("b").resolve(file)), file);
      assertFalse(Arrays.equals(a, Files.readAllBytes(dir.resolve("c").resolve(file))), file);
    }
    if (Boolean.getBoolean("asperity.golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, digests);
    }
    assertEquals(Files.readString(GOLDEN), digests.toString());
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void filesHoldTheSimulatedRecords(@TempDir Path dir) throws IOException {
    SimulationConfig config = SimulationTestSupport.small().regions(2).durationYears(120.0).build();
    List<Earthquake> quakes = new ArrayList<>();
    SimulationSummary summary;
    try (AvroFileSink sink = new AvroFileSink(dir, config)) {
      EpochSink recorder =
          new EpochSink() {
            @Override
            public void observations(
                int region, long epochMicros, org.asperity.simulator.EpochObservations o) {}

            @Override
            public void earthquake(Earthquake e) {
              quakes.add(e);
            }
          };
      summary = new Simulation(config).run(EpochSink.all(sink, recorder), ProgressListener.none());
      sink.close();
      assertEquals(summary.observations(), sink.observationsWritten());
    }
    long observations = 0;
    long previous = Long.MIN_VALUE;
    try (DataFileReader<GnssObservation> reader =
        new DataFileReader<>(
            dir.resolve(AvroFileSink.OBSERVATIONS).toFile(),
            new SpecificDatumReader<>(GnssObservation.class))) {
      for (GnssObservation o : reader) {
        long micros = o.getEpoch().getEpochSecond() * 1_000_000 + o.getEpoch().getNano() / 1000;
        assertTrue(micros >= previous);
        previous = micros;
        assertTrue(o.getNetwork().equals("sim-00") || o.getNetwork().equals("sim-01"));
        assertTrue(o.getSigmaUpMeters() > 0);
        assertEquals(ObservationSource.SIMULATED, o.getSource());
        assertTrue(o.getLatitudeDegrees() < -33 && o.getLongitudeDegrees() > -74.2);
        observations++;
      }
    }
    assertEquals(summary.observations(), observations);
    long samples = 0;
    try (DataFileReader<SlipDeficitSample> reader =
        new DataFileReader<>(
            dir.resolve(AvroFileSink.SLIP_DEFICIT).toFile(),
            new SpecificDatumReader<>(SlipDeficitSample.class))) {
      for (SlipDeficitSample s : reader) {
        assertTrue(s.getStrengthMegapascals() > s.getShearStressMegapascals() - 1e-9);
        samples++;
      }
    }
    assertEquals(summary.slipDeficitSamples(), samples);
    List<EarthquakeEvent> events = new ArrayList<>();
    try (DataFileReader<EarthquakeEvent> reader =
        new DataFileReader<>(
            dir.resolve(AvroFileSink.EARTHQUAKES).toFile(),
            new SpecificDatumReader<>(EarthquakeEvent.class))) {
      reader.forEach(events::add);
    }
    assertEquals(quakes.size(), events.size());
    for (int i = 0; i < events.size(); i++) {
      EarthquakeEvent event = events.get(i);
      Earthquake quake = quakes.get(i);
      assertEquals(quake.eventId(), event.getEventId());
      assertEquals(quake.momentMagnitude(), event.getMomentMagnitude());
      assertEquals(quake.asperities(), event.getAsperities());
      assertEquals(
          quake.fullMargin() ? RuptureKind.FULL_MARGIN : RuptureKind.PARTIAL,
          event.getRuptureKind());
      assertTrue(
          event.getRuptureEndAlongStrikeKilometers()
              > event.getRuptureStartAlongStrikeKilometers());
    }
  }

  private static void write(SimulationConfig config, Path dir) throws IOException {
    try (AvroFileSink sink = new AvroFileSink(dir, config)) {
      new Simulation(config).run(sink, ProgressListener.none());
    }
  }
}
