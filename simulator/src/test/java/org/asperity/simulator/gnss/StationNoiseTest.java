package org.asperity.simulator.gnss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StationNoiseTest {
  private static final double DAY = 86400.0;
  private static final NoiseConfig DAILY = NoiseConfig.defaultsFor(Duration.ofDays(1));

  @Test
  void defaultsScaleWithTheSamplingInterval() {
    assertEquals(0.001, DAILY.whiteHorizontalMeters(), 1e-12);
    assertEquals(0.0035, DAILY.whiteVerticalMeters(), 1e-12);
    NoiseConfig highRate = NoiseConfig.defaultsFor(Duration.ofSeconds(1));
    assertEquals(0.010, highRate.whiteHorizontalMeters(), 1e-12);
    assertEquals(0.030, highRate.whiteVerticalMeters(), 1e-12);
    NoiseConfig fiveMinutes = NoiseConfig.defaultsFor(Duration.ofMinutes(5));
    assertTrue(
        fiveMinutes.whiteHorizontalMeters() > 0.001 && fiveMinutes.whiteHorizontalMeters() < 0.010);
    assertTrue(
        NoiseConfig.noiseFree(Duration.ofDays(1)).whiteHorizontalMeters() > 0,
        "formal sigmas stay");
  }

  @Test
  void whiteNoiseHasTheFormalSigma() {
    for (int station = 0; station < 5; station++) {
      StationNoise noise = new StationNoise(DAILY.whiteOnly(), DAY, new SplittableRandom(station));
      double[] out = new double[3];
      double[] sum = new double[3];
      int n = 40_000;
      for (int i = 0; i < n; i++) {
        assertTrue(noise.next(1, 0, 1, 0, out));
        for (int c = 0; c < 3; c++) {
          sum[c] += out[c] * out[c];
        }
      }
      for (int c = 0; c < 3; c++) {
        double nominal = c == 2 ? 0.0035 : 0.001;
        assertTrue(noise.sigma(c) >= 0.8 * nominal && noise.sigma(c) <= 1.2 * nominal);
        assertEquals(noise.sigma(c), Math.sqrt(sum[c] / n), 0.02 * noise.sigma(c));
      }
    }
  }

  /** The flicker part has a power-law spectrum of slope -1 between 10 days and 3 years. */
  @Test
  void flickerSpectrumFallsAsOneOverFrequency() {
    NoiseConfig flickerOnly =
        new NoiseConfig(true, 1e-9, 1e-9, 0.001, 0.003, 30.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    int n = 1 << 15;
    int bins = 12;
    double lowest = 1.0 / 1000.0;
    double highest = 1.0 / 10.0;
    double[] logPower = new double[bins];
    int[] counts = new int[bins];
    for (int station = 0; station < 8; station++) {
      StationNoise noise = new StationNoise(flickerOnly, DAY, new SplittableRandom(100 + station));
      double[][] series = new double[3][n];
      double[] out = new double[3];
      for (int i = 0; i < n; i++) {
        noise.next(1, 0, 1, 0, out);
        for (int c = 0; c < 3; c++) {
          series[c][i] = out[c];
        }
      }
      for (int c = 0; c < 3; c++) {
        double[] power = Periodogram.power(series[c]);
        for (int k = 1; k < n / 2; k++) {
          double f = (double) k / n; // cycles per day
          if (f < lowest || f > highest) {
            continue;
          }
          int bin = (int) (bins * Math.log(f / lowest) / Math.log(highest / lowest));
          bin = Math.min(bins - 1, bin);
          logPower[bin] += Math.log10(power[k] / (c == 2 ? 9.0 : 1.0));
          counts[bin]++;
        }
      }
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int b = 0; b < bins; b++) {
      double x = Math.log10(lowest) + (b + 0.5) * Math.log10(highest / lowest) / bins;
      double y = logPower[b] / counts[b];
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double slope = (bins * sxy - sx * sy) / (bins * sxx - sx * sx);
    assertEquals(-1.0, slope, 0.15);
  }

  @Test
  void outagesOutliersAndOffsetsOccurAtTheirRates() {
    int stations = 20;
    int epochs = 36_524; // 100 years of daily solutions
    long missing = 0;
    long outliers = 0;
    long steps = 0;
    NoiseConfig gaps =
        new NoiseConfig(true, 1e-9, 1e-9, 0, 0, 30, 0, 0, 0, 2.0, 5.0, 0, 0, 0, 0, 0);
    NoiseConfig spikes =
        new NoiseConfig(true, 0.001, 0.001, 0, 0, 30, 0, 0, 0, 0, 0, 1e-3, 100.0, 0, 0, 0);
    NoiseConfig offsets =
        new NoiseConfig(true, 1e-12, 1e-12, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.005, 0.01);
    double[] out = new double[3];
    for (int s = 0; s < stations; s++) {
      StationNoise a = new StationNoise(gaps, DAY, new SplittableRandom(s));
      StationNoise b = new StationNoise(spikes, DAY, new SplittableRandom(1000 + s));
      StationNoise c = new StationNoise(offsets, DAY, new SplittableRandom(2000 + s));
      double previous = 0.0;
      for (int i = 0; i < epochs; i++) {
        if (!a.next(1, 0, 1, 0, out)) {
          missing++;
        }
        b.next(1, 0, 1, 0, out);
        if (Math.abs(out[0]) > 0.006 || Math.abs(out[1]) > 0.006 || Math.abs(out[2]) > 0.006) {
          outliers++;
        }
        c.next(1, 0, 1, 0, out);
        if (Math.abs(out[0] - previous) > 1e-9) {
          steps++;
        }
        previous = out[0];
      }
    }
    double total = (double) stations * epochs;
    double outageFraction = 10.0 / (365.25 + 10.0); // 2 per year of 5 days each
    assertEquals(outageFraction, missing / total, 0.25 * outageFraction);
    assertEquals(1e-3 * total, outliers, 0.15 * 1e-3 * total);
    assertEquals(0.1 * 100 * stations, steps, 0.25 * 0.1 * 100 * stations);
  }

  @Test
  void noiseFreeStationAddsNothing() {
    StationNoise noise =
        new StationNoise(NoiseConfig.noiseFree(Duration.ofDays(1)), DAY, new SplittableRandom(1));
    double[] out = {1, 1, 1};
    for (int i = 0; i < 1000; i++) {
      assertTrue(noise.next(0.3, 0.5, 0.1, 0.2, out));
      assertEquals(0.0, out[0] + out[1] + out[2]);
    }
  }

  /** Power spectrum of a real series by a radix-2 FFT (length a power of two). */
  static final class Periodogram {
    static double[] power(double[] x) {
      int n = x.length;
      double[] re = x.clone();
      double[] im = new double[n];
      for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
          j ^= bit;
        }
        j ^= bit;
        if (i < j) {
          double t = re[i];
          re[i] = re[j];
          re[j] = t;
        }
      }
      for (int len = 2; len <= n; len <<= 1) {
        double angle = -2 * Math.PI / len;
        for (int start = 0; start < n; start += len) {
          for (int k = 0; k < len / 2; k++) {
            double wr = Math.cos(angle * k);
            double wi = Math.sin(angle * k);
            int a = start + k;
            int b = a + len / 2;
            double xr = re[b] * wr - im[b] * wi;
            double xi = re[b] * wi + im[b] * wr;
            re[b] = re[a] - xr;
            im[b] = im[a] - xi;
            re[a] += xr;
            im[a] += xi;
          }
        }
      }
      double[] power = new double[n / 2];
      for (int k = 0; k < n / 2; k++) {
        power[k] = re[k] * re[k] + im[k] * im[k];
      }
      return power;
    }
  }
}
