package org.asperity.replay;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.asperity.schemas.GnssObservation;
import org.asperity.time.Pacer;
import org.asperity.time.TimeUnits;
import org.asperity.time.WallClock;

/**
 * Replays observations from a reader into a sink: filters by station and time, shifts event times
 * to now if asked, paces to wall time by a speed factor (or goes as fast as possible), and counts
 * everything for the summary. Historic replays keep the original event times, so the job's output
 * is the same whatever the speed.
 */
public final class Replay {
  /** A snapshot for progress bars. */
  public record Progress(long written, long rejected, Instant currentEpoch) {}

  /** Progress is reported at most this often, so a fast replay is not slowed by its listener. */
  private static final long PROGRESS_EVERY_NANOS = 200_000_000L;

  private final ObservationReader reader;
  private final ReplayOptions options;
  private final RejectLog rejects;
  private final WallClock clock;
  private volatile boolean stopRequested;

  public Replay(ObservationReader reader, ReplayOptions options, RejectLog rejects) {
    this(reader, options, rejects, WallClock.SYSTEM);
  }

  /** A replay paced, timed and throttled against {@code clock}. */
  public Replay(
      ObservationReader reader, ReplayOptions options, RejectLog rejects, WallClock clock) {
    this.reader = reader;
    this.options = options;
    this.rejects = rejects;
    this.clock = clock;
  }

  /** Asks a running replay to stop after the current record. */
  public void requestStop() {
    stopRequested = true;
  }

  public ReplaySummary run(ObservationSink sink, Consumer<Progress> progress) throws IOException {
    long startNanos = clock.nanoTime();
    Pacer pacer = options.paced() ? new Pacer(clock, options.speedFactor()) : null;
    long read = 0;
    long filtered = 0;
    long written = 0;
    Set<String> stations = new HashSet<>();
    Instant first = null;
    Instant last = null;
    Instant firstOriginal = null;
    long shiftMicros = 0;
    long lastProgressNanos = startNanos;
    GnssObservation o;
    while (!stopRequested && (o = reader.next()) != null) {
      read++;
      if (!options.keeps(o.getStation(), o.getEpoch())) {
        filtered++;
        continue;
      }
      if (firstOriginal == null) {
        firstOriginal = o.getEpoch();
        if (options.shiftToNow()) {
          shiftMicros =
              Duration.between(firstOriginal, options.now()).getSeconds()
                  * TimeUnits.MICROS_PER_SECOND;
        }
      }
      if (pacer != null
          && !pacer.awaitEvent(
              offsetMicros(Duration.between(firstOriginal, o.getEpoch())), () -> stopRequested)) {
        break;
      }
      if (shiftMicros != 0) {
        o.setEpoch(o.getEpoch().plus(shiftMicros, ChronoUnit.MICROS));
      }
      sink.accept(o);
      written++;
      stations.add(o.getNetwork() + "/" + o.getStation());
      if (first == null) {
        first = o.getEpoch();
      }
      last = o.getEpoch();
      long now = clock.nanoTime();
      if (now - lastProgressNanos > PROGRESS_EVERY_NANOS) {
        lastProgressNanos = now;
        progress.accept(new Progress(written, rejects.total(), o.getEpoch()));
      }
    }
    progress.accept(new Progress(written, rejects.total(), last));
    return new ReplaySummary(
        reader.name(),
        read + rejects.total() + rejects.dropped(),
        filtered,
        written,
        rejects.total(),
        rejects.countsByReason(),
        rejects.examples(),
        rejects.dropped(),
        rejects.dropsByReason(),
        rejects.notes(),
        first,
        last,
        stations.size(),
        shiftMicros / TimeUnits.MICROS_PER_SECOND,
        (clock.nanoTime() - startNanos) / (double) TimeUnits.NANOS_PER_SECOND);
  }

  private static double offsetMicros(Duration eventOffset) {
    return eventOffset.getSeconds() * (double) TimeUnits.MICROS_PER_SECOND
        + eventOffset.getNano() / (double) TimeUnits.NANOS_PER_MICRO;
  }
}
