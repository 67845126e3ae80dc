package org.asperity.bench.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.asperity.job.JobOptions;
import org.asperity.job.LocalJob;
import org.asperity.job.alerts.AlertPolicy;
import org.asperity.job.metrics.MetricsEndpoint;
import org.asperity.job.scoring.JobModel;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.TopicAdmin;
import org.asperity.kafka.TopicNames;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;
import org.asperity.schemas.wire.Codecs;
import org.asperity.schemas.wire.WireFormatException;
import org.asperity.time.TimeUnits;

/**
 * Latency of the running job on a live-like feed: S stations sampled once per second, each second's
 * samples produced when the wall clock reaches it (epoch = that second), the job unbounded on a
 * MiniCluster. Two consumers measure, for every forecast and every alert, the time from the moment
 * the last observation of its tick was handed to Kafka to the moment the consumer received it:
 * forecasts read uncommitted (at least once), alerts read_committed (visible once their checkpoint
 * completed). Prints p50 and p99 after a warm-up. The model must tick every second (its feature
 * configuration); with the default bounded out-of-orderness a tick closes when the next second
 * arrives, so the run uses a zero bound and the opt-in quiet close.
 *
 * <p>The alert policy acts only on forecasts inside the model's training domain: full long windows
 * and an earthquake seen by the stream (features' {@code TrainingDomain}). So the feed carries a
 * synthetic earthquake (every station steps at once) during the warm-up, and the warm-up must be
 * longer than the model's long window, or no alert is ever issued.
 */
public final class LatencyBenchmark {
  /** What to measure. */
  public record Settings(
      int stations,
      int parallelism,
      Duration duration,
      Duration warmUp,
      Duration checkpointInterval,
      Duration quietClose,
      AlertPolicy alertPolicy,
      Duration earthquakeAt) {
    /**
     * 2,600 stations, parallelism 2, 90 s after a 75 s warm-up (a one-minute long window fills), 5
     * s checkpoints, 100 ms quiet close, the synthetic earthquake 15 s into the feed.
     */
    public static Settings defaults() {
      return new Settings(
          2_600,
          2,
          Duration.ofSeconds(90),
          Duration.ofSeconds(75),
          Duration.ofSeconds(5),
          Duration.ofMillis(100),
          AlertPolicy.defaults(),
          Duration.ofSeconds(15));
    }
  }

  /**
   * The synthetic earthquake: every station 0.5 m west and 0.2 m down (40 sigmas of the up noise).
   */
  static final double[] STEP_EAST_NORTH_UP_METERS = {-0.5, 0.0, -0.2};

  /** What was measured: latencies in milliseconds, sorted. */
  public record Result(
      int stations, Settings settings, List<Long> forecastMillis, List<Long> alertMillis) {
    public void print(PrintStream out) {
      out.printf(
          Locale.ROOT,
          "latency: %,d stations at 1 Hz for %d s (after %d s warm-up), checkpoints every %d s,"
              + " quiet close %d ms%n",
          stations,
          settings.duration().toSeconds(),
          settings.warmUp().toSeconds(),
          settings.checkpointInterval().toSeconds(),
          settings.quietClose().toMillis());
      out.printf(
          Locale.ROOT,
          "  forecasts (%,d): p50 %s ms, p99 %s ms%n",
          forecastMillis.size(),
          percentile(forecastMillis, 0.5),
          percentile(forecastMillis, 0.99));
      out.printf(
          Locale.ROOT,
          "  alerts read_committed (%,d): p50 %s ms, p99 %s ms%n",
          alertMillis.size(),
          percentile(alertMillis, 0.5),
          percentile(alertMillis, 0.99));
      if (alertMillis.isEmpty()) {
        out.printf(
            Locale.ROOT,
            "  no alert measured: forecasts outside the training domain do not alert (is the"
                + " warm-up longer than the model's long window, and does its policy flip on this feed?)%n");
      }
    }
  }

  private LatencyBenchmark() {}

  public static Result run(
      KafkaClientSettings kafka, JobModel model, Settings settings, PrintStream progress)
      throws Exception {
    if (model.featureSpec().config().tickIntervalMicros() != TimeUnits.MICROS_PER_SECOND) {
      throw new IllegalArgumentException(
          "the latency benchmark needs a model that ticks every second, not every "
              + model.featureSpec().config().tickIntervalMicros()
              + " µs");
    }
    String run = "latency-" + System.currentTimeMillis();
    TopicNames topics = TopicNames.ofRun(run);
    try (TopicAdmin admin = TopicAdmin.connect(kafka)) {
      admin.ensureTopics(topics.all(), Duration.ofSeconds(60));
    }
    JobOptions options =
        JobOptions.builder(kafka)
            .topics(topics)
            .groupId(run)
            .startingOffsets(JobOptions.StartingOffsets.EARLIEST)
            .parallelism(settings.parallelism())
            .checkpointInterval(settings.checkpointInterval())
            .maxOutOfOrderness(Duration.ZERO)
            .quietClose(settings.quietClose())
            .watermarkInterval(Duration.ofMillis(20))
            .alertPolicy(settings.alertPolicy())
            .metrics(MetricsEndpoint.disabled())
            .transactionalIdPrefix(run)
            .build();

    Map<Long, Long> lastSentMillisBySecond = new ConcurrentHashMap<>();
    List<Long> forecastLatencies = Collections.synchronizedList(new ArrayList<>());
    List<Long> alertLatencies = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    long measureFromSecond =
        System.currentTimeMillis() / TimeUnits.MILLIS_PER_SECOND
            + 2
            + settings.warmUp().toSeconds();
    Thread forecasts =
        consumer(
            kafka,
            topics.forecasts(),
            false,
            running,
            value -> {
              TtfForecast f = Codecs.TTF_FORECAST.decode(value);
              return f.getWindowEnd().getEpochSecond();
            },
            lastSentMillisBySecond,
            measureFromSecond,
            forecastLatencies);
    Thread alerts =
        consumer(
            kafka,
            topics.alerts(),
            true,
            running,
            value -> {
              TtfAlert a = Codecs.TTF_ALERT.decode(value);
              return a.getIssuedAt().getEpochSecond();
            },
            lastSentMillisBySecond,
            measureFromSecond,
            alertLatencies);

    try (LocalJob job = LocalJob.start(options, model);
        BenchmarkStream stream =
            new BenchmarkStream(
                kafka,
                topics.observations(),
                model.featureSpec().layout(),
                settings.stations(),
                1L)) {
      long first = System.currentTimeMillis() / TimeUnits.MILLIS_PER_SECOND + 2;
      long last = first + settings.warmUp().toSeconds() + settings.duration().toSeconds();
      if (progress != null) {
        progress.printf(
            Locale.ROOT,
            "  producing %,d observations per second for %d s%n",
            stream.stations(),
            last - first);
      }
      long earthquake =
          settings.earthquakeAt() == null
              ? Long.MIN_VALUE
              : first + settings.earthquakeAt().toSeconds();
      for (long second = first; second <= last; second++) {
        long wait = second * TimeUnits.MILLIS_PER_SECOND - System.currentTimeMillis();
        if (wait > 0) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
        }
        if (second == earthquake) {
          stream.step(
              STEP_EAST_NORTH_UP_METERS[0],
              STEP_EAST_NORTH_UP_METERS[1],
              STEP_EAST_NORTH_UP_METERS[2]);
          if (progress != null) {
            progress.printf(
                Locale.ROOT,
                "  synthetic earthquake at second %d: every station steps 0.5 m west,"
                    + " 0.2 m down%n",
                second - first);
          }
        }
        stream.sendEpoch(
            second * TimeUnits.MICROS_PER_SECOND, (second - first) / TimeUnits.SECONDS_PER_YEAR);
        stream.flush();
        lastSentMillisBySecond.put(second, System.currentTimeMillis());
      }
      // Let the last alerts commit.
      Thread.sleep(settings.checkpointInterval().toMillis() + 2_000);
    } finally {
      running.set(false);
      forecasts.join();
      alerts.join();
    }
    List<Long> f = new ArrayList<>(forecastLatencies);
    List<Long> a = new ArrayList<>(alertLatencies);
    Collections.sort(f);
    Collections.sort(a);
    return new Result(settings.stations(), settings, f, a);
  }

  /** The tick (epoch second) a record is about. */
  private interface TickOf {
    long apply(byte[] value) throws WireFormatException;
  }

  private static Thread consumer(
      KafkaClientSettings kafka,
      String topic,
      boolean readCommitted,
      AtomicBoolean running,
      TickOf tickOf,
      Map<Long, Long> lastSent,
      long measureFrom,
      List<Long> latencies) {
    Properties p = kafka.consumer(topic + "-latency", readCommitted);
    p.setProperty("fetch.max.wait.ms", "10");
    Thread t =
        new Thread(
            () -> {
              try (KafkaConsumer<byte[], byte[]> consumer =
                  new KafkaConsumer<>(
                      p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                while (running.get()) {
                  for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    long received = System.currentTimeMillis();
                    long tick = tickOf.apply(r.value());
                    Long sent = lastSent.get(tick);
                    if (sent != null && tick >= measureFrom) {
                      latencies.add(received - sent);
                    }
                  }
                }
              } catch (WireFormatException e) {
                throw new IllegalStateException(e);
              }
            },
            "asperity-bench-" + topic);
    t.setDaemon(true);
    t.start();
    return t;
  }

  static String percentile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return "-";
    }
    int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(q * sorted.size()) - 1));
    return Long.toString(sorted.get(i));
  }
}
