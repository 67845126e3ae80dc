package org.asperity.web;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.asperity.schemas.DeadLetter;
import org.asperity.schemas.EarthquakeEvent;
import org.asperity.schemas.GnssObservation;
import org.asperity.schemas.TtfAlert;
import org.asperity.schemas.TtfForecast;

/**
 * What the page shows, kept in memory as the topics deliver it, in bounded space: per region the
 * stations' recent velocities and the forecast history, and for all regions the alert log, the
 * catalog and the pipeline numbers. Thread-safe (every method holds the model's lock): one feeder
 * thread writes, the update stream and HTTP handlers read.
 *
 * <p>Items that accumulate (history points, alerts, earthquakes, dead letters) carry an increasing
 * sequence number, so {@link #render(long, boolean)} can give a page everything new since the last
 * update it sent; the live values (stations, pipeline numbers, latest forecasts) are sent whole.
 */
final class LiveModel {
  static final int MAX_REGIONS = 64;

  /** Stations over all regions: a few national networks' worth. */
  static final int MAX_STATIONS = 4096;

  static final int HISTORY_CAPACITY = 2048;

  /** Several seismic cycles of the simulated margin (large events about every 55 years). */
  static final long HISTORY_SPAN_MICROS = (long) (250 * 365.25 * 86_400e6);

  static final int MAX_ALERTS = 500;
  static final int MAX_EARTHQUAKES = 500;
  static final int MAX_DEAD_LETTERS_LISTED = 20;
  static final int MAX_MISSING_STATIONS_LISTED = 20;
  static final int MAX_DETAIL_CHARS = 300;
  private static final int RATE_WINDOW_SECONDS = 5;

  /** A rendered item of a log, with its sequence number. */
  private record Entry(long seq, String json) {}

  private static final class Region {
    final Map<String, StationTrack> stations = new TreeMap<>();
    final ForecastHistory history = new ForecastHistory(HISTORY_CAPACITY, HISTORY_SPAN_MICROS);
    TtfForecast latest;
    long latestReceivedMillis;
  }

  /**
   * Two renderings of the same instant: the update since a sequence number, and a full snapshot.
   */
  record Rendering(long seq, long changes, String update, String snapshot) {}

  private final FaultGeometryView geometry;
  private final String geometryJson;
  private final double rateSin;
  private final double rateCos;
  private final LongSupplier clockMillis;

  private final Map<String, Region> regions = new TreeMap<>();
  private final Deque<Entry> alerts = new ArrayDeque<>();
  private final Deque<Entry> earthquakes = new ArrayDeque<>();
  private final Deque<Entry> deadLetters = new ArrayDeque<>();
  private final Map<String, Long> deadLettersByReason = new TreeMap<>();
  private final Map<String, Long> unreadableByTopic = new TreeMap<>();
  private final RateMeter observationRate;
  private final RateMeter forecastRate;
  private final ForecastLatency latency = new ForecastLatency();

  private long seq;
  private long changes;
  private int stationCount;
  private long observationCount;
  private long forecastCount;
  private long alertCount;
  private long earthquakeCount;
  private long deadLetterCount;
  private long ignoredRegions;
  private long ignoredStations;
  private long lastObservationEpochMicros = Long.MIN_VALUE;
  private String feedStatus = "starting";
  private MetricsScraper.Reading metrics;

  /**
   * @param geometry the fault and stations to draw, or null (stations then come from the
   *     observations' coordinates and velocities are eastward)
   * @param clockMillis wall clock, milliseconds (rates per second)
   */
  LiveModel(FaultGeometryView geometry, LongSupplier clockMillis) {
    this.geometry = geometry;
    this.geometryJson = geometry == null ? null : geometry.toJson();
    double azimuth =
        Math.toRadians(geometry == null ? 90.0 : geometry.trenchNormalAzimuthDegrees());
    this.rateSin = Math.sin(azimuth);
    this.rateCos = Math.cos(azimuth);
    this.clockMillis = clockMillis;
    long now = clockMillis.getAsLong();
    this.observationRate = new RateMeter(RATE_WINDOW_SECONDS, now);
    this.forecastRate = new RateMeter(RATE_WINDOW_SECONDS, now);
  }

  synchronized void observation(GnssObservation o, long receivedMillis) {
    observationCount++;
    changes++;
    observationRate.add(receivedMillis, 1);
    long epoch = micros(o.getEpoch());
    lastObservationEpochMicros = Math.max(lastObservationEpochMicros, epoch);
    Region region = region(o.getNetwork());
    if (region == null) {
      return;
    }
    latency.observation(o.getNetwork(), epoch, receivedMillis);
    StationTrack track = region.stations.get(o.getStation());
    if (track == null) {
      if (stationCount >= MAX_STATIONS) {
        ignoredStations++;
        return;
      }
      track = new StationTrack(o.getStation());
      region.stations.put(o.getStation(), track);
      stationCount++;
    }
    // Landward trench-normal component (east without a geometry): loading shows as positive
    // velocity.
    track.add(epoch, o.getEastMeters() * rateSin + o.getNorthMeters() * rateCos);
    if (o.getLatitudeDegrees() != null && o.getLongitudeDegrees() != null) {
      track.position(o.getLatitudeDegrees(), o.getLongitudeDegrees());
    }
  }

  synchronized void forecast(TtfForecast f, long receivedMillis) {
    forecastCount++;
    changes++;
    forecastRate.add(receivedMillis, 1);
    Region region = region(f.getRegion());
    if (region == null) {
      return;
    }
    long windowEnd = micros(f.getWindowEnd());
    if (region.latest == null || windowEnd >= micros(region.latest.getWindowEnd())) {
      region.latest = f;
      region.latestReceivedMillis = receivedMillis;
    }
    latency.forecast(f.getRegion(), windowEnd, receivedMillis);
    ForecastHistory.Point point =
        new ForecastHistory.Point(
            seq + 1,
            windowEnd,
            f.getTtfP10Days(),
            f.getTtfP50Days(),
            f.getTtfP90Days(),
            f.getMomentMagnitude());
    if (region.history.offer(point)) {
      seq++;
    }
  }

  synchronized void alert(TtfAlert a) {
    alertCount++;
    changes++;
    JsonWriter w =
        new JsonWriter()
            .beginObject()
            .member("seq", ++seq)
            .member("alertId", a.getAlertId())
            .member("region", a.getRegion())
            .member("level", a.getLevel().name())
            .member("action", a.getAction().name())
            .member("references", a.getReferences())
            .member("issuedAtMillis", millis(a.getIssuedAt()))
            .member("ttfP10Days", a.getTtfP10Days(), 2)
            .member("ttfP50Days", a.getTtfP50Days(), 2)
            .member("ttfP90Days", a.getTtfP90Days(), 2)
            .member("momentMagnitude", a.getMomentMagnitude(), 2)
            .member("modelVersion", a.getModelVersion())
            .member("reason", a.getReason());
    append(alerts, new Entry(seq, w.endObject().toString()), MAX_ALERTS);
  }

  synchronized void earthquake(EarthquakeEvent e) {
    earthquakeCount++;
    changes++;
    JsonWriter w =
        new JsonWriter()
            .beginObject()
            .member("seq", ++seq)
            .member("eventId", e.getEventId())
            .member("region", e.getRegion())
            .member("onsetMillis", millis(e.getOnset()))
            .member("momentMagnitude", e.getMomentMagnitude(), 2)
            .member("ruptureKind", e.getRuptureKind().name());
    w.name("asperities").beginArray();
    e.getAsperities().forEach(w::value);
    w.endArray()
        .member("ruptureStartAlongStrikeKm", e.getRuptureStartAlongStrikeKilometers(), 1)
        .member("ruptureEndAlongStrikeKm", e.getRuptureEndAlongStrikeKilometers(), 1)
        .member("ruptureAreaKm2", e.getRuptureAreaSquareKilometers(), 0)
        .member("meanSlipMeters", e.getMeanSlipMeters(), 2);
    append(earthquakes, new Entry(seq, w.endObject().toString()), MAX_EARTHQUAKES);
  }

  synchronized void deadLetter(DeadLetter d) {
    deadLetterCount++;
    changes++;
    deadLettersByReason.merge(d.getReason().name(), 1L, Long::sum);
    String detail = d.getDetail();
    if (detail.length() > MAX_DETAIL_CHARS) {
      detail = detail.substring(0, MAX_DETAIL_CHARS) + "…";
    }
    JsonWriter w =
        new JsonWriter()
            .beginObject()
            .member("seq", ++seq)
            .member("reason", d.getReason().name())
            .member("detail", detail)
            .member("station", d.getStation())
            .member("sourceTopic", d.getSourceTopic())
            .member("sourcePartition", d.getSourcePartition())
            .member("sourceOffset", d.getSourceOffset());
    append(deadLetters, new Entry(seq, w.endObject().toString()), MAX_DEAD_LETTERS_LISTED);
  }

  /** A record of {@code topic} was not a readable Avro record of its type. */
  synchronized void unreadable(String topic) {
    changes++;
    unreadableByTopic.merge(topic, 1L, Long::sum);
  }

  /** How the Kafka feed is doing, in words, for the pipeline panel. */
  synchronized void feedStatus(String status) {
    if (!status.equals(feedStatus)) {
      changes++;
      feedStatus = status;
    }
  }

  synchronized void metrics(MetricsScraper.Reading reading) {
    changes++;
    metrics = reading;
  }

  /** The latest sequence number and change count (cheap: for a tick with nobody listening). */
  synchronized long[] position() {
    return new long[] {seq, changes};
  }

  /**
   * Renders, at one instant, the update with everything new after {@code sinceSeq} and, if asked, a
   * full snapshot (same instant: a page that loads the snapshot then applies later updates misses
   * nothing and sees nothing twice).
   */
  synchronized Rendering render(long sinceSeq, boolean withSnapshot) {
    return new Rendering(
        seq, changes, document(false, sinceSeq), withSnapshot ? document(true, 0) : null);
  }

  /** The snapshot document alone (the JSON endpoint). */
  synchronized String snapshot() {
    return document(true, 0);
  }

  private String document(boolean snapshot, long sinceSeq) {
    long now = clockMillis.getAsLong();
    JsonWriter w = new JsonWriter(new StringBuilder(snapshot ? 64 * 1024 : 8 * 1024));
    w.beginObject()
        .member("type", snapshot ? "snapshot" : "update")
        .member("seq", seq)
        .member("serverTimeMillis", now);
    if (snapshot) {
      w.name("limits")
          .beginObject()
          .member("historyCapacity", HISTORY_CAPACITY)
          .member("historySpanDays", HISTORY_SPAN_MICROS / 86_400e6, 1)
          .member("alerts", MAX_ALERTS)
          .member("earthquakes", MAX_EARTHQUAKES)
          .endObject();
      w.name("velocity")
          .beginObject()
          .member("component", geometry == null ? "east" : "trench-normal")
          .member(
              "azimuthDegrees", geometry == null ? 90.0 : geometry.trenchNormalAzimuthDegrees(), 2)
          .member("windowSamples", StationTrack.WINDOW_SAMPLES)
          .endObject();
      w.name("geometry");
      if (geometryJson == null) {
        w.nullValue();
      } else {
        w.raw(geometryJson);
      }
    }
    w.name("regions").beginArray();
    regions.keySet().forEach(w::value);
    w.endArray();

    w.name("history").beginObject();
    regions.forEach(
        (id, region) -> {
          w.name(id).beginArray();
          for (ForecastHistory.Point p : region.history.points()) {
            if (p.seq() > sinceSeq) {
              w.beginArray()
                  .value(millis(p.windowEndMicros()))
                  .value(p.ttfP10Days(), 2)
                  .value(p.ttfP50Days(), 2)
                  .value(p.ttfP90Days(), 2)
                  .value(p.momentMagnitude(), 3)
                  .value(p.seq())
                  .endArray();
            }
          }
          w.endArray();
        });
    w.endObject();

    w.name("latest").beginObject();
    regions.forEach(
        (id, region) -> {
          if (region.latest != null) {
            w.name(id);
            latest(w, region.latest, region.latestReceivedMillis);
          }
        });
    w.endObject();

    entries(w, "alerts", alerts, sinceSeq);
    entries(w, "earthquakes", earthquakes, sinceSeq);
    entries(w, "deadLetters", deadLetters, sinceSeq);

    w.name("stations").beginObject();
    regions.forEach(
        (id, region) -> {
          w.name(id).beginArray();
          for (StationTrack t : region.stations.values()) {
            w.beginObject()
                .member("code", t.code())
                .member("velocityMmPerYear", t.velocityMetersPerYear() * 1000.0, 2)
                .member("windowSamples", t.windowSize())
                .member("lastEpochMillis", millis(t.lastEpochMicros()));
            if (geometry == null || geometry.station(t.code()) == null) {
              w.member("latitude", t.latitudeDegrees(), 5)
                  .member("longitude", t.longitudeDegrees(), 5);
            }
            w.endObject();
          }
          w.endArray();
        });
    w.endObject();

    pipeline(w, now);
    return w.endObject().toString();
  }

  private void latest(JsonWriter w, TtfForecast f, long receivedMillis) {
    w.beginObject()
        .member("windowEndMillis", millis(f.getWindowEnd()))
        .member("ttfP10Days", f.getTtfP10Days(), 2)
        .member("ttfP50Days", f.getTtfP50Days(), 2)
        .member("ttfP90Days", f.getTtfP90Days(), 2)
        .member("momentMagnitude", f.getMomentMagnitude(), 2)
        .member("magnitudeThreshold", f.getMagnitudeThreshold(), 2)
        .member("modelVersion", f.getModelVersion())
        .member("stationsUsed", f.getStationsUsed())
        .member("stationsExpected", f.getStationsExpected())
        .member("missingStationCount", f.getMissingStations().size())
        .member("receivedMillis", receivedMillis);
    if (f.getCaveat() != null) {
      w.member("caveat", f.getCaveat());
    }
    w.name("missingStations").beginArray();
    f.getMissingStations().stream().limit(MAX_MISSING_STATIONS_LISTED).forEach(w::value);
    w.endArray().endObject();
  }

  private void pipeline(JsonWriter w, long now) {
    ForecastLatency.Summary l = latency.summary();
    w.name("pipeline")
        .beginObject()
        .member("feed", feedStatus)
        .member("observations", observationCount)
        .member("observationsPerSecond", observationRate.perSecond(now), 1)
        .member(
            "lastObservationEpochMillis",
            lastObservationEpochMicros == Long.MIN_VALUE ? -1 : millis(lastObservationEpochMicros))
        .member("forecasts", forecastCount)
        .member("forecastsPerSecond", forecastRate.perSecond(now), 1)
        .member("alerts", alertCount)
        .member("earthquakes", earthquakeCount)
        .member("deadLetters", deadLetterCount)
        .member("ignoredRegions", ignoredRegions)
        .member("ignoredStations", ignoredStations);
    counts(w, "deadLettersByReason", deadLettersByReason);
    counts(w, "unreadableByTopic", unreadableByTopic);
    w.name("latency")
        .beginObject()
        .member("samples", l.samples())
        .member("p50Millis", l.p50Millis(), 0)
        .member("p95Millis", l.p95Millis(), 0)
        .member("maxMillis", l.maxMillis(), 0)
        .endObject();
    w.name("metrics");
    if (metrics == null) {
      w.nullValue();
    } else {
      metrics.writeTo(w);
    }
    w.endObject();
  }

  private static void counts(JsonWriter w, String name, Map<String, Long> counts) {
    w.name(name).beginObject();
    counts.forEach((k, v) -> w.member(k, v));
    w.endObject();
  }

  private static void entries(JsonWriter w, String name, Deque<Entry> entries, long sinceSeq) {
    w.name(name).beginArray();
    for (Entry e : entries) {
      if (e.seq() > sinceSeq) {
        w.raw(e.json());
      }
    }
    w.endArray();
  }

  private Region region(String id) {
    Region region = regions.get(id);
    if (region == null) {
      if (regions.size() >= MAX_REGIONS) {
        ignoredRegions++;
        return null;
      }
      region = new Region();
      regions.put(id, region);
    }
    return region;
  }

  private static void append(Deque<Entry> log, Entry entry, int max) {
    log.addLast(entry);
    while (log.size() > max) {
      log.removeFirst();
    }
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  private static long millis(Instant t) {
    return t.toEpochMilli();
  }

  private static long millis(long micros) {
    return Math.floorDiv(micros, 1000L);
  }

  /** Stations tracked now, over all regions (for tests of the bound). */
  synchronized int stationCount() {
    return stationCount;
  }

  /** Forecast history points of a region (for tests of the bound). */
  synchronized List<ForecastHistory.Point> history(String region) {
    Region r = regions.get(region);
    return r == null ? List.of() : r.history.points();
  }

  /** Sizes of the logs: alerts, earthquakes, dead letters listed (for tests of the bounds). */
  synchronized Map<String, Integer> logSizes() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("alerts", alerts.size());
    sizes.put("earthquakes", earthquakes.size());
    sizes.put("deadLetters", deadLetters.size());
    sizes.put("regions", regions.size());
    return sizes;
  }

  /** Velocity of a station in mm/yr, NaN if unknown or too few samples (for tests). */
  synchronized double velocityMmPerYear(String region, String station) {
    Region r = regions.get(region);
    StationTrack t = r == null ? null : r.stations.get(station);
    return t == null ? Double.NaN : t.velocityMetersPerYear() * 1000.0;
  }
}
