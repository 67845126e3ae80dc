package org.asperity.trainer.gbrt;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the trees minimise. Only objectives whose link is the identity, so that the sum of leaf
 * weights plus the base score is the prediction and an ONNX tree ensemble reproduces it.
 */
public sealed interface Objective {

  /** XGBoost's {@code objective} parameter. */
  String xgboostName();

  /** The evaluation metric (also the early-stopping criterion). */
  String metric();

  /** Number of outputs the trained model has. */
  int targets();

  /** Extra XGBoost parameters of this objective. */
  default Map<String, Object> parameters() {
    return Map.of();
  }

  /** Least squares: predicts the conditional mean. */
  static Objective squaredError() {
    return new SquaredError();
  }

  /**
   * Pinball loss at several levels, one output per level, in one model ({@code reg:quantileerror}
   * with a vector {@code quantile_alpha}, XGBoost &ge; 2.0): the trees of each round are grown once
   * per level, and the levels share rounds and early stopping.
   *
   * @param alphas strictly ascending, each in (0, 1)
   */
  static Objective quantiles(double... alphas) {
    return new Quantiles(alphas);
  }

  record SquaredError() implements Objective {
    @Override
    public String xgboostName() {
      return "reg:squarederror";
    }

    @Override
    public String metric() {
      return "rmse";
    }

    @Override
    public int targets() {
      return 1;
    }
  }

  record Quantiles(double[] alphas) implements Objective {
    public Quantiles {
      alphas = alphas.clone();
      if (alphas.length == 0) {
        throw new IllegalArgumentException("At least one quantile level is needed");
      }
      for (int i = 0; i < alphas.length; i++) {
        if (!(alphas[i] > 0 && alphas[i] < 1) || (i > 0 && alphas[i] <= alphas[i - 1])) {
          throw new IllegalArgumentException(
              "Quantile levels must be strictly ascending in (0, 1): " + Arrays.toString(alphas));
        }
      }
    }

    @Override
    public double[] alphas() {
      return alphas.clone();
    }

    @Override
    public String xgboostName() {
      return "reg:quantileerror";
    }

    @Override
    public String metric() {
      return "quantile";
    }

    @Override
    public int targets() {
      return alphas.length;
    }

    @Override
    public Map<String, Object> parameters() {
      return Map.of(
          "quantile_alpha",
          Arrays.stream(alphas)
              .mapToObj(Double::toString)
              .collect(Collectors.joining(",", "[", "]")));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Quantiles q && Arrays.equals(alphas, q.alphas);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(alphas);
    }

    @Override
    public String toString() {
      return "Quantiles" + Arrays.toString(alphas);
    }
  }
}
