package org.asperity.job.ingest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.asperity.job.testing.JobSerializerTestBase;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Nested;

/** The ingest records' serializers keep every field, and their snapshots restore them. */
class IngestSerializersTest {
  private static final long T0 = SyntheticStream.startMicros();

  @Nested
  class Observations extends JobSerializerTestBase<Observation> {
    @Override
    protected TypeSerializer<Observation> createSerializer() {
      return new ObservationSerializer();
    }

    @Override
    protected Class<Observation> getTypeClass() {
      return Observation.class;
    }

    @Override
    protected Observation[] getTestData() {
      return new Observation[] {
        new Observation(
            "net-a",
            "st01",
            T0,
            0.01,
            -0.02,
            0.003,
            0.002,
            0.002,
            0.005,
            1_700_000_000_000L,
            Long.MIN_VALUE,
            0,
            0,
            "k".getBytes(StandardCharsets.UTF_8),
            new byte[] {1, 2, 3}),
        new Observation(
            "net-b/st02",
            -5,
            -1e-9,
            Double.MAX_VALUE,
            -0.0,
            0,
            1,
            2,
            SourceRecord.NO_TIMESTAMP,
            T0 - 1,
            7,
            Long.MAX_VALUE,
            null,
            new byte[0])
      };
    }
  }

  @Nested
  class DeadLetters extends JobSerializerTestBase<DeadLetterRecord> {
    @Override
    protected TypeSerializer<DeadLetterRecord> createSerializer() {
      return new DeadLetterSerializer();
    }

    @Override
    protected Class<DeadLetterRecord> getTypeClass() {
      return DeadLetterRecord.class;
    }

    @Override
    protected DeadLetterRecord[] getTestData() {
      return new DeadLetterRecord[] {
        new DeadLetterRecord(
            DeadLetterReason.LATE,
            "too late",
            "gnss",
            3,
            42,
            1_700_000_000_000L,
            "net-a/st01",
            "k".getBytes(StandardCharsets.UTF_8),
            new byte[] {9}),
        new DeadLetterRecord(
            DeadLetterReason.values()[0],
            "",
            "t",
            0,
            0,
            SourceRecord.NO_TIMESTAMP,
            null,
            null,
            null)
      };
    }
  }

  /** Source records are written as their bytes and decoded again when read. */
  @Nested
  class SourceRecords extends JobSerializerTestBase<SourceRecord> {
    @Override
    protected TypeSerializer<SourceRecord> createSerializer() {
      return new SourceRecordSerializer();
    }

    @Override
    protected Class<SourceRecord> getTypeClass() {
      return SourceRecord.class;
    }

    @Override
    protected SourceRecord[] getTestData() {
      byte[] valid =
          Codecs.GNSS_OBSERVATION.encode(
              SyntheticStream.observation("net-a", "st01", 3, 0.01, -0.02, 0.003));
      return new SourceRecord[] {
        ObservationDecoder.decode("gnss", 1, 10, 1_700_000_000_000L, null, valid),
        ObservationDecoder.decode(
            "gnss", 0, 11, SourceRecord.NO_TIMESTAMP, new byte[] {1}, new byte[] {0, 1, 2})
      };
    }

    /** Not a record: equal when every field is (the observation by its Avro equality). */
    @Override
    protected void deepEquals(String message, SourceRecord should, SourceRecord is) {
      assertAll(
          message,
          () -> assertEquals(should.topic(), is.topic()),
          () -> assertEquals(should.partition(), is.partition()),
          () -> assertEquals(should.offset(), is.offset()),
          () -> assertEquals(should.kafkaTimestampMillis(), is.kafkaTimestampMillis()),
          () -> assertArrayEquals(should.key(), is.key()),
          () -> assertArrayEquals(should.value(), is.value()),
          () -> assertEquals(should.observation(), is.observation()),
          () -> assertEquals(should.failure(), is.failure()),
          () -> assertEquals(should.failureDetail(), is.failureDetail()));
    }
  }
}
