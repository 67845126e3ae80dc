package org.asperity.simulator.gnss;

import java.util.SplittableRandom;
import org.asperity.time.TimeUnits;

/**
 * The noise of one station's position time series, generated epoch by epoch in O(1):
 *
 * <ul>
 *   <li>white noise with the station's formal sigmas (nominal values times a station quality factor
 *       in 0.8-1.2);
 *   <li>flicker noise approximated by a sum of first-order autoregressive processes with
 *       correlation times one decade apart from the sampling interval to {@code
 *       flickerLongestPeriodYears}, equal variances: a superposition of relaxation processes with
 *       log-uniform time constants has a 1/f spectrum between the extreme corner frequencies (PSD
 *       {@code sigma^2 / (f ln 10)} per component, ripple of a few dB);
 *   <li>annual and semi-annual terms with station-specific amplitudes and phases;
 *   <li>outages (no observation), rare outliers and rare equipment offsets (permanent steps), each
 *       as a Poisson process scheduled by exponential waiting times.
 * </ul>
 *
 * Deterministic for a given seed; {@link #next} must be called once per epoch, in order.
 */
public final class StationNoise {

  private final SplittableRandom random;
  private final double[] sigma = new double[3];
  private final int processes;
  private final double[] rho;
  private final double[] innovation;
  private final double[] state;
  private final double[] seasonal = new double[12];
  private final double[] offset = new double[3];
  private final double outlierScale;
  private final double[] offsetSigma = new double[3];
  private final double outageRatePerEpoch;
  private final double meanOutageEpochs;
  private final double outlierProbability;
  private final double offsetRatePerEpoch;
  private final boolean enabled;
  private long untilOutage;
  private long outageLeft;
  private long untilOutlier;
  private long untilOffset;

  public StationNoise(NoiseConfig config, double samplingSeconds, SplittableRandom random) {
    this.random = random;
    this.enabled = config.enabled();
    double quality = 0.8 + 0.4 * random.nextDouble();
    sigma[0] = config.whiteHorizontalMeters() * quality;
    sigma[1] = config.whiteHorizontalMeters() * quality;
    sigma[2] = config.whiteVerticalMeters() * quality;
    double longest = config.flickerLongestPeriodYears() * TimeUnits.SECONDS_PER_YEAR;
    boolean flicker =
        enabled
            && (config.flickerHorizontalMeters() > 0 || config.flickerVerticalMeters() > 0)
            && longest > samplingSeconds;
    processes =
        flicker ? Math.min(10, (int) Math.floor(Math.log10(longest / samplingSeconds)) + 1) : 0;
    rho = new double[processes];
    innovation = new double[3 * processes];
    state = new double[3 * processes];
    for (int k = 0; k < processes; k++) {
      double tau = samplingSeconds * Math.pow(10.0, k);
      rho[k] = Math.exp(-samplingSeconds / tau);
      double scale = Math.sqrt(1.0 - rho[k] * rho[k]);
      for (int c = 0; c < 3; c++) {
        double amplitude =
            c == 2 ? config.flickerVerticalMeters() : config.flickerHorizontalMeters();
        innovation[3 * k + c] = amplitude * scale;
        state[3 * k + c] = amplitude * random.nextGaussian();
      }
    }
    if (enabled) {
      for (int c = 0; c < 3; c++) {
        double annual =
            (c == 2 ? config.annualVerticalMeters() : config.annualHorizontalMeters())
                * (0.5 + random.nextDouble());
        double semi = annual * config.semiAnnualRatio() * (0.5 + random.nextDouble());
        double phaseAnnual = 2.0 * Math.PI * random.nextDouble();
        double phaseSemi = 2.0 * Math.PI * random.nextDouble();
        seasonal[4 * c] = annual * Math.cos(phaseAnnual);
        seasonal[4 * c + 1] = annual * Math.sin(phaseAnnual);
        seasonal[4 * c + 2] = semi * Math.cos(phaseSemi);
        seasonal[4 * c + 3] = semi * Math.sin(phaseSemi);
      }
    }
    outlierScale = config.outlierSigmaFactor();
    offsetSigma[0] = config.offsetHorizontalMeters();
    offsetSigma[1] = config.offsetHorizontalMeters();
    offsetSigma[2] = config.offsetVerticalMeters();
    double epochsPerYear = TimeUnits.SECONDS_PER_YEAR / samplingSeconds;
    outageRatePerEpoch = enabled ? config.outagesPerYear() / epochsPerYear : 0.0;
    meanOutageEpochs =
        Math.max(1.0, config.meanOutageDays() * TimeUnits.SECONDS_PER_DAY / samplingSeconds);
    outlierProbability = enabled ? config.outlierProbability() : 0.0;
    offsetRatePerEpoch = enabled ? config.offsetsPerYear() / epochsPerYear : 0.0;
    untilOutage = waiting(outageRatePerEpoch);
    untilOutlier = waiting(outlierProbability);
    untilOffset = waiting(offsetRatePerEpoch);
  }

  /**
   * Epochs until the next event of a Poisson process with the given rate per epoch (at least 1).
   */
  private long waiting(double ratePerEpoch) {
    if (ratePerEpoch <= 0.0) {
      return Long.MAX_VALUE;
    }
    double epochs = -Math.log(1.0 - random.nextDouble()) / ratePerEpoch;
    return epochs >= 9e18 ? Long.MAX_VALUE : Math.max(1L, (long) Math.ceil(epochs));
  }

  /** Formal (one-sigma) uncertainty of a component: 0 east, 1 north, 2 up. */
  public double sigma(int component) {
    return sigma[component];
  }

  /**
   * Advances one epoch and writes the noise of east, north and up into {@code out}.
   *
   * @param annualCos cos(2 pi t / year) at this epoch (shared by all stations), and so on
   * @return false when the station has no observation at this epoch (outage)
   */
  public boolean next(
      double annualCos, double annualSin, double semiCos, double semiSin, double[] out) {
    if (!enabled) {
      out[0] = 0.0;
      out[1] = 0.0;
      out[2] = 0.0;
      return true;
    }
    for (int c = 0; c < 3; c++) {
      double value = sigma[c] * random.nextGaussian();
      for (int k = 0; k < processes; k++) {
        int i = 3 * k + c;
        state[i] = rho[k] * state[i] + innovation[i] * random.nextGaussian();
        value += state[i];
      }
      value +=
          seasonal[4 * c] * annualCos
              + seasonal[4 * c + 1] * annualSin
              + seasonal[4 * c + 2] * semiCos
              + seasonal[4 * c + 3] * semiSin;
      out[c] = value;
    }
    if (--untilOffset == 0) {
      for (int c = 0; c < 3; c++) {
        offset[c] += offsetSigma[c] * random.nextGaussian();
      }
      untilOffset = waiting(offsetRatePerEpoch);
    }
    out[0] += offset[0];
    out[1] += offset[1];
    out[2] += offset[2];
    if (--untilOutlier == 0) {
      for (int c = 0; c < 3; c++) {
        out[c] += outlierScale * sigma[c] * random.nextGaussian();
      }
      untilOutlier = waiting(outlierProbability);
    }
    if (outageLeft > 0) {
      outageLeft--;
      return false;
    }
    if (--untilOutage == 0) {
      outageLeft =
          Math.max(1L, Math.round(-Math.log(1.0 - random.nextDouble()) * meanOutageEpochs)) - 1;
      untilOutage = waiting(outageRatePerEpoch);
      return false;
    }
    return true;
  }
}
