package org.asperity.app;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.asperity.job.scoring.JobModel;
import org.asperity.job.scoring.ModelRejection;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.model.ModelSigning;
import org.asperity.model.ModelTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./asperity model publish}: a release the job accepts from a trusting key only. */
class ModelPublishIT {
  @RegisterExtension
  static final EmbeddedKafkaExtension KAFKA =
      new EmbeddedKafkaExtension(
          EmbeddedKafkaBroker.builder()
              .brokerProperty("message.max.bytes", Integer.toString(16 * 1024 * 1024)));

  @TempDir Path dir;

  @Test
  void aPublishedReleaseCarriesItsSignatureAndPassesTheJobsChecks() throws Exception {
    Path model = dir.resolve("ttf-gbrt.onnx");
    try (InputStream in = JobModel.class.getResourceAsStream(JobModel.DEFAULT_RESOURCE)) {
      Files.write(model, in.readAllBytes());
    }
    CommandLine cli = Asperity.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    assertEquals(0, cli.execute("model", "keygen", "--out", dir.resolve("k").toString()));
    String topic = TopicNames.defaults().models();
    assertEquals(
        0,
        cli.execute("topics", "--bootstrap-servers", KAFKA.broker().bootstrapServers()),
        "the models topic, as an operator creates it");
    assertEquals(
        0,
        cli.execute(
            "model",
            "publish",
            "--bootstrap-servers",
            KAFKA.broker().bootstrapServers(),
            "--key",
            dir.resolve("k.key").toString(),
            model.toString()));

    Properties p = KafkaClientSettings.of(KAFKA.broker().bootstrapServers()).consumer("t", false);
    p.setProperty("auto.offset.reset", "earliest");
    p.setProperty("max.partition.fetch.bytes", Integer.toString(32 * 1024 * 1024));
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      await("the release on " + topic)
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
              });
    }
    assertEquals(1, records.size());
    ConsumerRecord<byte[], byte[]> record = records.get(0);
    byte[] signature = record.headers().lastHeader(ModelSigning.RELEASE_SIGNATURE_HEADER).value();
    ModelTrust trusting = ModelTrust.read(List.of(dir.resolve("k.pub")));
    JobModel released = JobModel.fromRelease(record.value(), signature, trusting);
    assertEquals(JobModel.load(null).describe(), released.describe());
    ModelRejection refused =
        assertThrows(
            ModelRejection.class,
            () ->
                JobModel.fromRelease(
                    record.value(),
                    signature,
                    ModelTrust.of(List.of(ModelSigning.generateKeyPair().getPublic()))));
    assertEquals(ModelRejection.BAD_SIGNATURE, refused.reason());
  }
}
