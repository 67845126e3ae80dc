package org.asperity.trainer.baseline;

import static org.asperity.model.ModelContract.MOMENT_MAGNITUDE;
import static org.asperity.model.ModelContract.OUTPUT_WIDTH;
import static org.asperity.model.ModelContract.TTF_P10;
import static org.asperity.model.ModelContract.TTF_P50;
import static org.asperity.model.ModelContract.TTF_P90;

import org.asperity.trainer.data.Dataset;
import org.asperity.trainer.data.Split;

/**
 * The renewal baseline: the next event comes one mean recurrence interval after the last one, so
 * TTF = max(0, mean recurrence &minus; time since the last event), and its magnitude is the mean of
 * the training cycles' closing magnitudes (the constant-mean forecaster). Both means are over the
 * training cycles; the time since the last event is the network's own, the feature {@code
 * network.timeSinceLastEvent.days} (the last event the stations detected), as an operator would
 * have it; before the first detection it is taken as 0.
 */
public record RecurrenceBaseline(double meanRecurrenceDays, double meanMagnitude) {

  /** The feature that holds the time since the last detected event. */
  public static final String SINCE_LAST_DETECTED = "network.timeSinceLastEvent.days";

  public static RecurrenceBaseline fit(Dataset data) {
    var cycles = data.cycles(Split.TRAIN);
    if (cycles.isEmpty()) {
      throw new IllegalArgumentException("no training cycles");
    }
    double magnitude =
        cycles.stream().mapToDouble(Dataset.Cycle::endMagnitude).average().orElseThrow();
    return new RecurrenceBaseline(data.meanTrainingRecurrenceDays(), magnitude);
  }

  /**
   * Point forecasts (p10 = p50 = p90) in the contract's layout for {@code rows} of {@code data}.
   */
  public float[] forecast(Dataset data, int[] rows) {
    int column = data.schema().indexOf(SINCE_LAST_DETECTED);
    if (column < 0) {
      throw new IllegalStateException("the feature schema has no " + SINCE_LAST_DETECTED);
    }
    float[] out = new float[rows.length * OUTPUT_WIDTH];
    for (int i = 0; i < rows.length; i++) {
      double since = data.feature(rows[i], column);
      float ttf =
          (float) Math.max(0.0, meanRecurrenceDays - (Double.isFinite(since) ? since : 0.0));
      out[i * OUTPUT_WIDTH + TTF_P10] = ttf;
      out[i * OUTPUT_WIDTH + TTF_P50] = ttf;
      out[i * OUTPUT_WIDTH + TTF_P90] = ttf;
      out[i * OUTPUT_WIDTH + MOMENT_MAGNITUDE] = (float) meanMagnitude;
    }
    return out;
  }
}
