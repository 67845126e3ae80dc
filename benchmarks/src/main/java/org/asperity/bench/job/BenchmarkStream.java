package org.asperity.bench.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.features.RegionLayout;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.StationKey;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.ObservationSource;
import org.asperity.schemas.wire.Codecs;
import org.asperity.time.TimeUnits;

/**
 * Synthetic GNSS observations for the benchmarks: every station of a layout in each of several
 * networks ({@code bench-00}, {@code bench-01}, ...), one sample per station and epoch, steady
 * motion plus white noise, seeded, and the coseismic steps {@link #step} adds. Written epoch by
 * epoch (every station of an epoch, then the next) with a batching, lz4-compressing producer, keyed
 * by station like any feed.
 */
public final class BenchmarkStream implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final List<String> codes;
  private final byte[][] keys;
  private final String[] networks;
  private final double[] velocity;
  private final SplittableRandom random;
  private final GnssObservation record = new GnssObservation();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private long sent;
  private double malformedFraction;
  private SplittableRandom malformedRandom;
  private long malformedSent;
  private double stepEastMeters;
  private double stepNorthMeters;
  private double stepUpMeters;

  /**
   * @param stations how many stations in all; the layout's stations are repeated over as many
   *     networks as needed (the last network may be partial)
   */
  public BenchmarkStream(
      KafkaClientSettings kafka, String topic, RegionLayout layout, int stations, long seed) {
    Properties p =
        kafka.producer(
            Map.of(
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, "10",
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024),
                ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024)));
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    int perNetwork = layout.stationCount();
    this.codes = new ArrayList<>();
    this.networks = new String[stations];
    this.keys = new byte[stations][];
    for (int s = 0; s < stations; s++) {
      String code = layout.stations().get(s % perNetwork).code();
      networks[s] = String.format("bench-%02d", s / perNetwork);
      codes.add(code);
      keys[s] = new StationKey(networks[s], code).toBytes();
    }
    this.random = new SplittableRandom(seed);
    this.velocity = new double[3 * stations];
    for (int i = 0; i < velocity.length; i++) {
      velocity[i] = 0.02 * (random.nextDouble() - 0.3);
    }
    record.setSource(ObservationSource.SIMULATED);
    record.setSigmaEastMeters(0.002);
    record.setSigmaNorthMeters(0.002);
    record.setSigmaUpMeters(0.005);
  }

  /**
   * From now on, after each observation, a malformed record with probability {@code percent} / 100,
   * in turn random bytes, a truncated observation and one with an unknown schema fingerprint, under
   * the observation's key: what a broken receiver writes. Seeded, so two runs mix alike.
   */
  public BenchmarkStream mixMalformed(double percent, long seed) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("malformed percent must be in 0..100: " + percent);
    }
    this.malformedFraction = percent / 100;
    this.malformedRandom = new SplittableRandom(seed);
    return this;
  }

  /** Number of stations per epoch. */
  public int stations() {
    return keys.length;
  }

  /** The networks written to, in order. */
  public List<String> networks() {
    List<String> out = new ArrayList<>();
    for (String n : networks) {
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * A coseismic step at every station from the next epoch on: an earthquake the job's features
   * detect (a persistent jump of many sigmas at every station at once).
   */
  public void step(double eastMeters, double northMeters, double upMeters) {
    stepEastMeters += eastMeters;
    stepNorthMeters += northMeters;
    stepUpMeters += upMeters;
  }

  /**
   * Sends every station's sample at {@code epochMicros} ({@code years} after the start, for the
   * motion).
   */
  public void sendEpoch(long epochMicros, double years) {
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("the benchmark producer failed", e);
    }
    record.setEpoch(
        Instant.ofEpochSecond(
            Math.floorDiv(epochMicros, TimeUnits.MICROS_PER_SECOND),
            Math.floorMod(epochMicros, TimeUnits.MICROS_PER_SECOND) * TimeUnits.NANOS_PER_MICRO));
    for (int s = 0; s < keys.length; s++) {
      record.setNetwork(networks[s]);
      record.setStation(codes.get(s));
      record.setEastMeters(
          velocity[3 * s] * years + stepEastMeters + 0.002 * random.nextGaussian());
      record.setNorthMeters(
          velocity[3 * s + 1] * years + stepNorthMeters + 0.002 * random.nextGaussian());
      record.setUpMeters(
          velocity[3 * s + 2] * years + stepUpMeters + 0.005 * random.nextGaussian());
      byte[] value = Codecs.GNSS_OBSERVATION.encode(record);
      send(keys[s], value);
      sent++;
      if (malformedFraction > 0 && malformedRandom.nextDouble() < malformedFraction) {
        send(keys[s], malformed(value));
        malformedSent++;
      }
    }
  }

  private void send(byte[] key, byte[] value) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (m, x) -> {
          if (x != null) {
            failure.compareAndSet(null, x);
          }
        });
  }

  /** A malformed variant of a valid encoding, of the kind {@code malformedSent} selects. */
  private byte[] malformed(byte[] valid) {
    return switch ((int) (malformedSent % 3)) {
      case 0 -> {
        byte[] noise = new byte[1 + malformedRandom.nextInt(2 * valid.length)];
        malformedRandom.nextBytes(noise);
        yield noise;
      }
      case 1 -> Arrays.copyOf(valid, 1 + malformedRandom.nextInt(valid.length - 1));
      default -> {
        // Bytes 2..9 are the writer schema's fingerprint: flip one bit of it.
        byte[] other = valid.clone();
        other[2 + malformedRandom.nextInt(8)] ^= (byte) (1 << malformedRandom.nextInt(8));
        yield other;
      }
    };
  }

  /** Valid observations sent. */
  public long sent() {
    return sent;
  }

  /** Malformed records sent besides them. */
  public long malformedSent() {
    return malformedSent;
  }

  public void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("the benchmark producer failed", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
