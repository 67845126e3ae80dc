package org.asperity.replay.catalog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.asperity.replay.catalog.CatalogRefusal.Reason;

/**
 * Reads the earthquakes of a QuakeML 1.2 document: an FDSN event web service response or a SeisComP
 * export. The structure is QuakeML 1.2's Basic Event Description (namespace {@value #BED_NS})
 * inside a {@code q:quakeml} root ({@value #QUAKEML_NS}): {@code eventParameters} holds {@code
 * event}s, each with {@code origin}s (time, latitude, longitude, depth in metres, each a {@code
 * value} with an optional {@code uncertainty}), {@code magnitude}s ({@code mag}, {@code type},
 * {@code originID}) and the IDs of the preferred ones (QuakeML 1.2 BED specification, Schorlemmer
 * et al., quakeml.org).
 *
 * <p><b>Choice per event.</b> The magnitude is the preferred magnitude if it is a moment magnitude
 * (type Mw or Mw followed by one letter, any case: Mw, Mww, Mwc, Mwr, Mwb, Mwp, Mwd); otherwise the
 * event's best moment magnitude: W-phase (Mww) first, then centroid (Mwc), regional (Mwr),
 * body-wave (Mwb), plain Mw, the others; ties in document order. The origin is the preferred
 * origin, else the magnitude's {@code originID}, else the first. Events without a moment magnitude,
 * without an origin or an origin time, with values outside their physical range, or whose type says
 * they are no earthquake are refused with a {@link Reason}; the rest of the document is still read.
 * Times without a zone are UTC (QuakeML's convention).
 *
 * <p><b>Safety.</b> The JDK's StAX parser with DTDs and external entities off (a document with a
 * DOCTYPE is refused: a catalog needs none, and it is where XXE and entity-expansion attacks live);
 * the document is bounded in bytes, each kept text value in characters, and the element depth. A
 * document that is not well-formed, too large or not QuakeML 1.2 is refused whole (no event of it
 * is kept): one refusal with the reason and the parser's line and column.
 */
public final class QuakeMlReader {
  public static final String QUAKEML_NS = "http://quakeml.org/xmlns/quakeml/1.2";
  public static final String BED_NS = "http://quakeml.org/xmlns/bed/1.2";

  /** Default bound of a document: far above a year of a global M4+ FDSN response. */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  /** Longest kept text value: IDs and numbers are far shorter. */
  static final int MAX_TEXT_CHARS = 4096;

  /** Deepest element nesting accepted (QuakeML's is about 8). */
  static final int MAX_DEPTH = 64;

  /** Moment magnitude types: Mw, or Mw and one letter (Mww, Mwc, Mwr, Mwb, Mwp, Mwd...). */
  private static final Pattern MOMENT_MAGNITUDE = Pattern.compile("(?i)mw[a-z]?");

  /** Preference among moment magnitudes, best first; anything else after these. */
  private static final List<String> MOMENT_RANK = List.of("mww", "mwc", "mwr", "mwb", "mw");

  /** Event types that are, or may be, earthquakes (QuakeML 1.2 EventType). */
  private static final Set<String> EARTHQUAKE_TYPES = Set.of("earthquake", "not reported");

  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private static final Set<String> EVENT_TEXTS =
      Set.of(
          "preferredOriginID",
          "preferredMagnitudeID",
          "type",
          "description/text",
          "creationInfo/agencyID",
          "creationInfo/author");
  private static final Set<String> ORIGIN_TEXTS =
      Set.of(
          "origin/time/value",
          "origin/latitude/value",
          "origin/longitude/value",
          "origin/depth/value",
          "origin/creationInfo/agencyID",
          "origin/creationInfo/author");
  private static final Set<String> MAGNITUDE_TEXTS =
      Set.of(
          "magnitude/mag/value",
          "magnitude/mag/uncertainty",
          "magnitude/mag/lowerUncertainty",
          "magnitude/mag/upperUncertainty",
          "magnitude/type",
          "magnitude/originID",
          "magnitude/creationInfo/agencyID",
          "magnitude/creationInfo/author");

  private final long maxBytes;

  public QuakeMlReader() {
    this(DEFAULT_MAX_BYTES);
  }

  /**
   * @param maxBytes largest document accepted, bytes
   */
  public QuakeMlReader(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  /** Reads a file; an unreadable, too large or malformed file is one document refusal. */
  public CatalogDocument read(Path file) {
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        return refused(Reason.MALFORMED_XML, tooLarge());
      }
      try (InputStream in = Files.newInputStream(file)) {
        return read(in);
      }
    } catch (IOException e) {
      return refused(Reason.MALFORMED_XML, "cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Reads a document from {@code in} (not closed), at most the byte bound. */
  public CatalogDocument read(InputStream in) {
    BoundedInput bounded = new BoundedInput(in, maxBytes);
    XMLStreamReader xml = null;
    try {
      xml = factory().createXMLStreamReader(bounded);
      return new Parse(xml).document();
    } catch (XMLStreamException | RuntimeException e) {
      if (bounded.exceeded) {
        return refused(Reason.MALFORMED_XML, tooLarge());
      }
      return refused(Reason.MALFORMED_XML, describe(e));
    } catch (NotQuakeMl e) {
      return refused(Reason.NOT_QUAKEML_1_2, e.getMessage());
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException ignored) {
          // the document is already decided
        }
      }
    }
  }

  private String tooLarge() {
    return "document larger than " + maxBytes + " bytes";
  }

  private static CatalogDocument refused(Reason reason, String detail) {
    return new CatalogDocument(List.of(), List.of(new CatalogRefusal(null, reason, detail)));
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return f;
  }

  private static String describe(Exception e) {
    String where = "";
    if (e instanceof XMLStreamException x && x.getLocation() != null) {
      where =
          "line "
              + x.getLocation().getLineNumber()
              + ", column "
              + x.getLocation().getColumnNumber()
              + ": ";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // The JDK's messages start with "ParseError at [row,col]:[l,c]\nMessage: ...".
    int m = message.lastIndexOf("Message: ");
    if (m >= 0) {
      message = message.substring(m + "Message: ".length());
    }
    return where + message.strip();
  }

  /** A well-formed document of another kind. */
  private static final class NotQuakeMl extends Exception {
    private static final long serialVersionUID = 1L;

    NotQuakeMl(String message) {
      super(message, null, false, false);
    }
  }

  /** Counts bytes and fails past the bound (the parser then stops). */
  private static final class BoundedInput extends FilterInputStream {
    private final long max;
    private long count;
    boolean exceeded;

    BoundedInput(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(long n) throws IOException {
      count += n;
      if (count > max) {
        exceeded = true;
        throw new IOException("document larger than " + max + " bytes");
      }
    }
  }

  private static final class OriginText {
    final String publicId;
    final Map<String, String> texts = new LinkedHashMap<>();

    OriginText(String publicId) {
      this.publicId = publicId;
    }
  }

  private static final class EventText {
    final String publicId;
    final Map<String, String> texts = new LinkedHashMap<>();
    final List<OriginText> origins = new ArrayList<>();
    final List<OriginText> magnitudes = new ArrayList<>();
    String oversized;

    EventText(String publicId) {
      this.publicId = publicId;
    }
  }

  /** One pass over the document. */
  private static final class Parse {
    private final XMLStreamReader xml;
    private final List<CatalogEvent> events = new ArrayList<>();
    private final List<CatalogRefusal> refusals = new ArrayList<>();
    private final Set<String> seenIds = new HashSet<>();
    private int eventCount;

    /** Local names (BED namespace; "{}" otherwise) below the current event. */
    private final List<String> path = new ArrayList<>();

    private EventText event;
    private OriginText current;
    private StringBuilder text;
    private String textKey;
    private int depth;

    Parse(XMLStreamReader xml) {
      this.xml = xml;
    }

    CatalogDocument document() throws XMLStreamException, NotQuakeMl {
      boolean root = false;
      boolean sawEventParameters = false;
      while (xml.hasNext()) {
        int kind = xml.next();
        switch (kind) {
          case XMLStreamConstants.DTD ->
              throw new XMLStreamException("a DOCTYPE is not accepted in a QuakeML document");
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            if (depth > MAX_DEPTH) {
              throw new XMLStreamException(
                  "elements nested deeper than " + MAX_DEPTH, xml.getLocation());
            }
            String ns = xml.getNamespaceURI();
            String name = xml.getLocalName();
            if (!root) {
              root = true;
              if (!QUAKEML_NS.equals(ns) || !"quakeml".equals(name)) {
                throw new NotQuakeMl(
                    "root element is {" + ns + "}" + name + ", not {" + QUAKEML_NS + "}quakeml");
              }
            } else if (depth == 2) {
              if ("eventParameters".equals(name)) {
                if (!BED_NS.equals(ns)) {
                  throw new NotQuakeMl(
                      "eventParameters in namespace " + ns + ", not QuakeML 1.2's " + BED_NS);
                }
                sawEventParameters = true;
              }
            } else if (depth == 3 && event == null) {
              if (BED_NS.equals(ns) && "event".equals(name)) {
                eventCount++;
                event = new EventText(xml.getAttributeValue(null, "publicID"));
                path.clear();
              }
            } else if (event != null) {
              startInEvent(ns, name);
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (text != null) {
              if (text.length() + xml.getTextLength() > MAX_TEXT_CHARS) {
                event.oversized = textKey;
                text.setLength(0);
              } else {
                text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
              }
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            if (event != null) {
              if (path.isEmpty()) {
                resolve(event);
                event = null;
              } else {
                endInEvent();
              }
            }
            depth--;
          }
          default -> {}
        }
      }
      if (!sawEventParameters) {
        throw new NotQuakeMl("no eventParameters element in " + BED_NS);
      }
      return new CatalogDocument(events, refusals);
    }

    private void startInEvent(String ns, String name) {
      path.add(BED_NS.equals(ns) ? name : "{}");
      if (path.size() == 1 && BED_NS.equals(ns)) {
        if ("origin".equals(name)) {
          current = new OriginText(xml.getAttributeValue(null, "publicID"));
          event.origins.add(current);
        } else if ("magnitude".equals(name)) {
          current = new OriginText(xml.getAttributeValue(null, "publicID"));
          event.magnitudes.add(current);
        }
      }
      String key = String.join("/", path);
      if (EVENT_TEXTS.contains(key)
          || ORIGIN_TEXTS.contains(key)
          || MAGNITUDE_TEXTS.contains(key)) {
        text = new StringBuilder();
        textKey = key;
      }
    }

    private void endInEvent() {
      String key = String.join("/", path);
      if (text != null && key.equals(textKey)) {
        String value = text.toString().strip();
        if (EVENT_TEXTS.contains(key)) {
          event.texts.putIfAbsent(key, value);
        } else if (current != null) {
          current.texts.putIfAbsent(key.substring(key.indexOf('/') + 1), value);
        }
        text = null;
        textKey = null;
      }
      path.remove(path.size() - 1);
      if (path.isEmpty()) {
        current = null;
      }
    }

    private void refuse(String id, Reason reason, String detail) {
      refusals.add(new CatalogRefusal(id, reason, detail));
    }

    private void resolve(EventText e) {
      String id = e.publicId;
      if (id == null || id.isBlank()) {
        refuse(
            "event #" + eventCount + " of the document", Reason.BAD_VALUE, "no publicID attribute");
        return;
      }
      if (!seenIds.add(id)) {
        refuse(id, Reason.DUPLICATE_EVENT_ID, "a second event with this publicID");
        return;
      }
      if (e.oversized != null) {
        refuse(id, Reason.BAD_VALUE, e.oversized + " longer than " + MAX_TEXT_CHARS + " chars");
        return;
      }
      String type = e.texts.get("type");
      if (type != null && !EARTHQUAKE_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
        refuse(id, Reason.NOT_AN_EARTHQUAKE, "event type '" + type + "'");
        return;
      }
      OriginText magnitude = chooseMagnitude(e);
      if (magnitude == null) {
        refuse(id, Reason.NO_MOMENT_MAGNITUDE, magnitudesOf(e));
        return;
      }
      OriginText origin = chooseOrigin(e, magnitude.texts.get("originID"));
      if (origin == null) {
        refuse(id, Reason.NO_ORIGIN, "the event has no origin");
        return;
      }
      String time = origin.texts.get("time/value");
      if (time == null || time.isEmpty()) {
        refuse(id, Reason.NO_ORIGIN_TIME, "origin " + origin.publicId + " has no time");
        return;
      }
      long timeMicros;
      try {
        timeMicros = micros(time);
      } catch (DateTimeParseException | ArithmeticException ex) {
        refuse(id, Reason.NO_ORIGIN_TIME, "origin time '" + time + "' is not an xs:dateTime");
        return;
      }
      double mw = number(magnitude.texts.get("mag/value"));
      double uncertainty = number(magnitude.texts.get("mag/uncertainty"));
      if (Double.isNaN(uncertainty)) {
        // Asymmetric bounds only: the larger one (Math.max would return NaN if one is missing).
        double lower = number(magnitude.texts.get("mag/lowerUncertainty"));
        double upper = number(magnitude.texts.get("mag/upperUncertainty"));
        uncertainty =
            Double.isNaN(lower) ? upper : Double.isNaN(upper) ? lower : Math.max(lower, upper);
      }
      double lat = number(origin.texts.get("latitude/value"));
      double lon = number(origin.texts.get("longitude/value"));
      double depth = number(origin.texts.get("depth/value"));
      String bad = badValue(origin, lat, lon, depth, mw, uncertainty);
      if (bad != null) {
        refuse(id, Reason.BAD_VALUE, bad);
        return;
      }
      events.add(
          new CatalogEvent(
              id,
              timeMicros,
              lat,
              lon,
              depth,
              mw,
              uncertainty,
              magnitude.texts.get("type"),
              agency(e, origin, magnitude),
              e.texts.get("description/text")));
    }

    /** Null if every present value is in range; otherwise which one is not. */
    private static String badValue(
        OriginText origin, double lat, double lon, double depth, double mw, double uncertainty) {
      for (String key : List.of("latitude/value", "longitude/value", "depth/value")) {
        String raw = origin.texts.get(key);
        if (raw != null && !raw.isEmpty() && Double.isNaN(number(raw))) {
          return key.substring(0, key.indexOf('/')) + " '" + raw + "' is not a number";
        }
      }
      if (!Double.isNaN(lat) && Math.abs(lat) > 90) {
        return "latitude " + lat + " outside [-90, 90]";
      }
      if (!Double.isNaN(lon) && Math.abs(lon) > 180) {
        return "longitude " + lon + " outside [-180, 180]";
      }
      // Depth in metres below sea level: a few km above it to the deepest slabs (~700 km).
      if (!Double.isNaN(depth) && (depth < -10_000 || depth > 1_000_000)) {
        return "depth " + depth + " m outside [-10 km, 1000 km]";
      }
      if (Double.isNaN(mw) || mw < -3 || mw > 11) {
        return "moment magnitude " + mw + " outside [-3, 11]";
      }
      if (!Double.isNaN(uncertainty) && (uncertainty < 0 || uncertainty > 5)) {
        return "magnitude uncertainty " + uncertainty + " outside [0, 5]";
      }
      return null;
    }

    private static String agency(EventText e, OriginText origin, OriginText magnitude) {
      for (Map<String, String> texts : List.of(magnitude.texts, origin.texts)) {
        for (String key : List.of("creationInfo/agencyID", "creationInfo/author")) {
          String v = texts.get(key);
          if (v != null && !v.isEmpty()) {
            return v;
          }
        }
      }
      String v = e.texts.get("creationInfo/agencyID");
      if (v == null || v.isEmpty()) {
        v = e.texts.get("creationInfo/author");
      }
      return v == null || v.isEmpty() ? null : v;
    }

    private static OriginText chooseMagnitude(EventText e) {
      String preferred = e.texts.get("preferredMagnitudeID");
      OriginText best = null;
      int bestRank = Integer.MAX_VALUE;
      for (OriginText m : e.magnitudes) {
        String type = m.texts.get("type");
        if (type == null
            || !MOMENT_MAGNITUDE.matcher(type).matches()
            || Double.isNaN(number(m.texts.get("mag/value")))) {
          continue;
        }
        if (preferred != null && preferred.equals(m.publicId)) {
          return m;
        }
        int rank = MOMENT_RANK.indexOf(type.toLowerCase(Locale.ROOT));
        rank = rank < 0 ? MOMENT_RANK.size() : rank;
        if (rank < bestRank) {
          best = m;
          bestRank = rank;
        }
      }
      return best;
    }

    private static OriginText chooseOrigin(EventText e, String magnitudeOriginId) {
      for (String id : new String[] {e.texts.get("preferredOriginID"), magnitudeOriginId}) {
        if (id != null) {
          for (OriginText o : e.origins) {
            if (id.equals(o.publicId)) {
              return o;
            }
          }
        }
      }
      return e.origins.isEmpty() ? null : e.origins.get(0);
    }

    private static String magnitudesOf(EventText e) {
      if (e.magnitudes.isEmpty()) {
        return "the event has no magnitude";
      }
      List<String> found = new ArrayList<>();
      for (OriginText m : e.magnitudes) {
        found.add(m.texts.getOrDefault("type", "untyped") + " " + m.texts.get("mag/value"));
      }
      return "no moment magnitude among " + String.join(", ", found);
    }
  }

  /** A finite number, or NaN when absent or not a finite number. */
  static double number(String text) {
    if (text == null || text.isEmpty()) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** An xs:dateTime as µs since 1970 (UTC when it has no zone), truncated to the microsecond. */
  static long micros(String dateTime) {
    TemporalAccessor t = DATE_TIME.parse(dateTime);
    Instant instant =
        t.isSupported(ChronoField.OFFSET_SECONDS)
            ? OffsetDateTime.from(t).toInstant()
            : LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }
}
