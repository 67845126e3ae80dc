package org.asperity.bench.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.asperity.job.JobOptions;
import org.asperity.job.KafkaConnectors;
import org.asperity.job.ingest.SourceRecord;
import org.asperity.job.io.KafkaRecordSerializer;
import org.asperity.schemas.wire.Codecs;

/**
 * The throughput baseline: the same Kafka source and decode step as the job, each observation
 * encoded again and written to another topic (at least once), same parallelism. What reading and
 * writing Kafka costs on this machine, so the job's throughput can be stated as a ratio.
 */
public final class PassThroughJob {
  private PassThroughJob() {}

  public static void build(StreamExecutionEnvironment env, JobOptions options, String outputTopic) {
    env.fromSource(
            KafkaConnectors.observations(options),
            WatermarkStrategy.noWatermarks(),
            "decode: observations")
        .uid("pass-through-source")
        .map(PassThroughJob::reencode, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
        .name("re-encode")
        .uid("re-encode")
        .sinkTo(
            KafkaSink.<byte[]>builder()
                .setKafkaProducerConfig(options.kafka().producer())
                .setRecordSerializer(KafkaRecordSerializer.<byte[]>of(outputTopic, null, v -> v))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build())
        .name("pass-through sink")
        .uid("pass-through-sink");
  }

  private static byte[] reencode(SourceRecord record) {
    return record.isDecoded()
        ? Codecs.GNSS_OBSERVATION.encode(record.observation())
        : record.value();
  }
}
