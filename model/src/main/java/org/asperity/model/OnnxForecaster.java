package org.asperity.model;

import static org.asperity.model.ModelContract.INPUT_NAME;
import static org.asperity.model.ModelContract.MOMENT_MAGNITUDE;
import static org.asperity.model.ModelContract.OUTPUT_NAME;
import static org.asperity.model.ModelContract.OUTPUT_WIDTH;
import static org.asperity.model.ModelContract.TTF_P10;
import static org.asperity.model.ModelContract.TTF_P50;
import static org.asperity.model.ModelContract.TTF_P90;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.asperity.model.InvalidModelException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores feature rows with one ONNX Runtime session over a validated {@link ModelArtifact}.
 *
 * <p>Opening checks that ONNX Runtime accepts the graph and that probe batches of {@link
 * #PROBE_BATCH_SIZES} rows (every feature missing, every feature zero, then the caller's real
 * feature rows, cycled) score to finite forecasts with 0 &le; p10 &le; p50 &le; p90 and a finite
 * magnitude, so a model that would emit garbage, or only works for some batch sizes, is rejected
 * before it replaces a working one.
 *
 * <p>Thread-safety: {@link #score} may be called from several threads at once (ONNX Runtime
 * sessions allow concurrent runs); {@link #close} waits for running scores and makes later ones
 * fail with {@link IllegalStateException}. ONNX Runtime needs {@code ORT_DISABLE_TELEMETRY=1} in
 * the environment (it can crash on long command lines otherwise).
 */
public final class OnnxForecaster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OnnxForecaster.class);
  private static volatile boolean telemetryWarned;

  private final ModelArtifact artifact;
  private final OrtSession session;
  private final int featureCount;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private OnnxForecaster(ModelArtifact artifact, OrtSession session) {
    this.artifact = artifact;
    this.session = session;
    this.featureCount = artifact.featureCount();
  }

  /** The batch sizes the probe scores: one, a pair, an odd size, a full-tick batch. */
  public static final List<Integer> PROBE_BATCH_SIZES = List.of(1, 2, 7, 64);

  /** Opens a session with one intra-op thread (the job parallelises across subtasks). */
  public static OnnxForecaster open(ModelArtifact artifact) throws InvalidModelException {
    return open(artifact, 1);
  }

  /**
   * Opens a session with one intra-op thread, probing it with {@code realRows} (row-major, a
   * multiple of the feature count, NaN for missing) besides the synthetic rows.
   */
  public static OnnxForecaster open(ModelArtifact artifact, float[] realRows)
      throws InvalidModelException {
    return open(artifact, 1, realRows);
  }

  /**
   * Opens a session using {@code intraOpThreads} threads per scoring call. With more than one
   * thread ONNX Runtime splits the trees between threads, which changes the float32 summation
   * order: forecasts then differ from the trainer's single-threaded ones by ~1e-6 (relative)
   * instead of not at all.
   */
  public static OnnxForecaster open(ModelArtifact artifact, int intraOpThreads)
      throws InvalidModelException {
    return open(artifact, intraOpThreads, new float[0]);
  }

  private static OnnxForecaster open(ModelArtifact artifact, int intraOpThreads, float[] realRows)
      throws InvalidModelException {
    if (realRows.length % artifact.featureCount() != 0) {
      throw new IllegalArgumentException(
          realRows.length + " probe values are not rows of " + artifact.featureCount());
    }
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException(
          "intraOpThreads must be at least 1, not " + intraOpThreads);
    }
    OrtEnvironment environment = environment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      session = environment.createSession(artifact.bytes(), options);
    } catch (OrtException e) {
      throw new InvalidModelException(
          Reason.RUNTIME_REJECTED,
          "ONNX Runtime cannot load the model: " + oneLine(e.getMessage()) + ".",
          e);
    }
    OnnxForecaster forecaster = new OnnxForecaster(artifact, session);
    try {
      forecaster.probe(realRows);
    } catch (InvalidModelException | RuntimeException e) {
      forecaster.close();
      throw e;
    }
    return forecaster;
  }

  public ModelArtifact artifact() {
    return artifact;
  }

  public int featureCount() {
    return featureCount;
  }

  /**
   * Scores {@code rows} feature rows.
   *
   * @param features row-major, {@code rows * featureCount()} values, NaN for a missing feature
   * @return row-major {@code rows * 4} values in {@link ModelContract#OUTPUTS} order
   * @throws IllegalStateException after {@link #close()}
   * @throws ScoringException if ONNX Runtime fails
   */
  public float[] score(float[] features, int rows) {
    if (rows < 0 || (long) rows * featureCount != features.length) {
      throw new IllegalArgumentException(
          "Expected "
              + rows
              + " rows x "
              + featureCount
              + " features = "
              + ((long) rows * featureCount)
              + " values, got "
              + features.length);
    }
    if (rows == 0) {
      return new float[0];
    }
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("The forecaster for " + artifact + " is closed");
      }
      return run(features, rows);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Releases the native session; idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      session.close();
    } catch (OrtException e) {
      LOG.warn("Closing the ONNX Runtime session of {} failed: {}", artifact, e.getMessage());
    } finally {
      lock.writeLock().unlock();
    }
  }

  private float[] run(float[] features, int rows) {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    long[] shape = {rows, featureCount};
    try (OnnxTensor input =
            OnnxTensor.createTensor(environment, FloatBuffer.wrap(features), shape);
        OrtSession.Result result = session.run(Map.of(INPUT_NAME, input), Set.of(OUTPUT_NAME))) {
      OnnxValue value = result.get(0);
      if (!(value instanceof OnnxTensor output)) {
        throw new ScoringException(
            "Output '" + OUTPUT_NAME + "' of " + artifact + " is not a tensor");
      }
      long[] outputShape = output.getInfo().getShape();
      if (outputShape.length != 2 || outputShape[0] != rows || outputShape[1] != OUTPUT_WIDTH) {
        throw new ScoringException(
            "Output of "
                + artifact
                + " has shape "
                + Arrays.toString(outputShape)
                + " for "
                + rows
                + " rows");
      }
      float[] forecasts = new float[rows * OUTPUT_WIDTH];
      output.getFloatBuffer().get(forecasts);
      return forecasts;
    } catch (OrtException e) {
      throw new ScoringException(
          "ONNX Runtime failed to score " + rows + " rows with " + artifact, e);
    }
  }

  private void probe(float[] realRows) throws InvalidModelException {
    int width = featureCount;
    int pool = 2 + realRows.length / width;
    float[] rows = new float[pool * width];
    Arrays.fill(rows, 0, width, Float.NaN);
    System.arraycopy(realRows, 0, rows, 2 * width, realRows.length);
    for (int batch : PROBE_BATCH_SIZES) {
      float[] input = new float[batch * width];
      for (int i = 0; i < batch; i++) {
        System.arraycopy(rows, (i % pool) * width, input, i * width, width);
      }
      float[] forecasts;
      try {
        forecasts = score(input, batch);
      } catch (ScoringException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new InvalidModelException(
            Reason.PROBE_FAILED,
            "The model fails to score a probe batch of "
                + batch
                + " rows: "
                + oneLine(String.valueOf(cause.getMessage()))
                + ".",
            e);
      }
      for (int i = 0; i < batch; i++) {
        int at = i * OUTPUT_WIDTH;
        if (!plausible(forecasts, at)) {
          int row = i % pool;
          String which =
              row == 0
                  ? "all features missing"
                  : row == 1 ? "all features zero" : "real feature row " + (row - 2);
          throw new InvalidModelException(
              Reason.PROBE_FAILED,
              "In a probe batch of "
                  + batch
                  + " rows, with "
                  + which
                  + " the model forecasts "
                  + Arrays.toString(Arrays.copyOfRange(forecasts, at, at + OUTPUT_WIDTH))
                  + " ("
                  + ModelMetadata.OUTPUTS_VALUE
                  + ") but forecasts must be finite with 0 <= p10 <= p50 <= p90.");
        }
      }
    }
  }

  /**
   * Whether the forecast at {@code at} of {@code forecasts} is finite with 0 &le; p10 &le; p50 &le;
   * p90: what the job requires of every forecast it emits.
   */
  public static boolean plausible(float[] forecasts, int at) {
    float p10 = forecasts[at + TTF_P10];
    float p50 = forecasts[at + TTF_P50];
    float p90 = forecasts[at + TTF_P90];
    float magnitude = forecasts[at + MOMENT_MAGNITUDE];
    return Float.isFinite(p10)
        && Float.isFinite(p50)
        && Float.isFinite(p90)
        && Float.isFinite(magnitude)
        && p10 >= 0
        && p10 <= p50
        && p50 <= p90;
  }

  private static OrtEnvironment environment() {
    try {
      OnnxNatives.install();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not prepare the ONNX Runtime natives in " + OnnxNatives.cacheRoot(), e);
    }
    if (!telemetryWarned && !"1".equals(System.getenv("ORT_DISABLE_TELEMETRY"))) {
      telemetryWarned = true;
      LOG.warn(
          "ORT_DISABLE_TELEMETRY=1 is not set: ONNX Runtime may crash creating a session "
              + "when the command line is long");
    }
    return OrtEnvironment.getEnvironment();
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "no detail";
    }
    String line = message.strip().replaceAll("\\s+", " ");
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
