package org.asperity.replay;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.asperity.schemas.GnssObservation;

/**
 * Replays observations from a reader into a sink: filters by station and time, shifts event times
 * to now if asked, paces to wall time by a speed factor (or goes as fast as possible), and counts
 * everything for the summary. Historic replays keep the original event times, so the job's output
 * is the same whatever the speed.
 */
public final class Replay {
  /** A snapshot for progress bars. */
  public record Progress(long written, long rejected, Instant currentEpoch) {}

  private final ObservationReader reader;
  private final ReplayOptions options;
  private final RejectLog rejects;
  private volatile boolean stopRequested;

  public Replay(ObservationReader reader, ReplayOptions options, RejectLog rejects) {
    this.reader = reader;
    this.options = options;
    this.rejects = rejects;
  }

  /** Asks a running replay to stop after the current record. */
  public void requestStop() {
    stopRequested = true;
  }

  public ReplaySummary run(ObservationSink sink, Consumer<Progress> progress) throws IOException {
    long startNanos = System.nanoTime();
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
          shiftMicros = Duration.between(firstOriginal, options.now()).getSeconds() * 1_000_000L;
        }
      }
      if (options.paced()) {
        pace(startNanos, Duration.between(firstOriginal, o.getEpoch()));
        if (stopRequested) {
          break;
        }
      }
      if (shiftMicros != 0) {
        o.setEpoch(o.getEpoch().plus(shiftMicros, java.time.temporal.ChronoUnit.MICROS));
      }
      sink.accept(o);
      written++;
      stations.add(o.getNetwork() + "/" + o.getStation());
      if (first == null) {
        first = o.getEpoch();
      }
      last = o.getEpoch();
      long now = System.nanoTime();
      if (now - lastProgressNanos > 200_000_000L) {
        lastProgressNanos = now;
        progress.accept(new Progress(written, rejects.total(), o.getEpoch()));
      }
    }
    progress.accept(new Progress(written, rejects.total(), last));
    return new ReplaySummary(
        reader.name(),
        read + rejects.total(),
        filtered,
        written,
        rejects.total(),
        rejects.countsByReason(),
        rejects.examples(),
        first,
        last,
        stations.size(),
        shiftMicros / 1_000_000L,
        (System.nanoTime() - startNanos) / 1e9);
  }

  /** Sleeps until {@code eventOffset / speed} of wall time has passed since the start. */
  private void pace(long startNanos, Duration eventOffset) {
    double wallSeconds =
        (eventOffset.getSeconds() + eventOffset.getNano() / 1e9) / options.speedFactor();
    long due = startNanos + (long) (wallSeconds * 1e9);
    long wait;
    while (!stopRequested && (wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }
}
