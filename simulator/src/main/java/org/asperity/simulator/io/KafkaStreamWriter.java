package org.asperity.simulator.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.asperity.kafka.KafkaClientSettings;
import org.asperity.kafka.KafkaErrors;
import org.asperity.kafka.ObservationProducers;
import org.asperity.kafka.StationKey;
import org.asperity.kafka.TopicNames;
import org.asperity.schemas.wire.Codecs;
import org.asperity.simulator.AsperityStates;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.EpochObservations;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.gnss.Station;

/**
 * Publishes a simulation to Kafka, values in Avro single-object encoding:
 *
 * <ul>
 *   <li>{@code GnssObservation} to the observations topic, key {@code network/station} ({@link
 *       StationKey});
 *   <li>{@code SlipDeficitSample} to the slip-deficit topic, key {@code region/asperity};
 *   <li>{@code EarthquakeEvent} to the catalog topic, key the region.
 * </ul>
 *
 * The producer takes {@link ObservationProducers}' defaults under the operator's client properties;
 * the serializers are fixed. Observations are encoded straight from the arrays (header + {@link
 * GnssObservationEncoder} body, the bytes {@code Codecs.GNSS_OBSERVATION} would produce). Sends are
 * asynchronous: the first failed send is reported by the next call (or by {@link #close}) as an
 * {@link IOException}.
 */
public final class KafkaStreamWriter implements EpochSink {
  private static final int HEADER_BYTES = 10;

  private final Producer<byte[], byte[]> producer;
  private final TopicNames topics;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Callback callback =
      (metadata, exception) -> {
        if (exception != null) {
          failure.compareAndSet(null, exception);
        }
      };
  private final GnssObservationEncoder.Row row = new GnssObservationEncoder.Row();
  private final byte[] header;
  private byte[] scratch;
  private StaticModel model;
  private List<String> regionIds;
  private byte[][][] stationKeys;
  private byte[][] stationCodes;
  private byte[][] networks;
  private double[] latitudes;
  private double[] longitudes;
  private long sent;

  /** A writer with its own producer built from the settings. */
  public KafkaStreamWriter(KafkaClientSettings settings, TopicNames topics) {
    this(
        new KafkaProducer<>(
            ObservationProducers.properties(settings),
            new ByteArraySerializer(),
            new ByteArraySerializer()),
        topics);
  }

  /** A writer on a given producer (closed with the writer). */
  public KafkaStreamWriter(Producer<byte[], byte[]> producer, TopicNames topics) {
    this.producer = producer;
    this.topics = topics;
    this.header =
        ByteBuffer.allocate(HEADER_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put((byte) 0xC3)
            .put((byte) 0x01)
            .putLong(Codecs.GNSS_OBSERVATION.currentFingerprint())
            .array();
  }

  @Override
  public void begin(StaticModel staticModel, List<String> ids) {
    this.model = staticModel;
    this.regionIds = List.copyOf(ids);
    List<Station> stations = staticModel.stations();
    stationKeys = new byte[ids.size()][stations.size()][];
    for (int r = 0; r < ids.size(); r++) {
      for (Station s : stations) {
        stationKeys[r][s.index()] = new StationKey(ids.get(r), s.code()).toBytes();
      }
    }
    stationCodes =
        stations.stream()
            .map(s -> GnssObservationEncoder.avroString(s.code()))
            .toArray(byte[][]::new);
    networks = ids.stream().map(GnssObservationEncoder::avroString).toArray(byte[][]::new);
    latitudes = stations.stream().mapToDouble(Station::latitudeDegrees).toArray();
    longitudes = stations.stream().mapToDouble(Station::longitudeDegrees).toArray();
    int longest = 0;
    for (byte[] b : stationCodes) {
      longest = Math.max(longest, b.length);
    }
    for (byte[] b : networks) {
      longest = Math.max(longest, b.length);
    }
    scratch = new byte[2 * longest + GnssObservationEncoder.FIXED_BYTES_MAX];
  }

  @Override
  public void observations(int region, long epochMicros, EpochObservations o) throws IOException {
    checkFailure();
    boolean[] present = o.present();
    row.network = networks[region];
    row.epochMicros = epochMicros;
    for (int s = 0; s < present.length; s++) {
      if (!present[s]) {
        continue;
      }
      row.station = stationCodes[s];
      row.east = o.eastMeters()[s];
      row.north = o.northMeters()[s];
      row.up = o.upMeters()[s];
      row.sigmaEast = o.sigmaEastMeters()[s];
      row.sigmaNorth = o.sigmaNorthMeters()[s];
      row.sigmaUp = o.sigmaUpMeters()[s];
      row.latitude = latitudes[s];
      row.longitude = longitudes[s];
      int length = GnssObservationEncoder.encode(row, scratch);
      byte[] value = new byte[HEADER_BYTES + length];
      System.arraycopy(header, 0, value, 0, HEADER_BYTES);
      System.arraycopy(scratch, 0, value, HEADER_BYTES, length);
      send(topics.observations(), stationKeys[region][s], value);
    }
  }

  @Override
  public void asperityStates(int region, long epochMicros, AsperityStates states)
      throws IOException {
    checkFailure();
    String id = regionIds.get(region);
    for (int a = 0; a < states.asperityCount(); a++) {
      byte[] value =
          Codecs.SLIP_DEFICIT_SAMPLE.encode(
              AvroRecords.slipDeficitSample(model, id, a, epochMicros, states));
      send(
          topics.slipDeficit(),
          (id + "/" + model.asperities().get(a).name()).getBytes(StandardCharsets.UTF_8),
          value);
    }
  }

  @Override
  public void earthquake(Earthquake earthquake) throws IOException {
    checkFailure();
    send(
        topics.catalogEvents(),
        earthquake.regionId().getBytes(StandardCharsets.UTF_8),
        Codecs.EARTHQUAKE_EVENT.encode(AvroRecords.earthquakeEvent(earthquake)));
  }

  private void send(String topic, byte[] key, byte[] value) throws IOException {
    try {
      producer.send(new ProducerRecord<>(topic, key, value), callback);
      sent++;
    } catch (RuntimeException e) {
      throw new IOException("cannot send to " + topic + ": " + KafkaErrors.describe(e), e);
    }
  }

  /** Records handed to the producer so far. */
  public long recordsSent() {
    return sent;
  }

  /** Waits until every record sent so far is acknowledged. */
  public void flush() throws IOException {
    producer.flush();
    checkFailure();
  }

  private void checkFailure() throws IOException {
    Exception e = failure.get();
    if (e != null) {
      throw new IOException(
          "a record could not be written to Kafka: " + KafkaErrors.describe(e), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      producer.flush();
    } finally {
      producer.close();
    }
    checkFailure();
  }
}
