package org.asperity.features;

/**
 * The per-station statistics computed over each rolling window, in the order they are stored in a
 * {@link StationSnapshot}. "Trench-normal" is the horizontal component along the layout's
 * trench-normal azimuth (positive landward, so interseismic loading gives positive rates);
 * "vertical" is up. All are computed from the screened, offset-corrected series (see the package
 * documentation).
 */
public enum StationStatistic {
  /** Least-squares slope of trench-normal displacement versus time, mm/yr. */
  RATE_TRENCH_NORMAL("rateTrenchNormal", "mmPerYr"),
  /** Least-squares slope of vertical displacement versus time, mm/yr. */
  RATE_VERTICAL("rateVertical", "mmPerYr"),
  /** Variance of trench-normal displacement about its least-squares line, mm&sup2;. */
  DETRENDED_VARIANCE_TRENCH_NORMAL("detrendedVarianceTrenchNormal", "mm2"),
  /** Variance of vertical displacement about its least-squares line, mm&sup2;. */
  DETRENDED_VARIANCE_VERTICAL("detrendedVarianceVertical", "mm2"),
  /** Skewness of the trench-normal increments (sample-to-sample differences), dimensionless. */
  INCREMENT_SKEWNESS_TRENCH_NORMAL("incrementSkewnessTrenchNormal", null),
  /** Skewness of the vertical increments, dimensionless. */
  INCREMENT_SKEWNESS_VERTICAL("incrementSkewnessVertical", null),
  /** Excess kurtosis of the trench-normal increments, dimensionless. */
  INCREMENT_EXCESS_KURTOSIS_TRENCH_NORMAL("incrementExcessKurtosisTrenchNormal", null),
  /** Excess kurtosis of the vertical increments, dimensionless. */
  INCREMENT_EXCESS_KURTOSIS_VERTICAL("incrementExcessKurtosisVertical", null),
  /** Maximum minus minimum trench-normal displacement, mm. */
  RANGE_TRENCH_NORMAL("rangeTrenchNormal", "mm"),
  /** Maximum minus minimum vertical displacement, mm. */
  RANGE_VERTICAL("rangeVertical", "mm");

  private final String featureName;
  private final String unit;

  StationStatistic(String featureName, String unit) {
    this.featureName = featureName;
    this.unit = unit;
  }

  /** Name fragment used in feature names, e.g. {@code rateTrenchNormal}. */
  public String featureName() {
    return featureName;
  }

  /** Unit suffix used in feature names (e.g. {@code mmPerYr}), or null when dimensionless. */
  public String unit() {
    return unit;
  }
}
