package org.asperity.simulator.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.asperity.simulator.Earthquake;
import org.asperity.simulator.EpochObservations;
import org.asperity.simulator.EpochSink;
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.gnss.Station;
import org.asperity.simulator.physics.Asperity;
import org.asperity.time.TimeUnits;

/**
 * Keeps what the report draws for one region: its earthquakes and the east/north/up series of a few
 * stations, thinned to at most {@code maxPoints} per series (the stride doubles when full).
 */
public final class ReportCollector implements EpochSink {
  private final int region;
  private final int maxPoints;
  private final List<Earthquake> earthquakes = new ArrayList<>();
  private final List<Buffer> buffers = new ArrayList<>();
  private int[] stations;
  private long startMicros = Long.MIN_VALUE;
  private long epoch;
  private long stride = 1;

  /** A station's series: time (years since the first epoch) and E/N/U (m), NaN in gaps. */
  public record Series(
      Station station, double[] years, double[] east, double[] north, double[] up) {
    public int size() {
      return years.length;
    }
  }

  private static final class Buffer {
    final Station station;
    final double[] years;
    final double[] east;
    final double[] north;
    final double[] up;
    int size;

    Buffer(Station station, int capacity) {
      this.station = station;
      years = new double[capacity];
      east = new double[capacity];
      north = new double[capacity];
      up = new double[capacity];
    }
  }

  public ReportCollector(int region, int maxPoints) {
    this.region = region;
    this.maxPoints = Math.max(16, maxPoints);
  }

  /** Region 0, 4000 points per series. */
  public ReportCollector() {
    this(0, 4000);
  }

  @Override
  public void begin(StaticModel model, List<String> regionIds) {
    stations = pickStations(model);
    for (int s : stations) {
      buffers.add(new Buffer(model.stations().get(s), maxPoints));
    }
  }

  /**
   * The coastal stations nearest (along strike) to the largest and to the smallest asperity, and
   * the inland station farthest from the trench near the middle of the fault.
   */
  static int[] pickStations(StaticModel model) {
    List<Asperity> byPotency = new ArrayList<>(model.asperities());
    byPotency.sort(Comparator.comparingDouble(Asperity::potencySquareMeters));
    List<Integer> picks = new ArrayList<>();
    for (Asperity a : List.of(byPotency.get(byPotency.size() - 1), byPotency.get(0))) {
      int best = nearestCoastal(model, a.spec().centerAlongStrikeKm(), picks);
      if (best >= 0) {
        picks.add(best);
      }
    }
    double middle = model.fault().lengthKm() / 2;
    int inland = -1;
    double score = Double.NEGATIVE_INFINITY;
    for (Station s : model.stations()) {
      double along = model.fault().alongStrikeKm(s.eastKm(), s.northKm());
      double value = s.distanceFromTrenchKm() - 2.0 * Math.abs(along - middle);
      if (!s.coastal() && !picks.contains(s.index()) && value > score) {
        score = value;
        inland = s.index();
      }
    }
    if (inland >= 0) {
      picks.add(inland);
    }
    if (picks.isEmpty()) {
      picks.add(0);
    }
    return picks.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int nearestCoastal(StaticModel model, double alongKm, List<Integer> exclude) {
    int best = -1;
    double distance = Double.POSITIVE_INFINITY;
    for (Station s : model.stations()) {
      double d = Math.abs(model.fault().alongStrikeKm(s.eastKm(), s.northKm()) - alongKm);
      if (s.coastal() && !exclude.contains(s.index()) && d < distance) {
        distance = d;
        best = s.index();
      }
    }
    return best;
  }

  @Override
  public void observations(int r, long epochMicros, EpochObservations o) {
    if (r != region) {
      return;
    }
    if (startMicros == Long.MIN_VALUE) {
      startMicros = epochMicros;
    }
    if (epoch++ % stride != 0) {
      return;
    }
    if (buffers.get(0).size == maxPoints) {
      thin();
    }
    double years = (epochMicros - startMicros) / TimeUnits.MICROS_PER_YEAR;
    for (int k = 0; k < buffers.size(); k++) {
      Buffer b = buffers.get(k);
      int s = stations[k];
      boolean present = o.present()[s];
      b.years[b.size] = years;
      b.east[b.size] = present ? o.eastMeters()[s] : Double.NaN;
      b.north[b.size] = present ? o.northMeters()[s] : Double.NaN;
      b.up[b.size] = present ? o.upMeters()[s] : Double.NaN;
      b.size++;
    }
  }

  /** Halves the stored series (every other point) and doubles the stride of new points. */
  private void thin() {
    stride *= 2;
    for (Buffer b : buffers) {
      int n = 0;
      for (int i = 0; i < b.size; i += 2) {
        b.years[n] = b.years[i];
        b.east[n] = b.east[i];
        b.north[n] = b.north[i];
        b.up[n] = b.up[i];
        n++;
      }
      b.size = n;
    }
  }

  @Override
  public void earthquake(Earthquake e) {
    if (e.region() == region) {
      earthquakes.add(e);
    }
  }

  public List<Earthquake> earthquakes() {
    return List.copyOf(earthquakes);
  }

  public List<Series> series() {
    return buffers.stream()
        .map(
            b ->
                new Series(
                    b.station,
                    java.util.Arrays.copyOf(b.years, b.size),
                    java.util.Arrays.copyOf(b.east, b.size),
                    java.util.Arrays.copyOf(b.north, b.size),
                    java.util.Arrays.copyOf(b.up, b.size)))
        .toList();
  }

  /** Onset of the first recorded epoch, microseconds since 1970 (MIN_VALUE before any). */
  public long startMicros() {
    return startMicros;
  }
}
