package org.asperity.job.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.DeadLetterReason;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;

class DeadLetterKafkaRecordsTest {
  private static final int ONE_MIB = 1024 * 1024;

  private static DeadLetterRecord deadLetter(byte[] key, byte[] value, String detail, long ts) {
    return new DeadLetterRecord(
        DeadLetterReason.CORRUPT_BODY, detail, "gnss.observations", 2, 7, ts, null, key, value);
  }

  private static byte[] random(int length, long seed) {
    byte[] b = new byte[length];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.US_ASCII);
  }

  @Test
  void aRecordThatFitsIsStoredWholeWithoutTruncationHeaders() throws Exception {
    byte[] key = "net-a/C001".getBytes(StandardCharsets.UTF_8);
    byte[] value = random(DeadLetterKafkaRecords.MAX_STORED_BYTES - key.length, 1);
    ProducerRecord<byte[], byte[]> r =
        DeadLetterKafkaRecords.toProducerRecord("dlq", deadLetter(key, value, "bad", 5_000L));
    assertArrayEquals(key, r.key());
    assertNull(r.headers().lastHeader(DeadLetterKafkaRecords.TRUNCATED_HEADER));
    DeadLetter d = Codecs.DEAD_LETTER.decode(r.value());
    assertEquals(ByteBuffer.wrap(value), d.getValue());
    assertEquals("bad", d.getDetail());
  }

  @Test
  void aRecordTooLargeIsCutToFitWithItsSizesAndHashes() throws Exception {
    byte[] key = random(900_000, 2);
    byte[] value = random(3 * ONE_MIB, 3);
    ProducerRecord<byte[], byte[]> r =
        DeadLetterKafkaRecords.toProducerRecord(
            "dlq", deadLetter(key, value, "x".repeat(100_000), Long.MAX_VALUE));
    int size = r.key().length + r.value().length;
    assertTrue(size < ONE_MIB - 64 * 1024, size + " bytes");
    assertArrayEquals(Arrays.copyOf(key, DeadLetterKafkaRecords.MAX_STORED_KEY_BYTES), r.key());
    assertEquals("true", header(r, DeadLetterKafkaRecords.TRUNCATED_HEADER));
    assertEquals("900000", header(r, DeadLetterKafkaRecords.KEY_BYTES_HEADER));
    assertEquals(
        Integer.toString(3 * ONE_MIB), header(r, DeadLetterKafkaRecords.VALUE_BYTES_HEADER));
    assertEquals(
        DeadLetterKafkaRecords.sha256(key), header(r, DeadLetterKafkaRecords.KEY_SHA256_HEADER));
    assertEquals(
        DeadLetterKafkaRecords.sha256(value),
        header(r, DeadLetterKafkaRecords.VALUE_SHA256_HEADER));
    assertEquals(64, header(r, DeadLetterKafkaRecords.VALUE_SHA256_HEADER).length());
    DeadLetter d = Codecs.DEAD_LETTER.decode(r.value());
    byte[] stored = new byte[d.getValue().remaining()];
    d.getValue().get(stored);
    assertArrayEquals(Arrays.copyOf(value, stored.length), stored);
    assertTrue(d.getDetail().contains("truncated"), d.getDetail());
    assertTrue(d.getDetail().contains(DeadLetterKafkaRecords.sha256(value)));
    assertNull(d.getSourceTimestamp(), "a Kafka timestamp µs cannot hold");
  }

  @Test
  void withoutKeyOrValueNothingIsHashed() throws Exception {
    ProducerRecord<byte[], byte[]> r =
        DeadLetterKafkaRecords.toProducerRecord(
            "dlq", deadLetter(null, null, "no value", SourceRecord.NO_TIMESTAMP));
    assertNull(r.key());
    assertNull(Codecs.DEAD_LETTER.decode(r.value()).getValue());
    assertNull(r.headers().lastHeader(DeadLetterKafkaRecords.TRUNCATED_HEADER));
  }
}
