package org.asperity.trainer;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.asperity.trainer.evaluation.ConformalInterval;
import org.asperity.trainer.gbrt.GbrtTrainer;
import org.asperity.trainer.gbrt.Objective;
import org.asperity.trainer.gbrt.TrainedBooster;
import org.asperity.trainer.gbrt.TrainingMatrix;
import org.asperity.trainer.onnx.Parity;
import org.asperity.trainer.onnx.TtfTransform;

/**
 * The two boosters of a forecaster over some input columns: time-to-failure quantiles p10/p50/p90
 * (one multi-quantile model, in the {@link TtfTransform}'s space) and the moment magnitude (least
 * squares). The model and the GBRT baselines are all of this kind. Close to free them.
 */
public final class ForecastBoosters implements AutoCloseable {

  /** The quantile levels of the contract's TTF columns. */
  public static final double[] TTF_LEVELS = {0.1, 0.5, 0.9};

  /** The share of outcomes the p10–p90 interval should hold. */
  public static final double INTERVAL_COVERAGE = TTF_LEVELS[2] - TTF_LEVELS[0];

  private final TrainedBooster ttf;
  private final TrainedBooster magnitude;
  private final TtfTransform transform;
  private final float[] ttfOffsets;

  private ForecastBoosters(
      TrainedBooster ttf, TrainedBooster magnitude, TtfTransform transform, float[] ttfOffsets) {
    this.ttf = ttf;
    this.magnitude = magnitude;
    this.transform = transform;
    this.ttfOffsets = ttfOffsets;
  }

  /**
   * Trains both boosters on the same columns.
   *
   * @param train row-major training inputs ({@code trainTtf.length} rows)
   * @param validation row-major validation inputs: early stopping and, when {@code calibrate}, the
   *     conformal calibration of the p10–p90 interval ({@link ConformalInterval})
   */
  public static ForecastBoosters train(
      GbrtTrainer trainer,
      TtfTransform transform,
      boolean calibrate,
      List<String> names,
      float[] train,
      double[] trainTtfDays,
      double[] trainMagnitude,
      float[] validation,
      double[] validationTtfDays,
      double[] validationMagnitude)
      throws XGBoostError {
    TrainedBooster ttf =
        trainTtf(trainer, transform, names, train, trainTtfDays, validation, validationTtfDays);
    try {
      float[] offsets = null;
      if (calibrate) {
        float[] labels = new float[validationTtfDays.length];
        for (int i = 0; i < labels.length; i++) {
          labels[i] = transform.toTarget(validationTtfDays[i]);
        }
        float q =
            (float)
                ConformalInterval.offset(
                    ttf.predict(validation, labels.length), labels, INTERVAL_COVERAGE);
        offsets = new float[] {-q, 0f, q};
      }
      TrainedBooster magnitude =
          trainer.train(
              matrix(train, names, trainMagnitude, DoubleUnaryOperator.identity()),
              matrix(validation, names, validationMagnitude, DoubleUnaryOperator.identity()),
              Objective.squaredError());
      return new ForecastBoosters(ttf, magnitude, transform, offsets);
    } catch (XGBoostError | RuntimeException e) {
      ttf.close();
      throw e;
    }
  }

  /** Trains the time-to-failure quantile booster alone (learning curves). */
  public static TrainedBooster trainTtf(
      GbrtTrainer trainer,
      TtfTransform transform,
      List<String> names,
      float[] train,
      double[] trainTtfDays,
      float[] validation,
      double[] validationTtfDays)
      throws XGBoostError {
    return trainer.train(
        matrix(train, names, trainTtfDays, transform::toTarget),
        matrix(validation, names, validationTtfDays, transform::toTarget),
        Objective.quantiles(TTF_LEVELS));
  }

  private static TrainingMatrix matrix(
      float[] values, List<String> names, double[] labels, DoubleUnaryOperator toLabel) {
    float[] y = new float[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) toLabel.applyAsDouble(labels[i]);
    }
    return new TrainingMatrix(values, labels.length, names, y);
  }

  public TrainedBooster ttf() {
    return ttf;
  }

  public TrainedBooster magnitude() {
    return magnitude;
  }

  public TtfTransform transform() {
    return transform;
  }

  /**
   * Offsets added to the TTF outputs (p10, p50, p90) in the trees' space before the transform: the
   * conformal widening of the interval, or null when not calibrated.
   */
  public float[] ttfOffsets() {
    return ttfOffsets == null ? null : ttfOffsets.clone();
  }

  /** Forecast rows in the contract's layout, computed as the exported graph would. */
  public float[] forecast(float[] values, int rows) throws XGBoostError {
    return Parity.expectedForecasts(ttf, magnitude, transform, ttfOffsets, values, rows);
  }

  @Override
  public void close() {
    ttf.close();
    magnitude.close();
  }
}
