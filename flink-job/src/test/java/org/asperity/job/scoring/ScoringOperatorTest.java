package org.asperity.job.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.asperity.features.FeatureConfig;
import org.asperity.features.RegionLayout;
import org.asperity.job.features.RegionFeatures;
import org.asperity.job.io.ModelReleaseDeserializer;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.testing.TestModels;
import org.asperity.job.testing.TestRegion;
import org.asperity.model.ModelArtifact;
import org.asperity.model.ModelSigning;
import org.asperity.model.ModelTrust;
import org.asperity.model.OnnxForecaster;
import org.asperity.schemas.ModelRelease;
import org.asperity.schemas.wire.Codecs;
import org.asperity.synthetic.StumpEnsemble;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;

class ScoringOperatorTest {
  private static final RegionLayout LAYOUT = TestRegion.layout(3, 3, 7);
  private static final FeatureConfig CONFIG = TestRegion.CONFIG;
  private static final byte[] V1 = TestModels.rateSensitive(LAYOUT, CONFIG, "v1", 30f);
  private static final byte[] V2 = TestModels.rateSensitive(LAYOUT, CONFIG, "v2", 10f);
  private static final int WIDTH = TestModels.jobModel(V1).featureSpec().schema().size();
  private static final int RATE =
      TestModels.jobModel(V1)
          .featureSpec()
          .schema()
          .indexOf("coast.w5.rateTrenchNormal.mean.mmPerYr");

  private static final KeyPair TRUSTED = ModelSigning.generateKeyPair();
  private static final KeyPair STRANGER = ModelSigning.generateKeyPair();
  private static final ModelTrust TRUST = ModelTrust.of(List.of(TRUSTED.getPublic()));

  private static TwoInputStreamOperatorTestHarness<RegionFeatures, byte[], Forecast> harness(
      int maxBatch) throws Exception {
    return harness(maxBatch, TRUST);
  }

  private static TwoInputStreamOperatorTestHarness<RegionFeatures, byte[], Forecast> harness(
      int maxBatch, ModelTrust trust) throws Exception {
    var h =
        new TwoInputStreamOperatorTestHarness<>(
            new ScoringOperator(
                TestModels.jobModel(V1), maxBatch, MetricsEndpoint.disabled(), trust));
    h.setup(Forecast.TYPE_INFO.createSerializer(null));
    return h;
  }

  private static RegionFeatures vector(String region, long tick, double rate) {
    double[] values = new double[WIDTH];
    Arrays.fill(values, Double.NaN);
    values[RATE] = rate;
    return new RegionFeatures(region, tick, values, 6, 6, List.of(), 1234L);
  }

  /** A release of {@code onnx} signed by the trusted key, as the models source frames it. */
  private static byte[] release(byte[] onnx, String version, String featureHash) throws Exception {
    return ModelReleaseDeserializer.frame(
        ModelSigning.sign(TRUSTED.getPrivate(), onnx), unsigned(onnx, version, featureHash));
  }

  private static byte[] unsigned(byte[] onnx, String version, String featureHash) throws Exception {
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(onnx));
    return Codecs.MODEL_RELEASE.encode(
        ModelRelease.newBuilder()
            .setModelName("ttf-gbrt")
            .setModelVersion(version)
            .setFeatureHash(featureHash)
            .setOnnxModel(ByteBuffer.wrap(onnx))
            .setOnnxSha256(sha)
            .setReleasedAt(Instant.parse("2026-01-01T00:00:00Z"))
            .setNotes("")
            .build());
  }

  private static float[] offline(byte[] onnx, RegionFeatures... vectors) throws Exception {
    try (OnnxForecaster f = OnnxForecaster.open(ModelArtifact.parse(onnx))) {
      float[] rows = new float[vectors.length * WIDTH];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i].copyAsFloats(rows, i * WIDTH);
      }
      return f.score(rows, vectors.length);
    }
  }

  @Test
  void scoresTheVectorsOfATickInOneCallWhenTheWatermarkPasses() throws Exception {
    JobMetrics metrics = JobMetrics.peek();
    long batchesBefore = metrics.registry().find("asperity.scoring.batch.size").summary().count();
    try (var h = harness(16)) {
      h.open();
      RegionFeatures a = vector("a", TimeUnits.MICROS_PER_DAY, 40);
      RegionFeatures b = vector("b", TimeUnits.MICROS_PER_DAY, 5);
      RegionFeatures c = vector("c", TimeUnits.MICROS_PER_DAY, Double.NaN);
      h.processElement1(a, a.tickMicros());
      h.processElement1(b, b.tickMicros());
      h.processElement1(c, c.tickMicros());
      assertTrue(h.extractOutputValues().isEmpty(), "vectors wait for the watermark");
      h.processWatermark1(new Watermark(TimeUnits.MICROS_PER_DAY));
      List<Forecast> forecasts = h.extractOutputValues();
      float[] expected = offline(V1, a, b, c);
      assertEquals(3, forecasts.size());
      for (int i = 0; i < 3; i++) {
        Forecast f = forecasts.get(i);
        assertEquals(expected[4 * i], f.ttfP10Days());
        assertEquals(expected[4 * i + 1], f.ttfP50Days());
        assertEquals(expected[4 * i + 2], f.ttfP90Days());
        assertEquals(expected[4 * i + 3], f.momentMagnitude());
        assertEquals("v1", f.modelVersion());
        assertEquals(7.0, f.magnitudeThreshold());
      }
      assertEquals(List.of("a", "b", "c"), forecasts.stream().map(Forecast::region).toList());
      assertTrue(
          forecasts.get(0).ttfP50Days() > forecasts.get(1).ttfP50Days(),
          "the rate stump splits a from b");
    }
    assertEquals(
        1,
        metrics.registry().find("asperity.scoring.batch.size").summary().count() - batchesBefore);
  }

  @Test
  void flushesBeforeACheckpointBarrierAndWhenTheBatchIsFull() throws Exception {
    try (var h = harness(2)) {
      h.open();
      h.processElement1(vector("a", 0, 1), 0);
      h.processElement1(vector("b", 0, 1), 0);
      assertEquals(2, h.extractOutputValues().size(), "a full batch is scored at once");
      h.processElement1(vector("c", 0, 1), 0);
      h.prepareSnapshotPreBarrier(1);
      assertEquals(3, h.extractOutputValues().size());
    }
  }

  @Test
  void aValidReleaseReplacesTheModelAndSurvivesARestore() throws Exception {
    String hash = TestModels.jobModel(V2).featureHash();
    OperatorSubtaskState checkpoint;
    try (var h = harness(16)) {
      h.open();
      h.processElement1(vector("a", 0, 20), 0);
      h.processElement2(release(V2, "v2", hash), 0);
      h.processElement1(vector("a", 1, 20), 1);
      h.processWatermark1(new Watermark(1));
      List<Forecast> forecasts = h.extractOutputValues();
      assertEquals(List.of("v1", "v2"), forecasts.stream().map(Forecast::modelVersion).toList());
      assertEquals(offline(V2, vector("a", 1, 20))[1], forecasts.get(1).ttfP50Days());
      checkpoint = h.snapshot(1, 1);
    }
    try (var h = harness(16)) {
      h.initializeState(checkpoint);
      h.open();
      h.processElement1(vector("a", 2, 20), 2);
      h.processWatermark1(new Watermark(2));
      assertEquals("v2", h.extractOutputValues().get(0).modelVersion());
    }
  }

  @Test
  void badReleasesAreRejectedWithAReasonAndTheModelStays() throws Exception {
    JobMetrics metrics = JobMetrics.peek();
    String hash = TestModels.jobModel(V1).featureHash();
    RegionLayout other = TestRegion.layout(2, 2, 99);
    byte[] otherFeatures =
        TestModels.rateSensitive(
            other, FeatureConfig.builder().windows(4, 20, 60).build(), "x", 1f);
    byte[] otherLayout = TestModels.rateSensitive(other, CONFIG, "y", 1f);
    byte[] negative =
        TestModels.onnx(
            LAYOUT, CONFIG, "neg", new float[] {-5f, 1f, 2f, 7f}, List.<StumpEnsemble.Stump>of());
    byte[] tampered = release(V2, "v2", hash);
    tampered[tampered.length / 2] ^= 0x40;
    double[] before = rejections(metrics);
    try (var h = harness(16)) {
      h.open();
      h.processElement2(ModelReleaseDeserializer.frame(new byte[0], new byte[] {1, 2, 3}), 0);
      h.processElement2(tampered, 0);
      h.processElement2(
          release(otherFeatures, "x", TestModels.jobModel(otherFeatures).featureHash()), 0);
      h.processElement2(
          release(otherLayout, "y", TestModels.jobModel(otherLayout).featureHash()), 0);
      h.processElement2(release(negative, "neg", hash), 0);
      h.processElement1(vector("a", 0, 20), 0);
      h.processWatermark1(new Watermark(0));
      assertEquals("v1", h.extractOutputValues().get(0).modelVersion());
    }
    double[] after = rejections(metrics);
    String[] reasons = {"CORRUPT_RELEASE", "FEATURE_HASH_MISMATCH", "PROBE_FAILED"};
    for (int i = 0; i < reasons.length; i++) {
      assertTrue(after[i] > before[i], reasons[i]);
    }
    assertEquals(5, after[3] - before[3], "five releases, five rejections");
  }

  private static double[] rejections(JobMetrics metrics) {
    return new double[] {
      metrics.count("asperity.model.swaps", "result", "rejected", "reason", "CORRUPT_RELEASE")
          + metrics.count(
              "asperity.model.swaps", "result", "rejected", "reason", "CHECKSUM_MISMATCH"),
      metrics.count("asperity.model.swaps", "result", "rejected", "reason", "FEATURE_HASH_MISMATCH")
          + metrics.count(
              "asperity.model.swaps", "result", "rejected", "reason", "LAYOUT_MISMATCH"),
      metrics.count("asperity.model.swaps", "result", "rejected", "reason", "PROBE_FAILED"),
      metrics.registry().find("asperity.model.swaps").tag("result", "rejected").counters().stream()
          .mapToDouble(c -> c.count())
          .sum()
    };
  }

  @Test
  void untrustedOversizedAndMisbehavingReleasesAreRejectedWithTheirReasons() throws Exception {
    JobMetrics metrics = JobMetrics.peek();
    String hash = TestModels.jobModel(V1).featureHash();
    byte[] signedV2 = ModelSigning.sign(TRUSTED.getPrivate(), V2);
    byte[] tamperedOnnx = V2.clone();
    tamperedOnnx[tamperedOnnx.length - 1] ^= 0x01;
    byte[] nan =
        TestModels.onnx(
            LAYOUT,
            CONFIG,
            "nan",
            new float[] {100f, 200f, 600f, Float.NaN},
            List.<StumpEnsemble.Stump>of());
    byte[] batchTwoOnly =
        StumpEnsemble.buildBatchLocked(
            TestModels.metadata(LAYOUT, CONFIG, "pairs"),
            new float[] {100f, 200f, 600f, 7f},
            List.of(),
            2);
    byte[] truncated = Arrays.copyOf(V2, V2.length / 2);
    byte[] oversized = new byte[JobModel.MAX_RELEASE_BYTES + 1];
    Object[][] cases = {
      {"UNSIGNED", ModelReleaseDeserializer.frame(null, unsigned(V2, "v2", hash))},
      {
        "BAD_SIGNATURE",
        ModelReleaseDeserializer.frame(
            ModelSigning.sign(STRANGER.getPrivate(), V2), unsigned(V2, "v2", hash))
      },
      {
        "BAD_SIGNATURE",
        ModelReleaseDeserializer.frame(signedV2, unsigned(tamperedOnnx, "v2", hash))
      },
      {"OVERSIZED", ModelReleaseDeserializer.frame(signedV2, oversized)},
      {"PROBE_FAILED", release(nan, "nan", hash)},
      {"PROBE_FAILED", release(batchTwoOnly, "pairs", hash)},
      {"NOT_ONNX", release(truncated, "cut", hash)},
    };
    try (var h = harness(16)) {
      h.open();
      h.processElement1(vector("a", 0, 20), 0);
      h.processWatermark1(new Watermark(0));
      for (Object[] c : cases) {
        String reason = (String) c[0];
        double before = rejected(metrics, reason);
        h.processElement2((byte[]) c[1], 0);
        assertEquals(1, rejected(metrics, reason) - before, reason);
      }
      h.processElement1(vector("a", 1, 20), 1);
      h.processWatermark1(new Watermark(1));
      List<Forecast> forecasts = h.extractOutputValues();
      assertEquals(List.of("v1", "v1"), forecasts.stream().map(Forecast::modelVersion).toList());
      assertEquals(offline(V1, vector("a", 1, 20))[1], forecasts.get(1).ttfP50Days());
    }
  }

  @Test
  void withoutATrustKeyEveryReleaseIsRefused() throws Exception {
    JobMetrics metrics = JobMetrics.peek();
    double before = rejected(metrics, "NO_TRUST_KEY");
    try (var h = harness(16, ModelTrust.none())) {
      h.open();
      h.processElement2(release(V2, "v2", TestModels.jobModel(V2).featureHash()), 0);
      h.processElement1(vector("a", 0, 20), 0);
      h.processWatermark1(new Watermark(0));
      assertEquals("v1", h.extractOutputValues().get(0).modelVersion());
    }
    assertEquals(1, rejected(metrics, "NO_TRUST_KEY") - before);
  }

  @Test
  void aModelThatFailsLiveHandsBackToThePreviousOne() throws Exception {
    JobMetrics metrics = JobMetrics.peek();
    // Passes the probe (missing, zero and a rate of 20 all go left) but forecasts NaN for rates of
    // 1000 mm/yr and more.
    byte[] fragile =
        TestModels.onnx(
            LAYOUT,
            CONFIG,
            "fragile",
            new float[] {100f, 200f, 600f, 7f},
            List.of(
                new StumpEnsemble.Stump(
                    RATE,
                    1000f,
                    true,
                    new float[] {0f, 0f, 0f, 0f},
                    new float[] {0f, 0f, 0f, Float.NaN})));
    double failuresBefore = metrics.countAll("asperity.model.scoring.failures");
    try (var h = harness(16)) {
      h.open();
      h.processElement1(vector("a", 0, 20), 0);
      h.processWatermark1(new Watermark(0));
      h.processElement2(release(fragile, "fragile", TestModels.jobModel(V1).featureHash()), 0);
      h.processElement1(vector("a", 1, 20), 1);
      h.processWatermark1(new Watermark(1));
      h.processElement1(vector("a", 2, 5000), 2);
      h.processWatermark1(new Watermark(2));
      h.processElement1(vector("a", 3, 5000), 3);
      h.processWatermark1(new Watermark(3));
      List<Forecast> forecasts = h.extractOutputValues();
      assertEquals(
          List.of("v1", "fragile", "v1 (fallback from fragile)", "v1"),
          forecasts.stream().map(Forecast::modelVersion).toList());
      float[] byV1 = offline(V1, vector("a", 2, 5000), vector("a", 3, 5000));
      assertEquals(byV1[3], forecasts.get(2).momentMagnitude());
      assertEquals(byV1[7], forecasts.get(3).momentMagnitude());
    }
    assertEquals(1, metrics.countAll("asperity.model.scoring.failures") - failuresBefore);
  }

  @Test
  void aFailingModelWithNoPreviousOneGivesNoForecastAndKeepsRunning() throws Exception {
    JobMetrics metrics = JobMetrics.peek();
    byte[] fragile =
        TestModels.onnx(
            LAYOUT,
            CONFIG,
            "fragile",
            new float[] {100f, 200f, 600f, 7f},
            List.of(
                new StumpEnsemble.Stump(
                    RATE,
                    1000f,
                    true,
                    new float[] {0f, 0f, 0f, 0f},
                    new float[] {Float.NaN, 0f, 0f, 0f})));
    double failuresBefore = metrics.countAll("asperity.model.scoring.failures");
    try (var h =
        new TwoInputStreamOperatorTestHarness<>(
            new ScoringOperator(
                TestModels.jobModel(fragile), 16, MetricsEndpoint.disabled(), TRUST))) {
      h.setup(Forecast.TYPE_INFO.createSerializer(null));
      h.open();
      h.processElement1(vector("a", 0, 5000), 0);
      h.processWatermark1(new Watermark(0));
      h.processElement1(vector("a", 1, 20), 1);
      h.processWatermark1(new Watermark(1));
      assertEquals(
          List.of(1L), h.extractOutputValues().stream().map(Forecast::windowEndMicros).toList());
    }
    assertEquals(1, metrics.countAll("asperity.model.scoring.failures") - failuresBefore);
  }

  private static double rejected(JobMetrics metrics, String reason) {
    return metrics.count("asperity.model.swaps", "result", "rejected", "reason", reason);
  }
}
