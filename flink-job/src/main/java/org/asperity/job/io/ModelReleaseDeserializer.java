package org.asperity.job.io;

import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Raw values of the models topic: decoding and validation happen in the scoring operator, which
 * logs why a release is rejected. Tombstones (null values of the compacted topic) are skipped.
 */
public final class ModelReleaseDeserializer implements KafkaRecordDeserializationSchema<byte[]> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<byte[]> out) {
    if (record.value() != null) {
      out.collect(record.value());
    }
  }

  @Override
  public TypeInformation<byte[]> getProducedType() {
    return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
  }
}
