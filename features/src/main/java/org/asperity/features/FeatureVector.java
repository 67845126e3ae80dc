package org.asperity.features;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The features of one region at one forecast tick, in {@link FeatureSchema} order, with the data
 * quality that produced them. Unknown values are NaN (e.g. an asperity whose release has not been
 * seen in the stream; XGBoost treats NaN as missing). Immutable; equality is bitwise on every
 * value.
 *
 * @param tickMicros the forecast tick (end of the observation window), microseconds since 1970
 * @param schemaHash hash of the schema the values are ordered by
 * @param values the values in schema order
 * @param stationsUsed stations of the layout with a fresh snapshot at this tick
 * @param stationsExpected stations of the layout
 * @param missingStations codes of the stations without a fresh snapshot, in layout order
 */
public record FeatureVector(
    long tickMicros,
    String schemaHash,
    double[] values,
    int stationsUsed,
    int stationsExpected,
    List<String> missingStations) {

  public FeatureVector {
    Objects.requireNonNull(schemaHash, "schemaHash");
    values = values.clone();
    missingStations = List.copyOf(missingStations);
  }

  /** Copy of the values in schema order. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** Copy of the values as floats (the ONNX model's input type). */
  public float[] valuesAsFloats() {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  public double value(int index) {
    return values[index];
  }

  public int size() {
    return values.length;
  }

  /** Stations imputed (no fresh snapshot) at this tick: {@code stationsExpected - stationsUsed}. */
  public int imputedStations() {
    return stationsExpected - stationsUsed;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FeatureVector)) {
      return false;
    }
    FeatureVector v = (FeatureVector) o;
    return tickMicros == v.tickMicros
        && stationsUsed == v.stationsUsed
        && stationsExpected == v.stationsExpected
        && schemaHash.equals(v.schemaHash)
        && Arrays.equals(values, v.values)
        && missingStations.equals(v.missingStations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tickMicros, schemaHash, stationsUsed, missingStations) * 31
        + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FeatureVector[tick "
        + tickMicros
        + ", "
        + values.length
        + " values, stations "
        + stationsUsed
        + "/"
        + stationsExpected
        + "]";
  }
}
