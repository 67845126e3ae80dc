package org.asperity.trainer.gbrt;

import java.util.HashSet;
import java.util.List;

/**
 * Feature rows and their labels, as the trees see them: row-major float32 features (NaN = missing)
 * with named columns, and one float32 label per row. For a multi-quantile objective the same label
 * serves every quantile.
 *
 * @param features {@code rows * featureNames.size()} values, row-major
 * @param labels {@code rows} values, finite
 */
public record TrainingMatrix(
    float[] features, int rows, List<String> featureNames, float[] labels) {

  public TrainingMatrix {
    featureNames = List.copyOf(featureNames);
    if (rows < 1) {
      throw new IllegalArgumentException("A training matrix needs at least one row");
    }
    if (featureNames.isEmpty() || new HashSet<>(featureNames).size() != featureNames.size()) {
      throw new IllegalArgumentException(
          "Feature names must be non-empty and distinct: " + featureNames);
    }
    if ((long) rows * featureNames.size() != features.length) {
      throw new IllegalArgumentException(
          rows + " rows x " + featureNames.size() + " features != " + features.length + " values");
    }
    if (labels.length != rows) {
      throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
    }
    for (int i = 0; i < rows; i++) {
      if (!Float.isFinite(labels[i])) {
        throw new IllegalArgumentException("Label of row " + i + " is " + labels[i]);
      }
    }
  }

  public int featureCount() {
    return featureNames.size();
  }
}
