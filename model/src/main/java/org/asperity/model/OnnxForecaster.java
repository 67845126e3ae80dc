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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.asperity.model.InvalidModelException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores feature rows with one ONNX Runtime session over a validated {@link ModelArtifact}.
 *
 * <p>Opening checks that ONNX Runtime accepts the graph and that two probe rows (every feature
 * missing, every feature zero) score to finite forecasts with p10 &le; p50 &le; p90 and TTF &ge; 0,
 * so a model that would emit garbage is rejected before it replaces a working one.
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

  /** Opens a session with one intra-op thread (the job parallelises across subtasks). */
  public static OnnxForecaster open(ModelArtifact artifact) throws InvalidModelException {
    return open(artifact, 1);
  }

  /**
   * Opens a session using {@code intraOpThreads} threads per scoring call. With more than one
   * thread ONNX Runtime splits the trees between threads, which changes the float32 summation
   * order: forecasts then differ from the trainer's single-threaded ones by ~1e-6 (relative)
   * instead of not at all.
   */
  public static OnnxForecaster open(ModelArtifact artifact, int intraOpThreads)
      throws InvalidModelException {
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
      forecaster.probe();
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

  private void probe() throws InvalidModelException {
    float[] rows = new float[2 * featureCount];
    Arrays.fill(rows, 0, featureCount, Float.NaN);
    float[] forecasts;
    try {
      forecasts = score(rows, 2);
    } catch (ScoringException e) {
      throw new InvalidModelException(
          Reason.PROBE_FAILED,
          "The model fails to score probe rows: " + oneLine(String.valueOf(e.getCause())) + ".",
          e);
    }
    String[] probeNames = {"all features missing", "all features zero"};
    for (int row = 0; row < 2; row++) {
      int at = row * OUTPUT_WIDTH;
      float p10 = forecasts[at + TTF_P10];
      float p50 = forecasts[at + TTF_P50];
      float p90 = forecasts[at + TTF_P90];
      float magnitude = forecasts[at + MOMENT_MAGNITUDE];
      boolean finite =
          Float.isFinite(p10)
              && Float.isFinite(p50)
              && Float.isFinite(p90)
              && Float.isFinite(magnitude);
      if (!finite || p10 < 0 || p10 > p50 || p50 > p90) {
        throw new InvalidModelException(
            Reason.PROBE_FAILED,
            "With "
                + probeNames[row]
                + " the model forecasts "
                + Arrays.toString(Arrays.copyOfRange(forecasts, at, at + OUTPUT_WIDTH))
                + " ("
                + ModelMetadata.OUTPUTS_VALUE
                + ") but forecasts must be finite with 0 <= p10 <= p50 <= p90.");
      }
    }
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
