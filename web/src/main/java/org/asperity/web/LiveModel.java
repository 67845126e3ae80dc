package org.asperity.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.asperity.time.TimeUnits;

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
  static final long HISTORY_SPAN_MICROS = (long) (250 * TimeUnits.MICROS_PER_YEAR);

  static final int MAX_ALERTS = 500;
  static final int MAX_EARTHQUAKES = 500;
  static final int MAX_DEAD_LETTERS_LISTED = 20;
  static final int MAX_MISSING_STATIONS_LISTED = 20;
  static final int MAX_DETAIL_CHARS = 300;
  private static final int RATE_WINDOW_SECONDS = 5;

  /** A rendered item of a log, with its sequence number; never changed once made. */
  private record Entry(long seq, ObjectNode json) {}

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
  private final ObjectNode geometryJson;
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
    ObjectNode json =
        PageJson.object()
            .put("seq", ++seq)
            .put("alertId", a.getAlertId())
            .put("region", a.getRegion())
            .put("level", a.getLevel().name())
            .put("action", a.getAction().name())
            .put("references", a.getReferences())
            .put("issuedAtMillis", millis(a.getIssuedAt()));
    json.set("ttfP10Days", PageJson.number(a.getTtfP10Days(), 2));
    json.set("ttfP50Days", PageJson.number(a.getTtfP50Days(), 2));
    json.set("ttfP90Days", PageJson.number(a.getTtfP90Days(), 2));
    json.set("momentMagnitude", PageJson.number(a.getMomentMagnitude(), 2));
    json.put("modelVersion", a.getModelVersion()).put("reason", a.getReason());
    append(alerts, new Entry(seq, json), MAX_ALERTS);
  }

  synchronized void earthquake(EarthquakeEvent e) {
    earthquakeCount++;
    changes++;
    ObjectNode json =
        PageJson.object()
            .put("seq", ++seq)
            .put("eventId", e.getEventId())
            .put("region", e.getRegion())
            .put("onsetMillis", millis(e.getOnset()));
    json.set("momentMagnitude", PageJson.number(e.getMomentMagnitude(), 2));
    json.put("ruptureKind", e.getRuptureKind().name());
    ArrayNode asperities = json.putArray("asperities");
    e.getAsperities().forEach(asperities::add);
    json.set(
        "ruptureStartAlongStrikeKm", PageJson.number(e.getRuptureStartAlongStrikeKilometers(), 1));
    json.set("ruptureEndAlongStrikeKm", PageJson.number(e.getRuptureEndAlongStrikeKilometers(), 1));
    json.set("ruptureAreaKm2", PageJson.number(e.getRuptureAreaSquareKilometers(), 0));
    json.set("meanSlipMeters", PageJson.number(e.getMeanSlipMeters(), 2));
    // A real event from an imported catalog: no rupture extent, but a hypocentre and Mw's error.
    json.put("source", e.getSource().name());
    json.set("momentMagnitudeUncertainty", optionalNumber(e.getMomentMagnitudeUncertainty(), 2));
    json.put("magnitudeType", text(e.getMagnitudeType()));
    json.put("agency", text(e.getAgency()));
    json.put("description", text(e.getDescription()));
    json.set("hypocenterLatitude", optionalNumber(e.getHypocenterLatitudeDegrees(), 4));
    json.set("hypocenterLongitude", optionalNumber(e.getHypocenterLongitudeDegrees(), 4));
    json.set(
        "hypocenterDepthKm",
        e.getHypocenterDepthMeters() == null
            ? PageJson.number(Double.NaN)
            : PageJson.number(e.getHypocenterDepthMeters() / 1000.0, 1));
    append(earthquakes, new Entry(seq, json), MAX_EARTHQUAKES);
  }

  private static JsonNode optionalNumber(Double value, int fractionDigits) {
    return PageJson.number(value == null ? Double.NaN : value, fractionDigits);
  }

  private static String text(CharSequence value) {
    return value == null ? null : value.toString();
  }

  synchronized void deadLetter(DeadLetter d) {
    deadLetterCount++;
    changes++;
    deadLettersByReason.merge(d.getReason().name(), 1L, Long::sum);
    String detail = d.getDetail();
    if (detail.length() > MAX_DETAIL_CHARS) {
      detail = detail.substring(0, MAX_DETAIL_CHARS) + "…";
    }
    ObjectNode json =
        PageJson.object()
            .put("seq", ++seq)
            .put("reason", d.getReason().name())
            .put("detail", detail)
            .put("station", d.getStation())
            .put("sourceTopic", d.getSourceTopic())
            .put("sourcePartition", d.getSourcePartition())
            .put("sourceOffset", d.getSourceOffset());
    append(deadLetters, new Entry(seq, json), MAX_DEAD_LETTERS_LISTED);
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
    ObjectNode json =
        PageJson.object()
            .put("type", snapshot ? "snapshot" : "update")
            .put("seq", seq)
            .put("serverTimeMillis", now);
    if (snapshot) {
      ObjectNode limits =
          json.putObject("limits")
              .put("historyCapacity", HISTORY_CAPACITY)
              .set(
                  "historySpanDays",
                  PageJson.number(HISTORY_SPAN_MICROS / (double) TimeUnits.MICROS_PER_DAY, 1));
      limits.put("alerts", MAX_ALERTS).put("earthquakes", MAX_EARTHQUAKES);
      ObjectNode velocity =
          json.putObject("velocity").put("component", geometry == null ? "east" : "trench-normal");
      velocity.set(
          "azimuthDegrees",
          PageJson.number(geometry == null ? 90.0 : geometry.trenchNormalAzimuthDegrees(), 2));
      velocity.put("windowSamples", StationTrack.WINDOW_DAYS);
      json.set("geometry", geometryJson == null ? NullNode.getInstance() : geometryJson);
    }
    ArrayNode regionIds = json.putArray("regions");
    regions.keySet().forEach(regionIds::add);

    ObjectNode history = json.putObject("history");
    regions.forEach(
        (id, region) -> {
          ArrayNode points = history.putArray(id);
          for (ForecastHistory.Point p : region.history.points()) {
            if (p.seq() > sinceSeq) {
              points
                  .addArray()
                  .add(millis(p.windowEndMicros()))
                  .add(PageJson.number(p.ttfP10Days(), 2))
                  .add(PageJson.number(p.ttfP50Days(), 2))
                  .add(PageJson.number(p.ttfP90Days(), 2))
                  .add(PageJson.number(p.momentMagnitude(), 3))
                  .add(p.seq());
            }
          }
        });

    ObjectNode latest = json.putObject("latest");
    regions.forEach(
        (id, region) -> {
          if (region.latest != null) {
            latest.set(id, latest(region.latest, region.latestReceivedMillis));
          }
        });

    json.set("alerts", entries(alerts, sinceSeq));
    json.set("earthquakes", entries(earthquakes, sinceSeq));
    json.set("deadLetters", entries(deadLetters, sinceSeq));

    ObjectNode stations = json.putObject("stations");
    regions.forEach(
        (id, region) -> {
          ArrayNode tracks = stations.putArray(id);
          for (StationTrack t : region.stations.values()) {
            ObjectNode track = tracks.addObject().put("code", t.code());
            track.set("velocityMmPerYear", PageJson.number(t.velocityMetersPerYear() * 1000.0, 2));
            track
                .put("windowSamples", t.windowSize())
                .put("lastEpochMillis", millis(t.lastEpochMicros()));
            if (geometry == null || geometry.station(t.code()) == null) {
              track.set("latitude", PageJson.number(t.latitudeDegrees(), 5));
              track.set("longitude", PageJson.number(t.longitudeDegrees(), 5));
            }
          }
        });

    json.set("pipeline", pipeline(now));
    return PageJson.write(json);
  }

  private static ObjectNode latest(TtfForecast f, long receivedMillis) {
    ObjectNode json = PageJson.object().put("windowEndMillis", millis(f.getWindowEnd()));
    json.set("ttfP10Days", PageJson.number(f.getTtfP10Days(), 2));
    json.set("ttfP50Days", PageJson.number(f.getTtfP50Days(), 2));
    json.set("ttfP90Days", PageJson.number(f.getTtfP90Days(), 2));
    json.set("momentMagnitude", PageJson.number(f.getMomentMagnitude(), 2));
    json.set("magnitudeThreshold", PageJson.number(f.getMagnitudeThreshold(), 2));
    json.put("modelVersion", f.getModelVersion())
        .put("stationsUsed", f.getStationsUsed())
        .put("stationsExpected", f.getStationsExpected())
        .put("missingStationCount", f.getMissingStations().size())
        .put("receivedMillis", receivedMillis);
    if (f.getCaveat() != null) {
      json.put("caveat", f.getCaveat());
    }
    ArrayNode missing = json.putArray("missingStations");
    f.getMissingStations().stream().limit(MAX_MISSING_STATIONS_LISTED).forEach(missing::add);
    return json;
  }

  private ObjectNode pipeline(long now) {
    ForecastLatency.Summary l = latency.summary();
    ObjectNode json =
        PageJson.object().put("feed", feedStatus).put("observations", observationCount);
    json.set("observationsPerSecond", PageJson.number(observationRate.perSecond(now), 1));
    json.put(
            "lastObservationEpochMillis",
            lastObservationEpochMicros == Long.MIN_VALUE ? -1 : millis(lastObservationEpochMicros))
        .put("forecasts", forecastCount);
    json.set("forecastsPerSecond", PageJson.number(forecastRate.perSecond(now), 1));
    json.put("alerts", alertCount)
        .put("earthquakes", earthquakeCount)
        .put("deadLetters", deadLetterCount)
        .put("ignoredRegions", ignoredRegions)
        .put("ignoredStations", ignoredStations);
    json.set("deadLettersByReason", counts(deadLettersByReason));
    json.set("unreadableByTopic", counts(unreadableByTopic));
    ObjectNode latencyJson = json.putObject("latency").put("samples", l.samples());
    latencyJson.set("p50Millis", PageJson.number(l.p50Millis(), 0));
    latencyJson.set("p95Millis", PageJson.number(l.p95Millis(), 0));
    latencyJson.set("maxMillis", PageJson.number(l.maxMillis(), 0));
    json.set("metrics", metrics == null ? NullNode.getInstance() : metrics.toJson());
    return json;
  }

  private static ObjectNode counts(Map<String, Long> counts) {
    ObjectNode json = PageJson.object();
    counts.forEach(json::put);
    return json;
  }

  private static ArrayNode entries(Deque<Entry> entries, long sinceSeq) {
    ArrayNode json = JsonNodeFactory.instance.arrayNode();
    for (Entry e : entries) {
      if (e.seq() > sinceSeq) {
        json.add(e.json());
      }
    }
    return json;
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
    return Math.addExact(
        Math.multiplyExact(t.getEpochSecond(), TimeUnits.MICROS_PER_SECOND),
        t.getNano() / TimeUnits.NANOS_PER_MICRO);
  }

  private static long millis(Instant t) {
    return t.toEpochMilli();
  }

  private static long millis(long micros) {
    return Math.floorDiv(micros, TimeUnits.MICROS_PER_MILLI);
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
