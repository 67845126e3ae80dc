package org.asperity.job.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.asperity.job.ingest.DeadLetterRecord;
import org.asperity.job.ingest.Observation;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.schemas.DeadLetterReason;
import org.junit.jupiter.api.Test;

class LateToDeadLetterTest {
  private static final long T0 = SyntheticStream.startMicros();

  private static Observation at(long epochMicros, long partitionWatermarkMicros) {
    return new Observation(
        "net-a",
        "st01",
        epochMicros,
        0,
        0,
        0,
        0.002,
        0.002,
        0.005,
        5L,
        partitionWatermarkMicros,
        2,
        17,
        new byte[] {1},
        new byte[] {2});
  }

  @Test
  void aRecordBeyondTheBoundIsLateForItsOwnPartition() {
    DeadLetterRecord d = new LateToDeadLetter("gnss").map(at(T0, T0));
    assertEquals(DeadLetterReason.LATE, d.reason());
    assertEquals("gnss", d.sourceTopic());
    assertEquals(17, d.sourceOffset());
    assertEquals("net-a/st01", d.station());
    assertTrue(
        d.detail().startsWith("epoch 2020-01-01T00:00:00Z is at or below the watermark"),
        d.detail());
  }

  @Test
  void aRecordWithinTheBoundFoundItsTickClosedByIdleness() {
    DeadLetterRecord d = new LateToDeadLetter("gnss").map(at(T0, T0 - 1));
    assertTrue(d.detail().contains("was already closed"), d.detail());
  }
}
