package org.asperity.job.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.asperity.job.JobOptions;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.types.Micros;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.TtfForecast;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;

class ValidateObservationsTest {
  private static final long DAY = SyntheticStream.DAY_MICROS;
  private static final long T0 = SyntheticStream.startMicros();
  private static final long BOUND = 3_600_000_000L;
  private static final long RETIREMENT = 30 * DAY;
  private static final ObservationRules RULES =
      new ObservationRules(
          Micros.of(Instant.parse("1980-01-06T00:00:00Z")),
          Micros.of(Instant.parse("2500-01-01T00:00:00Z")),
          1000,
          10);

  private static OneInputStreamOperatorTestHarness<SourceRecord, Observation> harness(
      boolean rejectUnknown) throws Exception {
    return harness(rejectUnknown, JobOptions.DEFAULT_MAX_REGIONS);
  }

  private static OneInputStreamOperatorTestHarness<SourceRecord, Observation> harness(
      boolean rejectUnknown, int maxRegions) throws Exception {
    var h =
        new OneInputStreamOperatorTestHarness<>(
            new ProcessOperator<>(
                new ValidateObservations(
                    RULES,
                    BOUND,
                    Set.of("C001", "C002"),
                    rejectUnknown,
                    maxRegions,
                    RETIREMENT,
                    MetricsEndpoint.disabled())));
    h.setup(Observation.TYPE_INFO.createSerializer(null));
    return h;
  }

  /** The record as a producer keys it: by its station if it decodes, else by a stray key. */
  private static SourceRecord record(int partition, long offset, byte[] value) {
    SourceRecord unkeyed =
        ObservationDecoder.decode(
            "gnss.observations", partition, offset, 5_000L, "k".getBytes(), value);
    if (!unkeyed.isDecoded()) {
      return unkeyed;
    }
    byte[] key =
        ValidateObservations.stationKey(unkeyed.observation())
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ObservationDecoder.decode("gnss.observations", partition, offset, 5_000L, key, value);
  }

  private static byte[] encode(GnssObservation o) {
    return Codecs.GNSS_OBSERVATION.encode(o);
  }

  private static GnssObservation valid(String station, int day) {
    return valid("net-a", station, day);
  }

  private static GnssObservation valid(String network, String station, int day) {
    return SyntheticStream.observation(network, station, day, 0.01, 0.02, -0.01);
  }

  private static List<String> forwardedNetworks(
      OneInputStreamOperatorTestHarness<SourceRecord, Observation> h) {
    return h.extractOutputValues().stream().map(Observation::network).distinct().toList();
  }

  private static List<DeadLetterRecord> deadLetters(
      OneInputStreamOperatorTestHarness<SourceRecord, Observation> h) {
    var side = h.getSideOutput(ValidateObservations.DEAD_LETTERS);
    return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
  }

  @Test
  void admitsRegionsUpToTheCapAndFreesTheSlotsOfSilentOnes() throws Exception {
    OperatorSubtaskState checkpoint;
    try (var h = harness(false, 2)) {
      h.open();
      h.processElement(record(0, 0, encode(valid("net-a", "C001", 0))), T0);
      h.processElement(record(0, 1, encode(valid("net-b", "C001", 0))), T0);
      h.processElement(record(0, 2, encode(valid("net-c", "C001", 0))), T0);
      h.processElement(record(0, 3, encode(valid("net-a", "C002", 1))), T0 + DAY);
      assertEquals(List.of("net-a", "net-b"), forwardedNetworks(h));
      List<DeadLetterRecord> dead = deadLetters(h);
      assertEquals(1, dead.size());
      assertEquals(DeadLetterReason.UNKNOWN_STATION, dead.get(0).reason());
      assertEquals(2, dead.get(0).sourceOffset());
      assertTrue(dead.get(0).detail().contains("--max-regions"), dead.get(0).detail());
      checkpoint = h.snapshot(1, 1);
    }
    try (var h = harness(false, 2)) {
      h.initializeState(checkpoint);
      h.open();
      // The admitted regions survive a restore: still full.
      h.processElement(record(0, 4, encode(valid("net-c", "C001", 2))), T0 + 2 * DAY);
      assertEquals(List.of(), forwardedNetworks(h));
      // net-b silent for the retirement period (net-a not): its slot goes to net-c.
      h.processElement(record(0, 5, encode(valid("net-a", "C001", 29))), T0 + 29 * DAY);
      h.processElement(record(0, 6, encode(valid("net-a", "C001", 40))), T0 + 40 * DAY);
      h.processElement(record(0, 7, encode(valid("net-c", "C001", 41))), T0 + 41 * DAY);
      h.processElement(record(0, 8, encode(valid("net-b", "C001", 42))), T0 + 42 * DAY);
      assertEquals(List.of("net-a", "net-c"), forwardedNetworks(h));
      assertEquals(
          List.of(4L, 8L), deadLetters(h).stream().map(DeadLetterRecord::sourceOffset).toList());
    }
  }

  /**
   * 100,000 records of distinct made-up networks: all but the cap's worth are dead-lettered, and
   * the checkpointed state is what a handful of regions cost, not the flood's.
   */
  @Test
  void aFloodOfMadeUpNetworksIsDeadLetteredAndLeavesTheCheckpointSmall() throws Exception {
    int maxRegions = 64;
    long quietBytes;
    try (var h = harness(false, maxRegions)) {
      h.open();
      for (int i = 0; i < maxRegions; i++) {
        String network = String.format(java.util.Locale.ROOT, "x%05d", i);
        h.processElement(record(i % 4, i, encode(valid(network, "C001", 0))), T0);
      }
      quietBytes = h.snapshot(1, 1).getStateSize();
    }
    int flood = 100_000;
    double before =
        JobMetrics.peek().count("asperity.observations.dead.letter", "reason", "UNKNOWN_STATION");
    try (var h = harness(false, maxRegions)) {
      h.open();
      for (int i = 0; i < flood; i++) {
        String network = String.format(java.util.Locale.ROOT, "x%05d", i);
        h.processElement(record(i % 4, i, encode(valid(network, "C001", 0))), T0);
      }
      assertEquals(maxRegions, h.extractOutputValues().size());
      assertEquals(flood - maxRegions, deadLetters(h).size());
      long floodBytes = h.snapshot(1, 1).getStateSize();
      assertTrue(floodBytes > 0);
      assertEquals(quietBytes, floodBytes, "the flood adds nothing to the checkpoint");
      assertTrue(floodBytes < 8 * 1024, floodBytes + " bytes");
    }
    assertEquals(
        flood - maxRegions,
        JobMetrics.peek().count("asperity.observations.dead.letter", "reason", "UNKNOWN_STATION")
            - before);
  }

  @Test
  void everyRejectionNamesItsReasonAndKeepsTheRecordWhole() throws Exception {
    byte[] unknownFingerprint = encode(valid("C001", 0));
    ByteBuffer.wrap(unknownFingerprint, 2, 8)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(0x1234_5678_9abc_def0L);
    byte[] corrupt = encode(valid("C001", 0));
    corrupt = java.util.Arrays.copyOf(corrupt, 14);
    byte[] wrongType =
        Codecs.TTF_FORECAST.encode(
            TtfForecast.newBuilder()
                .setRegion("r")
                .setWindowEnd(Instant.EPOCH)
                .setTtfP10Days(1)
                .setTtfP50Days(2)
                .setTtfP90Days(3)
                .setMomentMagnitude(7)
                .setMagnitudeThreshold(7)
                .setModelVersion("v")
                .setFeatureHash("h")
                .setStationsUsed(1)
                .setStationsExpected(1)
                .build());
    List<byte[]> values =
        List.of(
            new byte[] {1, 2, 3},
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
            unknownFingerprint,
            wrongType,
            corrupt,
            encode(GnssObservation.newBuilder(valid("C001", 0)).setEastMeters(Double.NaN).build()),
            encode(
                GnssObservation.newBuilder(valid("C001", 0))
                    .setUpMeters(Double.POSITIVE_INFINITY)
                    .build()),
            encode(GnssObservation.newBuilder(valid("C001", 0)).setSigmaUpMeters(0).build()),
            encode(GnssObservation.newBuilder(valid("C001", 0)).setNorthMeters(5_000).build()),
            encode(GnssObservation.newBuilder(valid("C001", 0)).setSigmaEastMeters(50).build()),
            encode(GnssObservation.newBuilder(valid("C001", 0)).setLatitudeDegrees(95.0).build()),
            encode(
                GnssObservation.newBuilder(valid("C001", 0))
                    .setEpoch(Instant.parse("1970-01-02T00:00:00Z"))
                    .build()),
            encode(
                GnssObservation.newBuilder(valid("C001", 0))
                    .setEpoch(Instant.parse("9999-01-01T00:00:00Z"))
                    .build()),
            encode(GnssObservation.newBuilder(valid("C001", 0)).setStation("C/01").build()),
            encode(GnssObservation.newBuilder(valid("C001", 0)).setNetwork(" ").build()));
    List<DeadLetterReason> expected =
        List.of(
            DeadLetterReason.TOO_SHORT,
            DeadLetterReason.BAD_MARKER,
            DeadLetterReason.UNKNOWN_FINGERPRINT,
            DeadLetterReason.WRONG_RECORD_TYPE,
            DeadLetterReason.CORRUPT_BODY,
            DeadLetterReason.NOT_FINITE,
            DeadLetterReason.NOT_FINITE,
            DeadLetterReason.NON_POSITIVE_SIGMA,
            DeadLetterReason.IMPLAUSIBLE_VALUE,
            DeadLetterReason.IMPLAUSIBLE_VALUE,
            DeadLetterReason.IMPLAUSIBLE_VALUE,
            DeadLetterReason.BAD_TIMESTAMP,
            DeadLetterReason.BAD_TIMESTAMP,
            DeadLetterReason.UNKNOWN_STATION,
            DeadLetterReason.UNKNOWN_STATION);
    double before = JobMetrics.peek().countAll("asperity.observations.dead.letter");
    try (var h = harness(false)) {
      h.open();
      for (int i = 0; i < values.size(); i++) {
        h.processElement(record(1, i, values.get(i)), Long.MIN_VALUE);
      }
      assertTrue(h.extractOutputValues().isEmpty());
      List<DeadLetterRecord> dead = new ArrayList<>();
      for (StreamRecord<DeadLetterRecord> r : h.getSideOutput(ValidateObservations.DEAD_LETTERS)) {
        dead.add(r.getValue());
      }
      assertEquals(expected, dead.stream().map(DeadLetterRecord::reason).toList());
      for (int i = 0; i < dead.size(); i++) {
        assertEquals(i, dead.get(i).sourceOffset());
        assertEquals(1, dead.get(i).sourcePartition());
        assertEquals(5_000L, dead.get(i).sourceTimestampMillis());
        assertTrue(java.util.Arrays.equals(values.get(i), dead.get(i).value()));
        assertTrue(java.util.Arrays.equals(record(1, i, values.get(i)).key(), dead.get(i).key()));
      }
    }
    assertEquals(
        values.size(), JobMetrics.peek().countAll("asperity.observations.dead.letter") - before);
  }

  @Test
  void recordsNotKeyedByTheirStationAreDeadLetteredAndMoveNoClock() throws Exception {
    byte[] value = encode(valid("C001", 0));
    List<byte[]> keys =
        List.of(
            new byte[0],
            "net-a/C002".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "net-a/C001 ".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            new byte[1 << 16]);
    try (var h = harness(false)) {
      h.open();
      List<SourceRecord> records = new ArrayList<>();
      records.add(ObservationDecoder.decode("gnss.observations", 0, 0, 5_000L, null, value));
      for (int i = 0; i < keys.size(); i++) {
        records.add(
            ObservationDecoder.decode("gnss.observations", 0, i + 1, 5_000L, keys.get(i), value));
      }
      for (SourceRecord r : records) {
        h.processElement(r, T0);
      }
      assertTrue(h.extractOutputValues().isEmpty());
      List<DeadLetterRecord> dead = deadLetters(h);
      assertEquals(records.size(), dead.size());
      for (DeadLetterRecord d : dead) {
        assertEquals(DeadLetterReason.WRONG_KEY, d.reason());
        assertTrue(d.detail().startsWith("observations of net-a/C001 must be keyed by it"));
      }
      assertTrue(dead.get(0).detail().endsWith("got no key"), dead.get(0).detail());
      assertTrue(dead.get(2).detail().endsWith("got key 'net-a/C002'"), dead.get(2).detail());
      assertTrue(dead.get(4).detail().endsWith("a key of 65536 bytes"), dead.get(4).detail());
      // The rightly keyed record after them is the partition's first: nothing moved its clock.
      h.processElement(record(0, 9, value), T0);
      assertEquals(Long.MIN_VALUE, h.extractOutputValues().get(0).partitionWatermarkMicros());
    }
  }

  @Test
  void unmodelledStationsAreCountedOrRejected() throws Exception {
    double before = JobMetrics.peek().count("asperity.observations.unmodelled");
    try (var h = harness(false)) {
      h.open();
      h.processElement(record(0, 0, encode(valid("LHAS", 0))), T0);
      h.processElement(record(0, 1, encode(valid("C001", 0))), T0);
      assertEquals(
          List.of("net-a/C001"),
          h.extractOutputValues().stream().map(Observation::stationKey).toList());
      assertTrue(h.getSideOutput(ValidateObservations.DEAD_LETTERS) == null);
    }
    assertEquals(1, JobMetrics.peek().count("asperity.observations.unmodelled") - before);
    try (var h = harness(true)) {
      h.open();
      h.processElement(record(0, 0, encode(valid("LHAS", 0))), T0);
      assertEquals(
          DeadLetterReason.UNKNOWN_STATION,
          h.getSideOutput(ValidateObservations.DEAD_LETTERS).peek().getValue().reason());
    }
  }

  @Test
  void stampsEachRecordWithItsOwnPartitionsWatermarkAcrossARestore() throws Exception {
    OperatorSubtaskState checkpoint;
    List<Long> stamped = new ArrayList<>();
    try (var h = harness(false)) {
      h.open();
      h.processElement(record(0, 0, encode(valid("C001", 5))), T0 + 5 * DAY);
      h.processElement(record(1, 0, encode(valid("C002", 1))), T0 + DAY);
      h.processElement(record(0, 1, encode(valid("C002", 3))), T0 + 3 * DAY);
      checkpoint = h.snapshot(1, 1);
      h.extractOutputValues().forEach(o -> stamped.add(o.partitionWatermarkMicros()));
    }
    try (var h = harness(false)) {
      h.initializeState(checkpoint);
      h.open();
      h.processElement(record(1, 1, encode(valid("C001", 2))), T0 + 2 * DAY);
      h.processElement(record(0, 2, encode(valid("C001", 6))), T0 + 6 * DAY);
      h.extractOutputValues().forEach(o -> stamped.add(o.partitionWatermarkMicros()));
    }
    assertEquals(
        List.of(
            Long.MIN_VALUE,
            Long.MIN_VALUE,
            T0 + 5 * DAY - BOUND - 1,
            T0 + DAY - BOUND - 1,
            T0 + 5 * DAY - BOUND - 1),
        stamped);
  }
}
