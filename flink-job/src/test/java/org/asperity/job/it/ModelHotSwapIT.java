package org.asperity.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionLayout;
import org.asperity.job.LocalJob;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.OfflineReference;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.job.testing.TestRegion;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.model.ModelSigning;
import org.asperity.model.ModelTrust;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ModelRelease;
import org.asperity.schemas.TtfForecast;
import org.asperity.schemas.wire.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hot swap through the models topic: a corrupt release and one signed by an untrusted key are
 * rejected and counted, a valid one signed by a trusted key replaces the running model; from the
 * first forecast it makes on, every forecast of its region names it and equals its offline
 * prediction.
 */
class ModelHotSwapIT {
  @RegisterExtension
  static final EmbeddedKafkaExtension KAFKA =
      new EmbeddedKafkaExtension(
          EmbeddedKafkaBroker.builder()
              .brokerProperty("message.max.bytes", Integer.toString(16 * 1024 * 1024)));

  private static final RegionLayout LAYOUT = TestRegion.layout(3, 3, 7);
  private static final FeatureConfig CONFIG = TestRegion.CONFIG;
  private static final TopicNames TOPICS = TopicNames.defaults();

  @Test
  void aValidReleaseReplacesTheModelAndABadOneIsRejected(EmbeddedKafkaBroker broker)
      throws Exception {
    TestKafka kafka = new TestKafka(broker);
    TestKafka.createTopics(broker, TOPICS, 2);
    List<GnssObservation> stream =
        SyntheticStream.generate(LAYOUT, List.of("net-a", "net-b"), 200, 8);
    List<TestKafka.Outgoing> records = new ArrayList<>();
    for (GnssObservation o : stream) {
      records.add(
          new TestKafka.Outgoing(
              TOPICS.observations(),
              (o.getNetwork() + "/" + o.getStation()).getBytes(),
              Codecs.GNSS_OBSERVATION.encode(o)));
    }
    byte[] v1 = TestModels.rateSensitive(LAYOUT, CONFIG, "v1", 25f);
    byte[] v2 = TestModels.rateSensitive(LAYOUT, CONFIG, "v2", 40f);
    records.add(new TestKafka.Outgoing(TOPICS.models(), "ttf-gbrt".getBytes(), new byte[] {0x42}));
    KeyPair trusted = ModelSigning.generateKeyPair();
    KeyPair stranger = ModelSigning.generateKeyPair();
    records.add(
        new TestKafka.Outgoing(
            TOPICS.models(),
            "ttf-gbrt".getBytes(),
            release(v2, "v2"),
            Map.of(
                ModelSigning.RELEASE_SIGNATURE_HEADER,
                ModelSigning.sign(stranger.getPrivate(), v2))));
    records.add(
        new TestKafka.Outgoing(
            TOPICS.models(),
            "ttf-gbrt".getBytes(),
            release(v2, "v2"),
            Map.of(
                ModelSigning.RELEASE_SIGNATURE_HEADER,
                ModelSigning.sign(trusted.getPrivate(), v2))));
    kafka.write(records);

    double rejectedBefore = rejected();
    try (LocalJob job =
        LocalJob.start(
            JobRuns.boundedReplay(kafka)
                .modelTrust(ModelTrust.of(List.of(trusted.getPublic())))
                .build(),
            TestModels.jobModel(v1))) {
      job.awaitCompletion(Duration.ofMinutes(3));
    }
    assertEquals(2, rejected() - rejectedBefore, "the corrupt and the stranger's release");

    Map<String, List<FeatureVector>> offline = OfflineReference.features(LAYOUT, CONFIG, stream);
    Map<String, TreeMap<Long, TtfForecast>> forecasts =
        JobRuns.forecasts(kafka, TOPICS.forecasts());
    for (String region : offline.keySet()) {
      List<FeatureVector> vectors = offline.get(region);
      float[] byV2 = JobRuns.score(v2, vectors);
      boolean swapped = false;
      for (int i = 0; i < vectors.size(); i++) {
        TtfForecast f = forecasts.get(region).get(vectors.get(i).tickMicros());
        swapped |= f.getModelVersion().equals("v2");
        if (swapped) {
          assertEquals("v2", f.getModelVersion(), "once swapped, never back");
          assertEquals(byV2[4 * i + 1], f.getTtfP50Days());
        } else {
          assertEquals("v1", f.getModelVersion());
        }
      }
      assertTrue(swapped, region + " was scored by the released model");
    }
  }

  private static double rejected() {
    return JobMetrics.peek()
        .registry()
        .find("asperity.model.swaps")
        .tag("result", "rejected")
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static byte[] release(byte[] onnx, String version) throws Exception {
    return Codecs.MODEL_RELEASE.encode(
        ModelRelease.newBuilder()
            .setModelName("ttf-gbrt")
            .setModelVersion(version)
            .setFeatureHash(TestModels.jobModel(onnx).featureHash())
            .setOnnxModel(ByteBuffer.wrap(onnx))
            .setOnnxSha256(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onnx)))
            .setReleasedAt(Instant.parse("2026-01-01T00:00:00Z"))
            .build());
  }
}
