package org.asperity.simulator.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.SlipDeficitSample;
import org.asperity.simulator.AsperityStates;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.EpochObservations;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.Seeds;
import org.asperity.simulator.SimulationConfig;
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.gnss.Station;

/**
 * Writes a simulation to Avro object container files in one directory, one file per stream, records
 * in simulated-time order with all regions interleaved:
 *
 * <ul>
 *   <li>{@value #OBSERVATIONS}: {@code GnssObservation} (present station-epochs only);
 *   <li>{@value #SLIP_DEFICIT}: {@code SlipDeficitSample}, one per asperity and sample epoch;
 *   <li>{@value #EARTHQUAKES}: {@code EarthquakeEvent}.
 * </ul>
 *
 * The files are byte-identical for the same configuration: each file's sync marker is derived from
 * the seed (Avro would otherwise pick a random one) and the metadata holds only the schema, the
 * codec and the preset name and seed.
 */
public final class AvroFileSink implements EpochSink {
  public static final String OBSERVATIONS = "gnss-observations.avro";
  public static final String SLIP_DEFICIT = "slip-deficit.avro";
  public static final String EARTHQUAKES = "earthquakes.avro";
  private static final long FILE_STREAM = 0x46494C45L;
  private static final int BUFFER_BYTES = 1 << 16;

  private final AvroOutputFiles files;
  private final SimulationConfig config;
  private final CodecFactory codec;
  private DataFileWriter<GnssObservationEncoder.Row> observations;
  private DataFileWriter<SlipDeficitSample> slipDeficit;
  private DataFileWriter<EarthquakeEvent> earthquakes;
  private final GnssObservationEncoder.Row row = new GnssObservationEncoder.Row();
  private byte[] encoded;
  private ByteBuffer encodedView;
  private StaticModel model;
  private byte[][] stationCodes;
  private double[] latitudes;
  private double[] longitudes;
  private byte[][] networks;
  private List<String> regionIds;
  private long observationCount;
  private long sampleCount;
  private long earthquakeCount;

  /** Uncompressed files (fastest). */
  public AvroFileSink(Path directory, SimulationConfig config) {
    this(directory, config, CodecFactory.nullCodec());
  }

  public AvroFileSink(Path directory, SimulationConfig config, CodecFactory codec) {
    this(AvroOutputFiles.inDirectory(directory), config, codec);
  }

  public AvroFileSink(AvroOutputFiles files, SimulationConfig config, CodecFactory codec) {
    this.files = files;
    this.config = config;
    this.codec = codec;
  }

  public AvroOutputFiles files() {
    return files;
  }

  @Override
  public void begin(StaticModel staticModel, List<String> ids) throws IOException {
    this.model = staticModel;
    this.regionIds = ids;
    for (Path file : new Path[] {files.observations(), files.slipDeficit(), files.earthquakes()}) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    }
    stationCodes =
        staticModel.stations().stream()
            .map(s -> GnssObservationEncoder.avroString(s.code()))
            .toArray(byte[][]::new);
    networks = ids.stream().map(GnssObservationEncoder::avroString).toArray(byte[][]::new);
    latitudes = staticModel.stations().stream().mapToDouble(Station::latitudeDegrees).toArray();
    longitudes = staticModel.stations().stream().mapToDouble(Station::longitudeDegrees).toArray();
    int longest = 0;
    for (byte[] code : stationCodes) {
      longest = Math.max(longest, code.length);
    }
    for (byte[] network : networks) {
      longest = Math.max(longest, network.length);
    }
    encoded = new byte[2 * longest + GnssObservationEncoder.FIXED_BYTES_MAX];
    encodedView = ByteBuffer.wrap(encoded);
    observations =
        open(
            new GnssObservationEncoder(),
            GnssObservation.getClassSchema(),
            files.observations(),
            1);
    slipDeficit =
        open(
            new SpecificDatumWriter<>(SlipDeficitSample.class),
            SlipDeficitSample.getClassSchema(),
            files.slipDeficit(),
            2);
    earthquakes =
        open(
            new SpecificDatumWriter<>(EarthquakeEvent.class),
            EarthquakeEvent.getClassSchema(),
            files.earthquakes(),
            3);
  }

  private <D> DataFileWriter<D> open(
      org.apache.avro.io.DatumWriter<D> datumWriter, Schema schema, Path file, int stream)
      throws IOException {
    byte[] sync = new byte[16];
    new SplittableRandom(Seeds.derive(config.seed(), FILE_STREAM, stream, 0)).nextBytes(sync);
    DataFileWriter<D> writer = new DataFileWriter<>(datumWriter).setCodec(codec);
    writer.setMeta("asperity.model", config.model().name());
    writer.setMeta("asperity.seed", config.seed());
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES);
    return writer.create(schema, out, sync);
  }

  @Override
  public void observations(int region, long epochMicros, EpochObservations o) throws IOException {
    boolean[] present = o.present();
    double[] east = o.eastMeters();
    double[] north = o.northMeters();
    double[] up = o.upMeters();
    double[] sigmaEast = o.sigmaEastMeters();
    double[] sigmaNorth = o.sigmaNorthMeters();
    double[] sigmaUp = o.sigmaUpMeters();
    row.network = networks[region];
    row.epochMicros = epochMicros;
    for (int s = 0; s < present.length; s++) {
      if (!present[s]) {
        continue;
      }
      row.station = stationCodes[s];
      row.east = east[s];
      row.north = north[s];
      row.up = up[s];
      row.sigmaEast = sigmaEast[s];
      row.sigmaNorth = sigmaNorth[s];
      row.sigmaUp = sigmaUp[s];
      row.latitude = latitudes[s];
      row.longitude = longitudes[s];
      encodedView.clear().limit(GnssObservationEncoder.encode(row, encoded));
      observations.appendEncoded(encodedView);
      observationCount++;
    }
  }

  @Override
  public void asperityStates(int region, long epochMicros, AsperityStates states)
      throws IOException {
    for (int a = 0; a < states.asperityCount(); a++) {
      slipDeficit.append(
          AvroRecords.slipDeficitSample(model, regionIds.get(region), a, epochMicros, states));
      sampleCount++;
    }
  }

  @Override
  public void earthquake(Earthquake earthquake) throws IOException {
    earthquakes.append(AvroRecords.earthquakeEvent(earthquake));
    earthquakeCount++;
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (DataFileWriter<?> writer :
        new DataFileWriter<?>[] {observations, slipDeficit, earthquakes}) {
      if (writer == null) {
        continue;
      }
      try {
        writer.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    observations = null;
    slipDeficit = null;
    earthquakes = null;
    if (failure != null) {
      throw failure;
    }
  }

  public long observationsWritten() {
    return observationCount;
  }

  public long slipDeficitSamplesWritten() {
    return sampleCount;
  }

  public long earthquakesWritten() {
    return earthquakeCount;
  }
}
