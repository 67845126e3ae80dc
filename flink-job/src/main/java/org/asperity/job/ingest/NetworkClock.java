package org.asperity.job.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The event time of one Kafka partition, decided by its stations together so that no minority of
 * them can move it: a receiver stamping epochs centuries ahead (firmware bug) or 1024 GPS weeks
 * ahead (week-number rollover) must not make every other station late.
 *
 * <p>Each station's <b>claim</b> is the epoch of its latest valid record in the partition. The
 * partition's <b>network epoch</b> is the {@code quorum}-th largest claim of the stations whose
 * claims were accepted (fewer stations than the quorum: the smallest of them), never decreasing;
 * the watermark follows it instead of the single newest record. A record more than {@code
 * maxLeadMicros} ahead of the {@code quorum}-th largest claim of all stations (counting its own
 * epoch as its station's claim, leaving out claims more than {@code maxLeadMicros} ahead of it) and
 * of the network epoch is <b>quarantined</b>: it is dead-lettered, and its epoch becomes its
 * station's pending claim without touching the accepted claims, so the network epoch is exactly
 * what it would be without it. The station rejoins with its first record back within the horizon.
 * Pending claims last only while the partition's records keep being quarantined (the next accepted
 * record clears them all): a network that jumps together (all stations resuming after an outage
 * longer than the horizon) overtakes the quorum with them, so only the first {@code quorum - 1}
 * resuming records of the partition are quarantined, while broken receivers far apart in the
 * partition's sequence never add up to a quorum.
 *
 * <p>Everything here is a function of the partition's record sequence, not of wall time. The number
 * of stations tracked is capped at {@value #MAX_STATIONS}; beyond it the station with the smallest
 * claim is forgotten (ties: the smallest station key), which can only make the network epoch lag,
 * never lead. What a partition's first station says is believed until others speak: with no
 * stations yet there is no network to be ahead of.
 */
public final class NetworkClock {
  /** Stations tracked per partition: a few MB of state at worst. */
  public static final int MAX_STATIONS = 10_000;

  /** No epoch. */
  public static final long NONE = Long.MIN_VALUE;

  private record Claim(long epochMicros, String station) {}

  private static final Comparator<Claim> ORDER =
      Comparator.comparingLong(Claim::epochMicros).thenComparing(Claim::station);

  private static final class Station {
    long acceptedMicros = NONE;
    long pendingMicros = NONE;

    long claimMicros() {
      return pendingMicros != NONE ? pendingMicros : acceptedMicros;
    }
  }

  private final int quorum;
  private final long maxLeadMicros;
  private final Map<String, Station> stations = new HashMap<>();

  /** Accepted claims: what the network epoch follows. */
  private final TreeSet<Claim> accepted = new TreeSet<>(ORDER);

  /** Each station's claim, pending or accepted: what a record's lead is measured against. */
  private final TreeSet<Claim> claims = new TreeSet<>(ORDER);

  /** Stations with a pending claim. */
  private final List<String> pending = new ArrayList<>();

  private long networkMicros = NONE;
  private long lastLeadMicros;

  /**
   * @param quorum stations whose claims must reach an epoch before it is the partition's
   * @param maxLeadMicros how far ahead of its network a record may be before it is quarantined
   */
  public NetworkClock(int quorum, long maxLeadMicros) {
    if (quorum < 1 || maxLeadMicros < 0) {
      throw new IllegalArgumentException("the quorum must be positive, the lead not negative");
    }
    this.quorum = quorum;
    this.maxLeadMicros = maxLeadMicros;
  }

  /** The partition's network epoch, µs, or {@link #NONE} before any station spoke. */
  public long networkMicros() {
    return networkMicros;
  }

  /**
   * Takes station {@code station}'s valid record at {@code epochMicros}; true if it is quarantined
   * (then {@link #lastLeadMicros()} says how far ahead it was).
   */
  public boolean quarantines(String station, long epochMicros) {
    Station s = stations.get(station);
    long reference =
        quorumClaim(s == null ? null : new Claim(s.claimMicros(), station), epochMicros);
    lastLeadMicros = saturatedDifference(epochMicros, reference);
    boolean quarantined = lastLeadMicros > maxLeadMicros;
    if (s == null) {
      if (stations.size() >= MAX_STATIONS) {
        forget(claims.first().station());
      }
      s = new Station();
      stations.put(station, s);
    } else {
      claims.remove(new Claim(s.claimMicros(), station));
    }
    if (quarantined) {
      if (s.pendingMicros == NONE) {
        pending.add(station);
      }
      s.pendingMicros = epochMicros;
    } else {
      clearPending(station);
      if (s.acceptedMicros != NONE) {
        accepted.remove(new Claim(s.acceptedMicros, station));
      }
      s.pendingMicros = NONE;
      s.acceptedMicros = epochMicros;
      accepted.add(new Claim(epochMicros, station));
      long candidate = kthLargest(accepted, Math.min(quorum, accepted.size()));
      if (candidate > networkMicros) {
        networkMicros = candidate;
      }
    }
    claims.add(new Claim(s.claimMicros(), station));
    return quarantined;
  }

  /** How far ahead of its network the last record was, µs (negative: behind). */
  public long lastLeadMicros() {
    return lastLeadMicros;
  }

  /** One station's claims as checkpointed: {@link #NONE} where it has none. */
  public record StationClaims(String station, long acceptedMicros, long pendingMicros) {}

  /** The tracked stations' claims, in station order. */
  public List<StationClaims> stations() {
    List<StationClaims> out = new ArrayList<>();
    stations.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                out.add(
                    new StationClaims(
                        e.getKey(), e.getValue().acceptedMicros, e.getValue().pendingMicros)));
    return out;
  }

  /** Restores one station's claims (from {@link #stations()}). */
  public void restore(StationClaims claims) {
    String station = claims.station();
    long acceptedMicros = claims.acceptedMicros();
    long pendingMicros = claims.pendingMicros();
    forget(station);
    if (acceptedMicros == NONE && pendingMicros == NONE) {
      return;
    }
    Station s = new Station();
    s.acceptedMicros = acceptedMicros;
    s.pendingMicros = pendingMicros;
    stations.put(station, s);
    if (pendingMicros != NONE) {
      pending.add(station);
    }
    if (acceptedMicros != NONE) {
      accepted.add(new Claim(acceptedMicros, station));
    }
    this.claims.add(new Claim(s.claimMicros(), station));
  }

  /** Restores the network epoch (it never decreases, so it is state of its own). */
  public void restoreNetworkMicros(long value) {
    networkMicros = Math.max(networkMicros, value);
  }

  /** Drops every pending claim but {@code station}'s (whose claim is about to change anyway). */
  private void clearPending(String station) {
    for (String p : pending) {
      Station s = stations.get(p);
      if (s == null || p.equals(station)) {
        continue;
      }
      claims.remove(new Claim(s.pendingMicros, p));
      s.pendingMicros = NONE;
      if (s.acceptedMicros == NONE) {
        stations.remove(p);
      } else {
        claims.add(new Claim(s.acceptedMicros, p));
      }
    }
    pending.clear();
  }

  private void forget(String station) {
    Station s = stations.remove(station);
    if (s != null) {
      claims.remove(new Claim(s.claimMicros(), station));
      if (s.acceptedMicros != NONE) {
        accepted.remove(new Claim(s.acceptedMicros, station));
      }
    }
  }

  /**
   * The quorum-th largest claim with {@code replaced} (the station's current claim, or null) taken
   * out, {@code epochMicros} put in, and every claim more than the horizon ahead of {@code
   * epochMicros} left out (fewer claims than the quorum: the smallest of them), but never below the
   * network epoch. Claims far ahead of a record do not vouch for it: two broken receivers pending
   * at once, centuries and decades ahead, would otherwise make a quorum for the nearer one.
   */
  private long quorumClaim(Claim replaced, long epochMicros) {
    long upper = saturatedSum(epochMicros, maxLeadMicros);
    int count = 0;
    boolean placed = false;
    long smallest = epochMicros;
    long reference = NONE;
    Iterator<Claim> it = claims.descendingIterator();
    while (reference == NONE && it.hasNext()) {
      Claim c = it.next();
      if (c.equals(replaced) || c.epochMicros() > upper) {
        continue;
      }
      if (!placed && epochMicros >= c.epochMicros()) {
        placed = true;
        if (++count == quorum) {
          reference = epochMicros;
          break;
        }
      }
      smallest = Math.min(smallest, c.epochMicros());
      if (++count == quorum) {
        reference = c.epochMicros();
      }
    }
    if (reference == NONE) {
      reference = smallest;
    }
    return networkMicros == NONE ? reference : Math.max(reference, networkMicros);
  }

  private static long kthLargest(TreeSet<Claim> set, int k) {
    int count = 0;
    for (Iterator<Claim> it = set.descendingIterator(); it.hasNext(); ) {
      Claim c = it.next();
      if (++count == k) {
        return c.epochMicros();
      }
    }
    return NONE;
  }

  private static long saturatedSum(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? (a > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : sum;
  }

  private static long saturatedDifference(long a, long b) {
    long d = a - b;
    if (((a ^ b) & (a ^ d)) < 0) {
      return a > b ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return d;
  }
}
