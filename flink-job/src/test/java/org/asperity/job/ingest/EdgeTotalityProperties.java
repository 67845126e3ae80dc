package org.asperity.job.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.asperity.job.JobOptions;
import org.asperity.job.features.FeatureSpec;
import org.asperity.job.features.LateToDeadLetter;
import org.asperity.job.features.SnapshotRecord;
import org.asperity.job.features.StationFeatures;
import org.asperity.job.features.StationStateLayout;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestRegion;
import org.asperity.job.types.Micros;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.wire.Codecs;

/**
 * Whatever the bytes of key and value, and whatever value each field of a well-framed observation
 * holds, the job's edge (decode, rules, timestamp assigner and watermarks, validate, the station
 * features, and the dead-letter sink's encoding) throws nothing, and every record is accounted for
 * exactly once: in = ingested + duplicate + dead letter + unmodelled.
 */
class EdgeTotalityProperties {
  private static final long T0 = SyntheticStream.startMicros();
  private static final long DAY = SyntheticStream.DAY_MICROS;
  private static final long BOUND_MICROS = Micros.of(Duration.ofHours(1));
  private static final long MIN_EPOCH = Micros.of(Instant.parse("1980-01-06T00:00:00Z"));
  private static final long MAX_EPOCH = Micros.of(Instant.parse("2500-01-01T00:00:00Z"));
  private static final ObservationRules RULES =
      new ObservationRules(MIN_EPOCH, MAX_EPOCH, 1000, 10);
  private static final FeatureSpec SPEC =
      new FeatureSpec(TestRegion.CONFIG, TestRegion.layout(3, 3, 7));
  private static final long FINGERPRINT = Codecs.GNSS_OBSERVATION.currentFingerprint();
  private static final String TOPIC = "gnss.observations";

  /** One Kafka record as the source would read it. */
  record Raw(int partition, long kafkaTimestampMillis, byte[] key, byte[] value) {
    @Override
    public String toString() {
      return "Raw[partition "
          + partition
          + ", ts "
          + kafkaTimestampMillis
          + ", key "
          + (key == null ? "null" : key.length + " bytes")
          + ", value "
          + (value == null ? "null" : value.length + " bytes: " + head(value))
          + "]";
    }

    private static String head(byte[] b) {
      return Arrays.toString(Arrays.copyOf(b, Math.min(b.length, 48)));
    }
  }

  @Property(tries = 400)
  void nothingThrowsAndEveryRecordIsCountedOnce(@ForAll("streams") List<Raw> stream)
      throws Exception {
    JobMetrics metrics = JobMetrics.peek();
    double inBefore = metrics.count("asperity.observations.in");
    double ingestedBefore = metrics.count("asperity.observations.ingested");
    double duplicateBefore = metrics.count("asperity.observations.duplicate");
    double unmodelledBefore = metrics.count("asperity.observations.unmodelled");
    double deadLetterBefore = metrics.countAll("asperity.observations.dead.letter");

    var validate =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(
                new ValidateObservations(
                    RULES,
                    BOUND_MICROS,
                    SPEC.stationCodes(),
                    false,
                    JobOptions.DEFAULT_MAX_REGIONS,
                    Micros.of(Duration.ofDays(10)),
                    MetricsEndpoint.disabled())));
    validate.setup(Observation.TYPE_INFO.createSerializer(null));
    validate.open();
    var stations =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new StationFeatures(
                    SPEC,
                    Micros.of(Duration.ofDays(10)),
                    JobOptions.DEFAULT_MAX_PENDING_SAMPLES,
                    TOPIC,
                    MetricsEndpoint.disabled(),
                    StationStateLayout.BLOCKS)),
            Observation::stationKey,
            Types.STRING);
    stations.setup(SnapshotRecord.TYPE_INFO.createSerializer(null));
    stations.open();

    PartitionWatermarks.EpochAssigner assigner = new PartitionWatermarks.EpochAssigner(RULES);
    List<PartitionWatermarks.Generator> generators = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      generators.add(new PartitionWatermarks.Generator(BOUND_MICROS));
    }
    long[] emitted = new long[4];
    Arrays.fill(emitted, Long.MIN_VALUE);
    int forwarded = 0;
    int validateDeadLetters = 0;
    for (Raw raw : stream) {
      SourceRecord record =
          ObservationDecoder.decode(
              TOPIC, raw.partition(), 0, raw.kafkaTimestampMillis(), raw.key(), raw.value());
      ValidateObservations.Verdict verdict =
          ValidateObservations.classify(record, RULES, SPEC.stationCodes(), false);
      assertNotNull(verdict.route());
      long timestamp = assigner.extractTimestamp(record, raw.kafkaTimestampMillis());
      assertEquals(verdict.epochMicros(), timestamp, "assigner and validate agree on event time");
      int partition = raw.partition();
      generators.get(partition).onEvent(record, timestamp, ignored());
      generators.get(partition).onPeriodicEmit(recordTo(emitted, partition));
      validate.processElement(new StreamRecord<>(record, timestamp));
      int outputs = validate.extractOutputValues().size();
      var deadLetters = validate.getSideOutput(ValidateObservations.DEAD_LETTERS);
      int dead = deadLetters == null ? 0 : deadLetters.size();
      switch (verdict.route()) {
        case FORWARD -> assertEquals(forwarded + 1, outputs);
        case DEAD_LETTER -> assertEquals(validateDeadLetters + 1, dead);
        case UNMODELLED -> {
          assertEquals(forwarded, outputs);
          assertEquals(validateDeadLetters, dead);
        }
      }
      if (outputs > forwarded) {
        stations.processElement(
            new StreamRecord<>(validate.extractOutputValues().get(outputs - 1), timestamp));
      }
      forwarded = outputs;
      validateDeadLetters = dead;
      long combined = Arrays.stream(emitted).min().orElseThrow();
      if (combined > Long.MIN_VALUE && combined > stations.getCurrentWatermark()) {
        stations.processWatermark(combined);
      }
    }
    stations.processWatermark(Long.MAX_VALUE);

    List<DeadLetterRecord> deadLetters = new ArrayList<>();
    if (validate.getSideOutput(ValidateObservations.DEAD_LETTERS) != null) {
      validate
          .getSideOutput(ValidateObservations.DEAD_LETTERS)
          .forEach(r -> deadLetters.add((DeadLetterRecord) ((StreamRecord<?>) r).getValue()));
    }
    if (stations.getSideOutput(StationFeatures.LATE) != null) {
      LateToDeadLetter lateToDeadLetter = new LateToDeadLetter(TOPIC);
      for (Object r : stations.getSideOutput(StationFeatures.LATE)) {
        deadLetters.add(lateToDeadLetter.map((Observation) ((StreamRecord<?>) r).getValue()));
      }
    }
    if (stations.getSideOutput(StationFeatures.REFUSED) != null) {
      stations
          .getSideOutput(StationFeatures.REFUSED)
          .forEach(r -> deadLetters.add((DeadLetterRecord) ((StreamRecord<?>) r).getValue()));
    }
    // Every dead letter can be written: encoded within the producer's default 1 MiB.
    for (DeadLetterRecord d : deadLetters) {
      assertTrue(
          DeadLetterKafkaRecords.toProducerRecord("dlq", d).value().length
              <= DeadLetterKafkaRecords.MAX_STORED_BYTES + 64 * 1024);
    }
    validate.close();
    stations.close();

    double in = metrics.count("asperity.observations.in") - inBefore;
    double ingested = metrics.count("asperity.observations.ingested") - ingestedBefore;
    double duplicate = metrics.count("asperity.observations.duplicate") - duplicateBefore;
    double unmodelled = metrics.count("asperity.observations.unmodelled") - unmodelledBefore;
    double deadLetter = metrics.countAll("asperity.observations.dead.letter") - deadLetterBefore;
    assertEquals(stream.size(), in);
    assertEquals(
        in,
        ingested + duplicate + deadLetter + unmodelled,
        "in = ingested + duplicate + dead letter + unmodelled");
  }

  private static WatermarkOutput ignored() {
    return recordTo(new long[1], 0);
  }

  private static WatermarkOutput recordTo(long[] emitted, int index) {
    return new WatermarkOutput() {
      @Override
      public void emitWatermark(Watermark watermark) {
        emitted[index] = Math.max(emitted[index], watermark.getTimestamp());
      }

      @Override
      public void markIdle() {}

      @Override
      public void markActive() {}
    };
  }

  // ---- generators ----

  @Provide
  Arbitrary<List<Raw>> streams() {
    return raws().list().ofMinSize(1).ofMaxSize(40);
  }

  private Arbitrary<Raw> raws() {
    Arbitrary<byte[]> keys =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just("net-a/C001".getBytes())),
            Tuple.of(1, Arbitraries.just((byte[]) null)),
            Tuple.of(1, Arbitraries.just(new byte[0])),
            Tuple.of(1, bytes(64)));
    Arbitrary<Long> kafkaTimestamps =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.longs().between(0, 4_000_000_000_000L)),
            Tuple.of(1, Arbitraries.longs()),
            Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L)));
    Arbitrary<byte[]> values =
        Arbitraries.frequencyOf(
            Tuple.of(8, observations()),
            Tuple.of(2, observations().flatMap(EdgeTotalityProperties::mutated)),
            Tuple.of(1, bytes(200)),
            Tuple.of(1, bytes(200).map(b -> withHeader(b))),
            Tuple.of(1, Arbitraries.of(new byte[0], new byte[] {(byte) 0xC3, 1})),
            Tuple.of(1, Arbitraries.just((byte[]) null)));
    return Combinators.combine(Arbitraries.integers().between(0, 3), kafkaTimestamps, keys, values)
        .as(Raw::new);
  }

  private static Arbitrary<byte[]> bytes(int maxLength) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
  }

  private static Arbitrary<byte[]> mutated(byte[] value) {
    Arbitrary<byte[]> truncated =
        Arbitraries.integers().between(0, value.length).map(n -> Arrays.copyOf(value, n));
    Arbitrary<byte[]> flipped =
        Combinators.combine(
                Arbitraries.integers().between(0, value.length - 1), Arbitraries.bytes())
            .as(
                (i, b) -> {
                  byte[] copy = value.clone();
                  copy[i] = b;
                  return copy;
                });
    Arbitrary<byte[]> extended = bytes(16).map(tail -> concat(value, tail));
    return Arbitraries.oneOf(truncated, flipped, extended);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A GnssObservation of the current schema, every field drawn from its whole range. */
  private static Arbitrary<byte[]> observations() {
    Arbitrary<String> stations =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of("C001", "C002", "C003", "I001", "I002")),
            Tuple.of(1, Arbitraries.of("X999", "x00001")),
            Tuple.of(2, codes()));
    Arbitrary<String> networks =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of("net-a", "net-b")), Tuple.of(2, codes()));
    Arbitrary<Long> epochs =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.longs().between(T0, T0 + 40 * DAY)),
            Tuple.of(2, Arbitraries.longs()),
            Tuple.of(
                2,
                Arbitraries.of(
                    Long.MIN_VALUE,
                    Long.MIN_VALUE + 1,
                    Long.MAX_VALUE,
                    Long.MAX_VALUE - 1,
                    0L,
                    -1L,
                    MIN_EPOCH - 1,
                    MIN_EPOCH,
                    MAX_EPOCH - 1,
                    MAX_EPOCH)));
    Arbitrary<Double> displacements = doubles(Arbitraries.doubles().between(-0.5, 0.5).ofScale(6));
    Arbitrary<Double> sigmas = doubles(Arbitraries.doubles().between(0.0005, 0.02).ofScale(6));
    Arbitrary<Long> sources =
        Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.longs().between(0, ObservationSource.values().length - 1)),
            Tuple.of(1, Arbitraries.longs()));
    Arbitrary<Double> coordinates =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just((Double) null)),
            Tuple.of(2, doubles(Arbitraries.doubles().between(-180, 180).ofScale(6))));
    Arbitrary<double[]> sixDoubles =
        Combinators.combine(displacements, displacements, displacements, sigmas, sigmas, sigmas)
            .as((a, b, c, d, e, f) -> new double[] {a, b, c, d, e, f});
    return Combinators.combine(
            stations, networks, epochs, sixDoubles, sources, coordinates, coordinates)
        .as(EdgeTotalityProperties::encode);
  }

  /** Network and station codes: blank, maximal, control characters, look-alikes, anything. */
  private static Arbitrary<String> codes() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            3,
            Arbitraries.of(
                "",
                " ",
                "C\u200B001",
                "\u0421001",
                "net\u2011a",
                "\u043D\u0435t-a",
                "\uFEFFC001",
                "C001\u0000",
                "a/b",
                "\uD800",
                "\uDC00C001",
                "C001\u202E",
                "x".repeat(64),
                "x".repeat(65))),
        Tuple.of(3, Arbitraries.strings().ofMaxLength(80)),
        Tuple.of(1, Arbitraries.just("\u00E9".repeat(1 << 19))));
  }

  /** Plausible values, and any bit pattern: every NaN payload, infinities, signed zeros. */
  private static Arbitrary<Double> doubles(Arbitrary<Double> plausible) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, plausible),
        Tuple.of(1, Arbitraries.longs().map(Double::longBitsToDouble)),
        Tuple.of(
            1,
            Arbitraries.longs()
                .map(bits -> Double.longBitsToDouble(bits | 0x7FF0_0000_0000_0000L))),
        Tuple.of(
            1,
            Arbitraries.of(
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                -0.0,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                Double.MIN_VALUE)));
  }

  private static byte[] withHeader(byte[] body) {
    ByteBuffer header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
    header.put((byte) 0xC3).put((byte) 0x01).putLong(FINGERPRINT);
    return concat(header.array(), body);
  }

  /** Writes the current schema's binary form field by field, the epoch as any long. */
  static byte[] encode(
      String station,
      String network,
      long epochMicros,
      double[] enuAndSigmas,
      long source,
      Double latitude,
      Double longitude) {
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(body, null);
      e.writeString(station);
      e.writeString(network);
      e.writeLong(epochMicros);
      for (double d : enuAndSigmas) {
        e.writeDouble(d);
      }
      e.writeLong(source);
      for (Double d : new Double[] {latitude, longitude}) {
        if (d == null) {
          e.writeIndex(0);
        } else {
          e.writeIndex(1);
          e.writeDouble(d);
        }
      }
      e.flush();
      return withHeader(body.toByteArray());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
