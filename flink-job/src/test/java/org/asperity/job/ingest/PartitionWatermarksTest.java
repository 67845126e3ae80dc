package org.asperity.job.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.types.Micros;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.wire.Codecs;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class PartitionWatermarksTest {
  private static final ObservationRules RULES =
      new ObservationRules(
          Micros.of(Instant.parse("1980-01-06T00:00:00Z")),
          Micros.of(Instant.parse("2500-01-01T00:00:00Z")),
          1000,
          10);

  private static SourceRecord record(GnssObservation o) {
    byte[] key = (o.getNetwork() + "/" + o.getStation()).getBytes(StandardCharsets.UTF_8);
    return ObservationDecoder.decode("t", 0, 0, 0, key, Codecs.GNSS_OBSERVATION.encode(o));
  }

  @Test
  void onlyValidRecordsCarryEventTimeAndTheWatermarkTrailsTheLargestByTheBound() {
    var assigner = new PartitionWatermarks.EpochAssigner(RULES);
    var generator = new PartitionWatermarks.Generator(TimeUnits.MICROS_PER_SECOND);
    List<Long> emitted = new ArrayList<>();
    WatermarkOutput output =
        new WatermarkOutput() {
          @Override
          public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
          }

          @Override
          public void markIdle() {}

          @Override
          public void markActive() {}
        };
    generator.onPeriodicEmit(output);
    GnssObservation day2 = SyntheticStream.observation("n", "C001", 2, 0, 0, 0);
    GnssObservation day1 = SyntheticStream.observation("n", "C001", 1, 0, 0, 0);
    GnssObservation absurd =
        GnssObservation.newBuilder(day2).setEpoch(Instant.parse("9000-01-01T00:00:00Z")).build();
    GnssObservation nan =
        GnssObservation.newBuilder(day2)
            .setEpoch(Instant.parse("2400-01-01T00:00:00Z"))
            .setEastMeters(Double.NaN)
            .build();
    for (SourceRecord r :
        List.of(
            record(day2),
            record(day1),
            record(absurd),
            record(nan),
            ObservationDecoder.decode("t", 0, 1, 0, null, new byte[] {9}))) {
      generator.onEvent(r, assigner.extractTimestamp(r, 0), output);
    }
    generator.onPeriodicEmit(output);
    long day2Micros = SyntheticStream.startMicros() + 2 * SyntheticStream.DAY_MICROS;
    assertEquals(List.of(day2Micros - TimeUnits.MICROS_PER_SECOND - 1), emitted);
    assertEquals(Long.MIN_VALUE, assigner.extractTimestamp(record(absurd), 0));
  }

  @Test
  void aQuietPartitionClosesItsNewestEpochAndTheWatermarkNeverGoesBack() {
    var generator = new PartitionWatermarks.Generator(TimeUnits.MICROS_PER_SECOND, 1);
    List<Long> emitted = new ArrayList<>();
    WatermarkOutput output =
        new WatermarkOutput() {
          @Override
          public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
          }

          @Override
          public void markIdle() {}

          @Override
          public void markActive() {}
        };
    SourceRecord any = record(SyntheticStream.observation("n", "C001", 1, 0, 0, 0));
    generator.onEvent(any, 5_000_000L, output);
    generator.onPeriodicEmit(output);
    generator.onEvent(any, 5_500_000L, output);
    generator.onPeriodicEmit(output);
    assertEquals(List.of(5_000_000L, 5_500_000L), emitted);
    generator.onEvent(any, 5_600_000L, output);
    new PartitionWatermarks.Generator(TimeUnits.MICROS_PER_SECOND).onPeriodicEmit(output);
    assertEquals(2, emitted.size(), "a generator that saw nothing emits nothing");
  }

  @Test
  void aPositiveReadAheadAlignsThePartitionsInMicrosecondsOfEventTime() {
    var quorum = new PartitionWatermarks.TimeQuorum(2, Micros.of(java.time.Duration.ofDays(30)));
    var aligned =
        PartitionWatermarks.strategy(
                RULES,
                java.time.Duration.ofHours(1),
                java.time.Duration.ofSeconds(30),
                java.time.Duration.ZERO,
                quorum,
                java.time.Duration.ofDays(60))
            .getAlignmentParameters();
    assertTrue(aligned.isEnabled(), "alignment survives the idleness wrapper");
    assertEquals(PartitionWatermarks.ALIGNMENT_GROUP, aligned.getWatermarkGroup());
    // Flink adds the drift to watermarks as a number: here watermarks are microseconds.
    assertEquals(60L * TimeUnits.MICROS_PER_DAY, aligned.getMaxAllowedWatermarkDrift());
    assertEquals(
        PartitionWatermarks.READ_AHEAD_UPDATE_INTERVAL.toMillis(), aligned.getUpdateInterval());

    var unaligned =
        PartitionWatermarks.strategy(
                RULES,
                java.time.Duration.ofHours(1),
                java.time.Duration.ofSeconds(30),
                java.time.Duration.ZERO,
                quorum,
                java.time.Duration.ZERO)
            .getAlignmentParameters();
    assertFalse(unaligned.isEnabled(), "zero: never paused");
  }
}
