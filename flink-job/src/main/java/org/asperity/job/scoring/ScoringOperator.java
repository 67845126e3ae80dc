package org.asperity.job.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.asperity.features.TrainingDomain;
import org.asperity.job.features.RegionFeatures;
import org.asperity.job.io.ModelReleaseDeserializer;
import org.asperity.job.metrics.JobMetrics;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.model.InvalidModelException;
import org.asperity.model.ModelContract;
import org.asperity.model.ModelSigning;
import org.asperity.model.ModelTrust;
import org.asperity.model.OnnxForecaster;
import org.asperity.time.TimeUnits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores region feature vectors with ONNX Runtime (input 1) and takes model releases (input 2,
 * broadcast to every subtask) for hot swap.
 *
 * <p><b>Scoring.</b> One {@link OnnxForecaster} (one ONNX Runtime session) per subtask, opened in
 * {@link #open()}, closed in {@link #close()}; it closes its tensors and results itself. Vectors
 * are buffered and scored in one call when the watermark advances (the regions whose tick just
 * closed arrive together, right before the watermark that closed it), when the batch is full, or
 * before a checkpoint barrier ({@link #prepareSnapshotPreBarrier}), so the buffer never needs
 * state. Event time comes from input 1 only: the model stream's watermarks are ignored, so a quiet
 * models topic never holds forecasts back.
 *
 * <p><b>Hot swap.</b> A release replaces the model only if it is at most {@link
 * JobModel#MAX_RELEASE_BYTES}, signed (Ed25519, Kafka header {@value
 * ModelSigning#RELEASE_SIGNATURE_HEADER}) by a key of the job's {@link ModelTrust} (with no trusted
 * key, every release is refused), a valid contract artifact whose features and layout are the
 * job's, and ONNX Runtime loads it and scores probe batches of 1, 2, 7 and 64 rows (synthetic rows
 * and the last real feature vectors this subtask scored) to finite, ordered forecasts; otherwise it
 * is rejected with a logged reason and the current model stays (subtask 0 logs and counts each
 * release, every subtask applies the same checks). Vectors buffered before the release are scored
 * with the model they arrived under. The released model is kept in broadcast operator state (every
 * subtask holds the same one; a restore, rescaled or not, gives each subtask a copy), so a restore
 * keeps it; a job without a release runs the model it was started with. (Not union list state:
 * Flink refuses to checkpoint an operator with union state once part of it has finished, as every
 * bounded replay does at its end.)
 *
 * <p><b>Scoring failures.</b> A scoring call that throws, or returns a forecast that is not finite
 * and ordered, never fails the job: the model in force before the last swap takes over (the
 * forecasts of that batch name it as {@code "<previous version> (fallback from <failed
 * version>)"}), and {@code asperity_model_scoring_failures_total} counts it. Without a previous
 * model, the rows it cannot score give no forecast rather than a wrong one.
 *
 * <p>The real probe rows and the fallback are each subtask's own: with parallelism above one, a
 * release that fails on one subtask's recent vectors is refused there and may be taken by another
 * (which then falls back if it fails live). Signature, size and contract checks are the same
 * everywhere.
 */
public final class ScoringOperator extends AbstractStreamOperator<Forecast>
    implements TwoInputStreamOperator<RegionFeatures, byte[], Forecast> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ScoringOperator.class);
  private static final String RELEASED = "released";

  /** Real feature vectors kept for probing releases: as many as the largest probe batch. */
  static final int PROBE_ROWS = 64;

  private final JobModel initialModel;
  private final int maxBatch;
  private final MetricsEndpoint metricsEndpoint;
  private final ModelTrust trust;

  private transient JobModel model;
  private transient JobModel previousModel;
  private transient float[] recentRows;
  private transient int recentCount;
  private transient int recentNext;
  private transient boolean released;
  private transient OnnxForecaster forecaster;
  private transient List<RegionFeatures> buffer;
  private transient float[] rows;
  private transient BroadcastState<String, byte[]> releasedModelState;
  private transient JobMetrics metrics;
  private transient TrainingDomain domain;

  public ScoringOperator(JobModel initialModel, int maxBatch, MetricsEndpoint metricsEndpoint) {
    this(initialModel, maxBatch, metricsEndpoint, ModelTrust.none());
  }

  public ScoringOperator(
      JobModel initialModel, int maxBatch, MetricsEndpoint metricsEndpoint, ModelTrust trust) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("the batch size must be at least 1");
    }
    this.initialModel = initialModel;
    this.maxBatch = maxBatch;
    this.metricsEndpoint = metricsEndpoint;
    this.trust = trust;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    releasedModelState =
        context
            .getOperatorStateStore()
            .getBroadcastState(
                new MapStateDescriptor<>(
                    "released-model",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    model = initialModel;
    released = false;
    if (context.isRestored()) {
      byte[] onnx = releasedModelState.get(RELEASED);
      if (onnx != null) {
        try {
          JobModel restored = JobModel.of(onnx);
          initialModel.requireCompatible(restored);
          model = restored;
          previousModel = initialModel;
          released = true;
        } catch (ModelRejection e) {
          LOG.warn(
              "the restored released model is not usable ({}: {}); keeping {}",
              e.reason(),
              e.getMessage(),
              initialModel.describe());
        }
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    metrics = JobMetrics.acquire(metricsEndpoint);
    buffer = new ArrayList<>(maxBatch);
    rows = new float[0];
    recentRows = new float[PROBE_ROWS * initialModel.featureSpec().schema().size()];
    recentCount = 0;
    recentNext = 0;
    // A swapped-in model must have the same features (requireCompatible), so one domain serves all.
    domain = new TrainingDomain(initialModel.featureSpec().schema());
    try {
      forecaster = OnnxForecaster.open(model.artifact());
    } catch (InvalidModelException e) {
      if (model == initialModel) {
        throw e;
      }
      LOG.warn(
          "the restored released model {} does not load ({}); falling back to {}",
          model.describe(),
          e.getMessage(),
          initialModel.describe());
      model = initialModel;
      previousModel = null;
      released = false;
      forecaster = OnnxForecaster.open(model.artifact());
    }
    metrics.modelInForce(model.name(), model.version(), model.featureHash());
    LOG.info("scoring with model {}", model.describe());
  }

  @Override
  public void processElement1(StreamRecord<RegionFeatures> element) throws Exception {
    buffer.add(element.getValue());
    if (buffer.size() >= maxBatch) {
      flush();
    }
  }

  @Override
  public void processElement2(StreamRecord<byte[]> element) throws Exception {
    JobModel candidate;
    OnnxForecaster candidateForecaster;
    byte[] framed = element.getValue();
    try {
      candidate =
          JobModel.fromRelease(
              ModelReleaseDeserializer.release(framed),
              ModelReleaseDeserializer.signature(framed),
              trust);
      model.requireCompatible(candidate);
      candidateForecaster = OnnxForecaster.open(candidate.artifact(), recentProbeRows());
    } catch (ModelRejection e) {
      reject(e.reason(), e.getMessage());
      return;
    } catch (InvalidModelException e) {
      reject(e.reason().name(), e.getMessage());
      return;
    }
    flush();
    forecaster.close();
    forecaster = candidateForecaster;
    JobModel previous = model;
    previousModel = previous;
    model = candidate;
    released = true;
    metrics.modelInForce(model.name(), model.version(), model.featureHash());
    if (reportsReleases()) {
      metrics.modelSwap(true, "");
      LOG.info("model {} replaces {}", model.describe(), previous.describe());
    }
  }

  private void reject(String reason, String message) {
    if (reportsReleases()) {
      metrics.modelSwap(false, reason);
      LOG.warn("model release rejected ({}): {} Keeping {}.", reason, message, model.describe());
    }
  }

  /**
   * Every subtask checks every release the same way; one of them reports, so a release counts once.
   */
  private boolean reportsReleases() {
    return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
  }

  @Override
  public void processWatermark1(Watermark mark) throws Exception {
    flush();
    processWatermark(mark);
  }

  @Override
  public void processWatermark2(Watermark mark) {
    // Event time is the observations' alone.
  }

  @Override
  protected void processWatermarkStatus(WatermarkStatus status, int inputId) {
    if (inputId == 0) {
      output.emitWatermarkStatus(status);
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    if (released) {
      releasedModelState.put(RELEASED, model.onnxBytes());
    } else {
      releasedModelState.remove(RELEASED);
    }
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  @Override
  public void close() throws Exception {
    try {
      if (forecaster != null) {
        forecaster.close();
        forecaster = null;
      }
      metrics = JobMetrics.releaseHeld(metrics);
    } finally {
      super.close();
    }
  }

  /**
   * Scores the buffered vectors in one ONNX Runtime call and emits their forecasts in arrival
   * order.
   */
  private void flush() {
    int n = buffer.size();
    if (n == 0) {
      return;
    }
    int width = forecaster.featureCount();
    if (rows.length != maxBatch * width) {
      rows = new float[maxBatch * width];
    }
    float[] input = n == maxBatch ? rows : new float[n * width];
    for (int i = 0; i < n; i++) {
      RegionFeatures features = buffer.get(i);
      if (features.size() != width) {
        throw new IllegalStateException(
            "a feature vector of "
                + features.size()
                + " values for a model of "
                + width
                + " features");
      }
      features.copyAsFloats(input, i * width);
    }
    remember(input, n, width);
    long start = System.nanoTime();
    String version = model.version();
    float[] scores = scoreOrNull(input, n);
    if (scores == null) {
      String failed = model.version();
      if (fallBack()) {
        version = model.version() + " (fallback from " + failed + ")";
        scores = scoreOrNull(input, n);
      }
    }
    long now = System.nanoTime();
    metrics.scoringLatency(now - start);
    metrics.batchSize(n);
    long wallMillis = System.currentTimeMillis();
    int k = ModelContract.OUTPUT_WIDTH;
    int emitted = 0;
    for (int i = 0; i < n; i++) {
      RegionFeatures f = buffer.get(i);
      int at = i * k;
      if (scores == null || !OnnxForecaster.plausible(scores, at)) {
        continue;
      }
      emitted++;
      Forecast forecast =
          new Forecast(
              f.region(),
              f.tickMicros(),
              scores[at + ModelContract.TTF_P10],
              scores[at + ModelContract.TTF_P50],
              scores[at + ModelContract.TTF_P90],
              scores[at + ModelContract.MOMENT_MAGNITUDE],
              model.magnitudeThreshold(),
              version,
              model.featureHash(),
              f.stationsUsed(),
              f.stationsExpected(),
              f.missingStations(),
              f.newestKafkaTimestampMillis(),
              domain.caveat(f.values()).orElse(null));
      output.collect(new StreamRecord<>(forecast, f.tickMicros()));
      metrics.forecast(
          forecast.region(),
          forecast.windowEndMicros(),
          forecast.ttfP10Days(),
          forecast.ttfP50Days(),
          forecast.ttfP90Days(),
          forecast.momentMagnitude(),
          forecast.caveat() == null);
      metrics.eventTimeLag(
          (wallMillis * (double) TimeUnits.MICROS_PER_MILLI - f.tickMicros())
              / TimeUnits.MICROS_PER_SECOND);
      if (f.newestKafkaTimestampMillis() != Long.MIN_VALUE) {
        metrics.forecastLatency(wallMillis - f.newestKafkaTimestampMillis());
      }
    }
    metrics.forecasts(emitted);
    buffer.clear();
  }

  /**
   * The current model's forecasts of {@code n} rows, or null (counted and logged) if scoring throws
   * or any forecast is not finite and ordered.
   */
  private float[] scoreOrNull(float[] input, int n) {
    String problem;
    try {
      float[] scores = forecaster.score(input, n);
      int bad = -1;
      for (int i = 0; i < n && bad < 0; i++) {
        if (!OnnxForecaster.plausible(scores, i * ModelContract.OUTPUT_WIDTH)) {
          bad = i;
        }
      }
      if (bad < 0) {
        return scores;
      }
      problem = "row " + bad + " of " + n + " scored to a non-finite or unordered forecast";
    } catch (RuntimeException e) {
      problem = e.toString();
    }
    metrics.modelScoringFailure();
    LOG.warn("model {} failed to score {} rows: {}", model.describe(), n, problem);
    return null;
  }

  /**
   * Replaces the failing model by the one in force before it; false (the failing one stays) if
   * there is none or it does not open.
   */
  private boolean fallBack() {
    if (previousModel == null) {
      return false;
    }
    OnnxForecaster previousForecaster;
    try {
      previousForecaster = OnnxForecaster.open(previousModel.artifact());
    } catch (InvalidModelException | RuntimeException e) {
      LOG.warn("the previous model {} does not open: {}", previousModel.describe(), e.toString());
      previousModel = null;
      return false;
    }
    LOG.warn("model {} replaced by the previous {}", model.describe(), previousModel.describe());
    forecaster.close();
    forecaster = previousForecaster;
    model = previousModel;
    previousModel = null;
    released = model != initialModel;
    metrics.modelInForce(model.name(), model.version(), model.featureHash());
    return true;
  }

  /** Keeps the last {@link #PROBE_ROWS} real feature vectors for probing releases. */
  private void remember(float[] input, int n, int width) {
    if (recentRows.length != PROBE_ROWS * width) {
      return;
    }
    for (int i = Math.max(0, n - PROBE_ROWS); i < n; i++) {
      System.arraycopy(input, i * width, recentRows, recentNext * width, width);
      recentNext = (recentNext + 1) % PROBE_ROWS;
      recentCount = Math.min(PROBE_ROWS, recentCount + 1);
    }
  }

  private float[] recentProbeRows() {
    return Arrays.copyOf(recentRows, recentCount * initialModel.featureSpec().schema().size());
  }
}
