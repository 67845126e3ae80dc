package org.asperity.job.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.asperity.features.RegionLayout;
import org.asperity.job.types.Micros;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.time.TimeUnits;

/**
 * Daily GNSS observations of every station of a {@link RegionLayout} in several networks: steady
 * landward motion and uplift that differ by station, white noise, a missing day now and then, and
 * one coseismic step. Seeded; epoch-major order (every station of every network for a day, then the
 * next day), as a producer of a real network writes them.
 */
public final class SyntheticStream {
  /** 2020-01-01T00:00:00Z, a tick boundary of daily ticks. */
  public static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

  public static final long DAY_MICROS = TimeUnits.MICROS_PER_DAY;

  private SyntheticStream() {}

  public static long startMicros() {
    return Micros.of(START);
  }

  /** {@code days} days of the layout's stations in each of {@code networks}. */
  public static List<GnssObservation> generate(
      RegionLayout layout, List<String> networks, int days, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = layout.stationCount();
    double[][] velocity = new double[networks.size() * n][3];
    for (double[] v : velocity) {
      v[0] = 0.02 + 0.01 * random.nextDouble();
      v[1] = 0.005 * random.nextDouble();
      v[2] = 0.002 * (random.nextDouble() - 0.5);
    }
    int stepDay = days / 2;
    List<GnssObservation> out = new ArrayList<>(networks.size() * n * days);
    for (int d = 0; d < days; d++) {
      double years = d / TimeUnits.DAYS_PER_YEAR;
      for (int net = 0; net < networks.size(); net++) {
        for (int s = 0; s < n; s++) {
          if (random.nextDouble() < 0.03) {
            continue;
          }
          double[] v = velocity[net * n + s];
          double step = d >= stepDay && layout.stations().get(s).coastal() ? -0.3 : 0.0;
          out.add(
              observation(
                  networks.get(net),
                  layout.stations().get(s).code(),
                  d,
                  v[0] * years + step + 0.002 * random.nextGaussian(),
                  v[1] * years + 0.002 * random.nextGaussian(),
                  v[2] * years - step / 3 + 0.005 * random.nextGaussian()));
        }
      }
    }
    return out;
  }

  /** One observation on day {@code day} after {@link #START}. */
  public static GnssObservation observation(
      String network, String station, int day, double east, double north, double up) {
    return GnssObservation.newBuilder()
        .setNetwork(network)
        .setStation(station)
        .setEpoch(START.plusSeconds(TimeUnits.SECONDS_PER_DAY * day))
        .setEastMeters(east)
        .setNorthMeters(north)
        .setUpMeters(up)
        .setSigmaEastMeters(0.002)
        .setSigmaNorthMeters(0.002)
        .setSigmaUpMeters(0.005)
        .setSource(ObservationSource.SIMULATED)
        .setLatitudeDegrees(-36.0)
        .setLongitudeDegrees(-73.0)
        .build();
  }
}
