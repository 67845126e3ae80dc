package org.asperity.job.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionLayout;
import org.asperity.job.LocalJob;
import org.asperity.job.testing.JobRuns;
import org.asperity.job.testing.OfflineReference;
import org.asperity.job.testing.SyntheticStream;
import org.asperity.job.testing.TestKafka;
import org.asperity.job.testing.TestModels;
import org.asperity.job.testing.TestRegion;
import org.asperity.job.types.Micros;
import org.asperity.kafka.TopicNames;
import org.asperity.kafka.embedded.EmbeddedKafkaBroker;
import org.asperity.kafka.embedded.EmbeddedKafkaExtension;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.TtfForecast;
import org.asperity.schemas.wire.Codecs;
import org.asperity.time.TimeUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Any rate in, the model's rate out: one simulated deformation streamed twice into one job, as
 * daily positions (network {@code daily}) and as a real-time feed (network {@code realtime}) at 5
 * minutes, with three days at 30 s and then a day at 1 Hz (one coastal station) and 30 s (the
 * others), inside the training domain. The job's forecasts of both networks are the same at the
 * same ticks.
 *
 * <p>The deformation: per-station secular motion, a coseismic step on the coast (so an earthquake
 * is seen and later ticks lie in the training domain), a daily error common to the day (what a
 * daily solution's error is made of) and, in the real-time feed, sub-daily scatter of up to 5 mm
 * drawn in pairs of opposite sign (so the true median of a day is the daily position, up to the
 * motion within the day). Each real-time sample's sigma is the daily one times &radic;(288 /
 * (&pi;/2)), which the estimator's propagation brings back to the daily sigma. Only one station-day
 * of 1 Hz keeps the run short (about 0.3 M observations).
 *
 * <p>Tolerance: forecasts in the training domain are compared to 1e-6 days and magnitudes to 1e-6
 * (outside it, the ticks and whether there is a caveat); the test model is piecewise constant in
 * the coast's short-window rate, with its threshold set in the widest gap between the rates of the
 * compared ticks, so a correct aggregation gives equal forecasts and a wrong one (no aggregation, a
 * mean pulled by the outliers, a lost day) flips some.
 */
class AnySamplingRateIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

  private static final RegionLayout LAYOUT = TestRegion.layout(3, 3, 7);
  private static final FeatureConfig CONFIG = TestRegion.CONFIG;
  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final long DAY = SyntheticStream.DAY_MICROS;
  private static final long SECOND = 1_000_000L;
  private static final int DAYS = 82;
  private static final int STEP_DAY = 64;
  private static final int ONE_HERTZ_DAY = 77;
  private static final String ONE_HERTZ_STATION = "C001";
  private static final int FIRST_THIRTY_SECOND_DAY = 74;
  private static final int LAST_THIRTY_SECOND_DAY = 76;
  private static final double[] DAILY_SIGMAS = {0.002, 0.002, 0.005};
  private static final double SIGMA_SCALE = Math.sqrt(288 / (Math.PI / 2));

  /** Tick of day {@code d}: its interval is (tick - 1 day, tick]. */
  private static long tick(int d) {
    return SyntheticStream.startMicros() + (d + 1) * DAY;
  }

  private static long samplingMicros(int d, String station) {
    if (d == ONE_HERTZ_DAY && station.equals(ONE_HERTZ_STATION)) {
      return SECOND;
    }
    return d >= FIRST_THIRTY_SECOND_DAY && d <= ONE_HERTZ_DAY ? 30 * SECOND : 300 * SECOND;
  }

  @Test
  void aOneHertzThirtySecondAndFiveMinuteFeedForecastsAsTheDailyOne(EmbeddedKafkaBroker broker)
      throws Exception {
    List<GnssObservation> daily = new ArrayList<>();
    List<GnssObservation> realtime = new ArrayList<>();
    simulate(daily, realtime);

    // A model whose forecast turns on the coast's short-window rate, split where the daily
    // stream's compared ticks leave the widest gap.
    FeatureSchema schema = FeatureSchema.of(CONFIG, LAYOUT);
    int rate =
        schema.indexOf("coast.w" + CONFIG.shortWindowSamples() + ".rateTrenchNormal.mean.mmPerYr");
    List<FeatureVector> offline = OfflineReference.features(LAYOUT, CONFIG, daily).get("daily");
    double[] rates =
        offline.stream()
            .filter(v -> v.tickMicros() > tick(STEP_DAY + CONFIG.shortWindowSamples()))
            .mapToDouble(v -> v.value(rate))
            .filter(Double::isFinite)
            .sorted()
            .toArray();
    float threshold = widestGapMidpoint(rates);
    double margin = Arrays.stream(rates).map(r -> Math.abs(r - threshold)).min().orElseThrow();
    assertTrue(margin > 5, "the threshold lies " + margin + " mm/yr from the nearest rate");
    byte[] model = TestModels.rateSensitive(LAYOUT, CONFIG, "rates", threshold);

    TestKafka kafka = new TestKafka(broker);
    TestKafka.createTopics(broker, TOPICS, 2);
    List<GnssObservation> all = new ArrayList<>(daily.size() + realtime.size());
    all.addAll(daily);
    all.addAll(realtime);
    all.sort(Comparator.comparing(GnssObservation::getEpoch));
    List<TestKafka.Outgoing> records = new ArrayList<>(all.size());
    for (GnssObservation o : all) {
      records.add(
          new TestKafka.Outgoing(
              TOPICS.observations(),
              (o.getNetwork() + "/" + o.getStation()).getBytes(),
              Codecs.GNSS_OBSERVATION.encode(o)));
    }
    kafka.write(records);
    try (LocalJob job =
        LocalJob.start(JobRuns.boundedReplay(kafka).build(), TestModels.jobModel(model))) {
      job.awaitCompletion(Duration.ofMinutes(3));
    }

    Map<String, TreeMap<Long, TtfForecast>> forecasts =
        JobRuns.forecasts(kafka, TOPICS.forecasts());
    TreeMap<Long, TtfForecast> byDay = forecasts.get("daily");
    TreeMap<Long, TtfForecast> byFeed = forecasts.get("realtime");
    assertNotNull(byFeed, "the real-time network has forecasts");
    assertEquals(byDay.keySet(), byFeed.keySet(), "forecasts at the same ticks");
    int inDomain = 0;
    boolean[] leaves = new boolean[2];
    for (Map.Entry<Long, TtfForecast> e : byDay.entrySet()) {
      TtfForecast d = e.getValue();
      TtfForecast f = byFeed.get(e.getKey());
      String at = Micros.toInstant(e.getKey()).toString();
      // Caveats name days since the event from the sample epochs: a daily solution's noon and
      // the feed's mean epoch (noon plus half its sampling interval) differ by seconds.
      assertEquals(d.getCaveat() == null, f.getCaveat() == null, at);
      assertEquals(d.getStationsUsed(), f.getStationsUsed(), at);
      if (d.getCaveat() != null) {
        // Outside the domain the rate may sit anywhere, on the model's threshold too.
        continue;
      }
      assertEquals(d.getTtfP10Days(), f.getTtfP10Days(), 1e-6, at);
      assertEquals(d.getTtfP50Days(), f.getTtfP50Days(), 1e-6, at);
      assertEquals(d.getTtfP90Days(), f.getTtfP90Days(), 1e-6, at);
      assertEquals(d.getMomentMagnitude(), f.getMomentMagnitude(), 1e-6, at);
      inDomain++;
      leaves[d.getTtfP50Days() < 300 ? 0 : 1] = true;
    }
    assertTrue(inDomain >= 8, "compared in the training domain at " + inDomain + " ticks");
    assertTrue(leaves[0] && leaves[1], "the forecasts change with the data");
    for (int d : new int[] {FIRST_THIRTY_SECOND_DAY, LAST_THIRTY_SECOND_DAY, ONE_HERTZ_DAY}) {
      assertNull(byFeed.get(tick(d)).getCaveat(), "day " + d + " is in the training domain");
    }
  }

  private static float widestGapMidpoint(double[] sorted) {
    int best = sorted.length / 2;
    double gap = -1;
    // Among the middle half, so that both sides keep ticks.
    for (int i = sorted.length / 4; i + 1 < sorted.length - sorted.length / 4; i++) {
      if (sorted[i + 1] - sorted[i] > gap) {
        gap = sorted[i + 1] - sorted[i];
        best = i;
      }
    }
    return (float) ((sorted[best] + sorted[best + 1]) / 2);
  }

  /** Both streams of the one deformation. */
  private static void simulate(List<GnssObservation> daily, List<GnssObservation> realtime) {
    SplittableRandom random = new SplittableRandom(15);
    int n = LAYOUT.stationCount();
    for (int s = 0; s < n; s++) {
      RegionLayout.Station station = LAYOUT.stations().get(s);
      double[] velocity = {
        0.02 + 0.01 * random.nextDouble(),
        0.005 * random.nextDouble(),
        0.002 * random.nextGaussian()
      };
      for (int d = 0; d < DAYS; d++) {
        double[] dayError = {
          0.002 * random.nextGaussian(),
          0.002 * random.nextGaussian(),
          0.005 * random.nextGaussian()
        };
        boolean missing = random.nextDouble() < 0.03;
        long start = tick(d) - DAY;
        double step = d >= STEP_DAY && station.coastal() ? -0.3 : 0.0;
        if (missing) {
          continue;
        }
        daily.add(
            observation(
                "daily", station.code(), start + DAY / 2, velocity, step, dayError, 0, 1.0));
        long every = samplingMicros(d, station.code());
        int samples = (int) (DAY / every);
        double[] scatter = new double[samples];
        for (int k = 0; k + 1 < samples; k += 2) {
          scatter[k] = 0.005 * random.nextDouble();
          scatter[k + 1] = -scatter[k];
        }
        shuffle(scatter, random);
        for (int k = 0; k < samples; k++) {
          realtime.add(
              observation(
                  "realtime",
                  station.code(),
                  start + (k + 1) * every,
                  velocity,
                  step,
                  dayError,
                  scatter[k],
                  SIGMA_SCALE));
        }
      }
    }
  }

  private static void shuffle(double[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  private static GnssObservation observation(
      String network,
      String station,
      long epochMicros,
      double[] velocity,
      double step,
      double[] dayError,
      double scatter,
      double sigmaScale) {
    double years =
        (epochMicros - SyntheticStream.startMicros()) / (double) DAY / TimeUnits.DAYS_PER_YEAR;
    return GnssObservation.newBuilder()
        .setNetwork(network)
        .setStation(station)
        .setEpoch(Micros.toInstant(epochMicros))
        .setEastMeters(velocity[0] * years + step + dayError[0] + scatter)
        .setNorthMeters(velocity[1] * years + dayError[1] - scatter)
        .setUpMeters(velocity[2] * years - step / 3 + dayError[2] + 2 * scatter)
        .setSigmaEastMeters(DAILY_SIGMAS[0] * sigmaScale)
        .setSigmaNorthMeters(DAILY_SIGMAS[1] * sigmaScale)
        .setSigmaUpMeters(DAILY_SIGMAS[2] * sigmaScale)
        .setSource(ObservationSource.SIMULATED)
        .build();
  }
}
