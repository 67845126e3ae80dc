package org.asperity.simulator.gnss;

import java.time.Duration;
import org.asperity.time.TimeUnits;

/**
 * GNSS position noise of every station (see {@link StationNoise} for the processes).
 *
 * @param enabled false for noise-free observations (the formal sigmas keep their nominal values)
 * @param whiteHorizontalMeters white-noise standard deviation of east and north
 * @param whiteVerticalMeters white-noise standard deviation of up
 * @param flickerHorizontalMeters flicker (1/f) noise of east and north: standard deviation per
 *     decade of frequency, i.e. one-sided PSD {@code P(f) = sigma^2 / (f ln 10)}
 * @param flickerVerticalMeters the same for up
 * @param flickerLongestPeriodYears longest correlation time of the flicker approximation
 * @param annualHorizontalMeters typical annual amplitude, east and north
 * @param annualVerticalMeters typical annual amplitude, up
 * @param semiAnnualRatio semi-annual amplitude relative to the annual one
 * @param outagesPerYear rate of outages (gaps: no observation) per station
 * @param meanOutageDays mean outage length
 * @param outlierProbability probability that an epoch is an outlier
 * @param outlierSigmaFactor outlier size in units of the white-noise sigma
 * @param offsetsPerYear rate of equipment offsets (steps) per station
 * @param offsetHorizontalMeters standard deviation of an offset, east and north
 * @param offsetVerticalMeters standard deviation of an offset, up
 */
public record NoiseConfig(
    boolean enabled,
    double whiteHorizontalMeters,
    double whiteVerticalMeters,
    double flickerHorizontalMeters,
    double flickerVerticalMeters,
    double flickerLongestPeriodYears,
    double annualHorizontalMeters,
    double annualVerticalMeters,
    double semiAnnualRatio,
    double outagesPerYear,
    double meanOutageDays,
    double outlierProbability,
    double outlierSigmaFactor,
    double offsetsPerYear,
    double offsetHorizontalMeters,
    double offsetVerticalMeters) {

  public NoiseConfig {
    if (!(whiteHorizontalMeters > 0) || !(whiteVerticalMeters > 0)) {
      throw new IllegalArgumentException(
          "white-noise sigmas must be positive (they are the formal sigmas)");
    }
    if (flickerHorizontalMeters < 0
        || flickerVerticalMeters < 0
        || annualHorizontalMeters < 0
        || annualVerticalMeters < 0
        || semiAnnualRatio < 0
        || outagesPerYear < 0
        || meanOutageDays < 0
        || outlierProbability < 0
        || outlierProbability > 1
        || outlierSigmaFactor < 0
        || offsetsPerYear < 0
        || offsetHorizontalMeters < 0
        || offsetVerticalMeters < 0
        || !(flickerLongestPeriodYears > 0)) {
      throw new IllegalArgumentException("noise amplitudes and rates must be non-negative");
    }
  }

  /**
   * Realistic defaults for the sampling interval. White noise follows the precision of the solution
   * type: daily solutions about 1 mm horizontal and 3.5 mm vertical, 1 Hz real-time (PPP/RTK) about
   * 1 cm and 3 cm, log-linear in the interval between them. Flicker noise (1 mm and 3 mm per
   * decade), seasonal terms and offsets are properties of the monument and the site and do not
   * depend on the sampling. Daily series have a few multi-day gaps a year and rare outliers;
   * high-rate streams have frequent short gaps.
   */
  public static NoiseConfig defaultsFor(Duration samplingInterval) {
    double seconds = samplingInterval.toNanos() / (double) TimeUnits.NANOS_PER_SECOND;
    double x =
        Math.log10(Math.min(Math.max(seconds, 1.0), TimeUnits.SECONDS_PER_DAY))
            / Math.log10(TimeUnits.SECONDS_PER_DAY);
    double whiteH = Math.pow(10.0, (1.0 - x) * Math.log10(0.010) + x * Math.log10(0.001));
    double whiteV = Math.pow(10.0, (1.0 - x) * Math.log10(0.030) + x * Math.log10(0.0035));
    boolean subHourly = seconds < TimeUnits.SECONDS_PER_HOUR;
    return new NoiseConfig(
        true,
        whiteH,
        whiteV,
        0.001,
        0.003,
        30.0,
        0.001,
        0.003,
        0.5,
        subHourly ? 36.0 : 2.0,
        subHourly ? 15.0 / 1440.0 : 5.0,
        subHourly ? 1e-4 : 1e-3,
        10.0,
        0.1,
        0.005,
        0.010);
  }

  /** No noise at all; formal sigmas stay those of {@link #defaultsFor}. */
  public static NoiseConfig noiseFree(Duration samplingInterval) {
    return defaultsFor(samplingInterval).withEnabled(false);
  }

  public NoiseConfig withEnabled(boolean value) {
    return new NoiseConfig(
        value,
        whiteHorizontalMeters,
        whiteVerticalMeters,
        flickerHorizontalMeters,
        flickerVerticalMeters,
        flickerLongestPeriodYears,
        annualHorizontalMeters,
        annualVerticalMeters,
        semiAnnualRatio,
        outagesPerYear,
        meanOutageDays,
        outlierProbability,
        outlierSigmaFactor,
        offsetsPerYear,
        offsetHorizontalMeters,
        offsetVerticalMeters);
  }

  /** The same configuration with only white noise (the other processes switched off). */
  public NoiseConfig whiteOnly() {
    return new NoiseConfig(
        enabled,
        whiteHorizontalMeters,
        whiteVerticalMeters,
        0,
        0,
        flickerLongestPeriodYears,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0);
  }
}
