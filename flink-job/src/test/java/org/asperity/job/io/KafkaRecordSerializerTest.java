package org.asperity.job.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaRecordSerializerTest {

  @Test
  void keyValueAndContentTypeComeFromTheElement() throws Exception {
    KafkaRecordSerializer<String> serializer =
        KafkaRecordSerializer.<String>of(
                "out",
                s -> KafkaRecordSerializer.utf8(s.substring(0, 1)),
                KafkaRecordSerializer::utf8)
            .withContentType("text/plain");
    // The sink ships the serializer to the task managers: it must survive Java serialization.
    KafkaRecordSerializer<String> shipped =
        InstantiationUtil.clone(serializer, getClass().getClassLoader());

    ProducerRecord<byte[], byte[]> record = shipped.serialize("abc", null, 42L);

    assertEquals("out", record.topic());
    assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), record.key());
    assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), record.value());
    assertNull(record.timestamp(), "the producer stamps wall time");
    assertArrayEquals(
        "text/plain".getBytes(StandardCharsets.UTF_8),
        record.headers().lastHeader("content-type").value());
  }

  @Test
  void withoutAKeyOrAContentTypeTheRecordHasNeither() {
    ProducerRecord<byte[], byte[]> record =
        KafkaRecordSerializer.<byte[]>of("raw", null, v -> v).serialize(new byte[] {7}, null, null);
    assertNull(record.key());
    assertArrayEquals(new byte[] {7}, record.value());
    assertEquals(0, record.headers().toArray().length);
  }
}
