package org.asperity.trainer.baseline;

import java.util.ArrayList;
import java.util.List;
import org.asperity.trainer.data.Dataset;
import org.asperity.trainer.data.TruthColumns;

/**
 * The inputs of a forecaster: some of the model's feature columns, or some ground-truth columns.
 *
 * @param name what the card calls the forecaster
 * @param truth whether the columns are ground-truth columns ({@link TruthColumns}) rather than
 *     features
 * @param columns column indices
 * @param names column names, for the trees
 */
public record InputColumns(String name, boolean truth, int[] columns, List<String> names) {

  public InputColumns {
    columns = columns.clone();
    names = List.copyOf(names);
    if (columns.length == 0 || columns.length != names.size()) {
      throw new IllegalArgumentException(
          name + ": columns and names must be non-empty and equally long");
    }
  }

  @Override
  public int[] columns() {
    return columns.clone();
  }

  /** Row-major values of these columns for {@code rows} of {@code data}. */
  public float[] values(Dataset data, int[] rows) {
    return truth ? data.truthColumns(rows, columns) : data.featureColumns(rows, columns);
  }

  /**
   * Baseline (a), GNSS: the slip deficit per asperity estimated from the stations by the features.
   */
  public static InputColumns gnssDeficit(Dataset data) {
    List<String> names = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    for (String id : data.layout().asperityIds()) {
      String name = "asperity." + id + ".deficitSinceRelease.m";
      int column = data.schema().indexOf(name);
      if (column < 0) {
        throw new IllegalStateException("the feature schema has no " + name);
      }
      names.add(name);
      columns.add(column);
    }
    return new InputColumns(
        "slip deficit, GNSS-estimated (GBRT)",
        false,
        columns.stream().mapToInt(Integer::intValue).toArray(),
        names);
  }

  /** Baseline (a), true: the simulator's slip deficit per asperity. */
  public static InputColumns trueDeficit(Dataset data) {
    return truthQuantities(data, "slip deficit, true (GBRT)", TruthColumns.DEFICIT);
  }

  /**
   * Baseline (c), the oracle: the simulator's whole asperity state (deficit, shear stress,
   * strength, stress rate and the years to reach strength at that rate), which no GNSS network
   * observes.
   */
  public static InputColumns oracle(Dataset data) {
    return truthQuantities(
        data,
        "oracle: true stress and strength (GBRT)",
        TruthColumns.DEFICIT,
        TruthColumns.STRESS,
        TruthColumns.STRENGTH,
        TruthColumns.STRESS_RATE,
        TruthColumns.YEARS_TO_STRENGTH);
  }

  private static InputColumns truthQuantities(Dataset data, String name, int... quantities) {
    List<String> names = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    int asperities = data.layout().asperityCount();
    for (int a = 0; a < asperities; a++) {
      for (int q : quantities) {
        int column = TruthColumns.column(a, q);
        columns.add(column);
        names.add(data.truthNames().get(column));
      }
    }
    return new InputColumns(
        name, true, columns.stream().mapToInt(Integer::intValue).toArray(), names);
  }

  /** All of the model's feature columns. */
  public static InputColumns allFeatures(Dataset data, String name) {
    int n = data.featureNames().size();
    return new InputColumns(
        name, false, java.util.stream.IntStream.range(0, n).toArray(), data.featureNames());
  }
}
