package org.asperity.features;

import static org.asperity.time.TimeUnits.MICROS_PER_DAY;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every tunable of the feature extraction, immutable. The trainer and the job must use the same
 * configuration: it is part of the {@link FeatureSchema} hash (through {@link #canonicalString()})
 * and serialized states carry its {@link #fingerprint()} so a state is never restored under another
 * configuration.
 */
public final class FeatureConfig {
  /** One day in microseconds: the default sampling and tick interval of daily GNSS solutions. */
  private final long tickIntervalMicros;

  private final int shortWindowSamples;
  private final int mediumWindowSamples;
  private final int longWindowSamples;
  private final double jumpThresholdSigma;
  private final int eventMinStations;
  private final int eventCoincidenceTicks;
  private final double releaseMinSlipMeters;
  private final double releaseRelativeSlip;
  private final double inversionDamping;
  private final double swathMinTrenchDistanceKm;
  private final double swathMaxTrenchDistanceKm;
  private final double rigidityPascals;
  private final String canonical;
  private final long fingerprint;

  private FeatureConfig(Builder b) {
    this.tickIntervalMicros = b.tickIntervalMicros;
    this.shortWindowSamples = b.shortWindowSamples;
    this.mediumWindowSamples = b.mediumWindowSamples;
    this.longWindowSamples = b.longWindowSamples;
    this.jumpThresholdSigma = b.jumpThresholdSigma;
    this.eventMinStations = b.eventMinStations;
    this.eventCoincidenceTicks = b.eventCoincidenceTicks;
    this.releaseMinSlipMeters = b.releaseMinSlipMeters;
    this.releaseRelativeSlip = b.releaseRelativeSlip;
    this.inversionDamping = b.inversionDamping;
    this.swathMinTrenchDistanceKm = b.swathMinTrenchDistanceKm;
    this.swathMaxTrenchDistanceKm = b.swathMaxTrenchDistanceKm;
    this.rigidityPascals = b.rigidityPascals;
    validate();
    this.canonical =
        String.format(
            Locale.ROOT,
            "tickIntervalMicros=%d;shortWindowSamples=%d;mediumWindowSamples=%d;longWindowSamples=%d;"
                + "jumpThresholdSigma=%s;eventMinStations=%d;eventCoincidenceTicks=%d;releaseMinSlipMeters=%s;"
                + "releaseRelativeSlip=%s;inversionDamping=%s;swathMinTrenchDistanceKm=%s;"
                + "swathMaxTrenchDistanceKm=%s;rigidityPascals=%s",
            tickIntervalMicros,
            shortWindowSamples,
            mediumWindowSamples,
            longWindowSamples,
            Double.toString(jumpThresholdSigma),
            eventMinStations,
            eventCoincidenceTicks,
            Double.toString(releaseMinSlipMeters),
            Double.toString(releaseRelativeSlip),
            Double.toString(inversionDamping),
            Double.toString(swathMinTrenchDistanceKm),
            Double.toString(swathMaxTrenchDistanceKm),
            Double.toString(rigidityPascals));
    this.fingerprint =
        ByteBuffer.wrap(sha256(canonical.getBytes(StandardCharsets.UTF_8))).getLong();
  }

  private void validate() {
    if (tickIntervalMicros <= 0) {
      throw new IllegalArgumentException("tickIntervalMicros must be > 0: " + tickIntervalMicros);
    }
    if (shortWindowSamples < 3
        || mediumWindowSamples <= shortWindowSamples
        || longWindowSamples <= mediumWindowSamples) {
      throw new IllegalArgumentException(
          "windows must satisfy 3 <= short < medium < long: "
              + shortWindowSamples
              + ", "
              + mediumWindowSamples
              + ", "
              + longWindowSamples);
    }
    if (longWindowSamples > 1_000_000) {
      throw new IllegalArgumentException(
          "long window above 1,000,000 samples: " + longWindowSamples);
    }
    requirePositive("jumpThresholdSigma", jumpThresholdSigma);
    if (eventMinStations < 1) {
      throw new IllegalArgumentException("eventMinStations must be >= 1: " + eventMinStations);
    }
    if (eventCoincidenceTicks < 1) {
      throw new IllegalArgumentException(
          "eventCoincidenceTicks must be >= 1: " + eventCoincidenceTicks);
    }
    if (!(releaseMinSlipMeters >= 0) || Double.isInfinite(releaseMinSlipMeters)) {
      throw new IllegalArgumentException(
          "releaseMinSlipMeters must be finite and >= 0: " + releaseMinSlipMeters);
    }
    if (!(releaseRelativeSlip >= 0 && releaseRelativeSlip <= 1)) {
      throw new IllegalArgumentException(
          "releaseRelativeSlip must be in [0, 1]: " + releaseRelativeSlip);
    }
    requirePositive("inversionDamping", inversionDamping);
    if (!(swathMinTrenchDistanceKm >= 0 && swathMaxTrenchDistanceKm > swathMinTrenchDistanceKm)
        || Double.isInfinite(swathMaxTrenchDistanceKm)) {
      throw new IllegalArgumentException(
          "swath must satisfy 0 <= min < max < inf: "
              + swathMinTrenchDistanceKm
              + ", "
              + swathMaxTrenchDistanceKm);
    }
    requirePositive("rigidityPascals", rigidityPascals);
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0: " + value);
    }
  }

  /**
   * The defaults: daily ticks, windows of 30 / 365 / 3650 samples, i.e. days: one position per
   * station and tick (the job aggregates faster feeds into it).
   */
  public static FeatureConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.tickIntervalMicros = tickIntervalMicros;
    b.shortWindowSamples = shortWindowSamples;
    b.mediumWindowSamples = mediumWindowSamples;
    b.longWindowSamples = longWindowSamples;
    b.jumpThresholdSigma = jumpThresholdSigma;
    b.eventMinStations = eventMinStations;
    b.eventCoincidenceTicks = eventCoincidenceTicks;
    b.releaseMinSlipMeters = releaseMinSlipMeters;
    b.releaseRelativeSlip = releaseRelativeSlip;
    b.inversionDamping = inversionDamping;
    b.swathMinTrenchDistanceKm = swathMinTrenchDistanceKm;
    b.swathMaxTrenchDistanceKm = swathMaxTrenchDistanceKm;
    b.rigidityPascals = rigidityPascals;
    return b;
  }

  /**
   * The tick a sample belongs to: the smallest multiple of the tick interval (since 1970) that is
   * &ge; {@code epochMicros}, i.e. the tick T with epoch in (T &minus; interval, T].
   */
  public long tickOf(long epochMicros) {
    long q = Math.floorDiv(epochMicros, tickIntervalMicros);
    long tick = q * tickIntervalMicros;
    return tick == epochMicros ? tick : tick + tickIntervalMicros;
  }

  /** Whether {@code tickMicros} is a multiple of the tick interval. */
  public boolean isTick(long tickMicros) {
    return Math.floorMod(tickMicros, tickIntervalMicros) == 0;
  }

  /** Forecast tick spacing (event time), microseconds; ticks are its multiples since 1970. */
  public long tickIntervalMicros() {
    return tickIntervalMicros;
  }

  /** Short window, samples: one per tick, so days for daily ticks (default 30). */
  public int shortWindowSamples() {
    return shortWindowSamples;
  }

  /** Medium window, samples: one per tick, so days for daily ticks (default 365). */
  public int mediumWindowSamples() {
    return mediumWindowSamples;
  }

  /** Long window, samples: one per tick, so days for daily ticks (default 3650). */
  public int longWindowSamples() {
    return longWindowSamples;
  }

  /** The three windows, short to long. */
  public int[] windowSamples() {
    return new int[] {shortWindowSamples, mediumWindowSamples, longWindowSamples};
  }

  /**
   * Threshold on the normalised innovation (a chi with three degrees of freedom) beyond which a
   * sample is screened (replaced by its prediction) and becomes an offset candidate (default 5).
   */
  public double jumpThresholdSigma() {
    return jumpThresholdSigma;
  }

  /**
   * Stations with a new offset within the coincidence window that make a network (coseismic) event
   * (default 3).
   */
  public int eventMinStations() {
    return eventMinStations;
  }

  /** Coincidence window for station offsets of one event, in ticks (default 3). */
  public int eventCoincidenceTicks() {
    return eventCoincidenceTicks;
  }

  /** Coincidence window in microseconds. */
  public long eventCoincidenceMicros() {
    return eventCoincidenceTicks * tickIntervalMicros;
  }

  /**
   * Minimum estimated coseismic slip for an asperity to count as released, metres (default 0.05).
   */
  public double releaseMinSlipMeters() {
    return releaseMinSlipMeters;
  }

  /** Minimum slip relative to the event's largest asperity slip for a release (default 0.3). */
  public double releaseRelativeSlip() {
    return releaseRelativeSlip;
  }

  /**
   * Tikhonov damping relative to the mean diagonal of the weighted normal matrix (default 1e-4).
   */
  public double inversionDamping() {
    return inversionDamping;
  }

  /**
   * Inner edge of the coastal swath, distance to the trench, km (default 70; Corbi et al. 2020).
   */
  public double swathMinTrenchDistanceKm() {
    return swathMinTrenchDistanceKm;
  }

  /**
   * Outer edge of the coastal swath, distance to the trench, km (default 85; Corbi et al. 2020).
   */
  public double swathMaxTrenchDistanceKm() {
    return swathMaxTrenchDistanceKm;
  }

  /** Shear modulus for the moment-magnitude proxy, Pa (default 3e10). */
  public double rigidityPascals() {
    return rigidityPascals;
  }

  /** A canonical text of every parameter, fixed order and formatting; part of the schema hash. */
  public String canonicalString() {
    return canonical;
  }

  /**
   * Parses {@link #canonicalString()} back (the trainer stores it in the model metadata; the job
   * rebuilds the identical configuration from it).
   *
   * @throws IllegalArgumentException on an unknown, missing or malformed parameter
   */
  public static FeatureConfig fromCanonicalString(String canonical) {
    Map<String, String> values = new HashMap<>();
    for (String pair : canonical.split(";")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || values.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
        throw new IllegalArgumentException("malformed feature configuration entry '" + pair + "'");
      }
    }
    try {
      Builder b =
          builder()
              .tickIntervalMicros(Long.parseLong(take(values, "tickIntervalMicros")))
              .windows(
                  Integer.parseInt(take(values, "shortWindowSamples")),
                  Integer.parseInt(take(values, "mediumWindowSamples")),
                  Integer.parseInt(take(values, "longWindowSamples")))
              .jumpThresholdSigma(Double.parseDouble(take(values, "jumpThresholdSigma")))
              .eventMinStations(Integer.parseInt(take(values, "eventMinStations")))
              .eventCoincidenceTicks(Integer.parseInt(take(values, "eventCoincidenceTicks")))
              .releaseMinSlipMeters(Double.parseDouble(take(values, "releaseMinSlipMeters")))
              .releaseRelativeSlip(Double.parseDouble(take(values, "releaseRelativeSlip")))
              .inversionDamping(Double.parseDouble(take(values, "inversionDamping")))
              .swathTrenchDistanceKm(
                  Double.parseDouble(take(values, "swathMinTrenchDistanceKm")),
                  Double.parseDouble(take(values, "swathMaxTrenchDistanceKm")))
              .rigidityPascals(Double.parseDouble(take(values, "rigidityPascals")));
      if (!values.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown feature configuration parameters " + values.keySet());
      }
      return b.build();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed feature configuration: " + e.getMessage(), e);
    }
  }

  private static String take(Map<String, String> values, String key) {
    String v = values.remove(key);
    if (v == null) {
      throw new IllegalArgumentException("feature configuration lacks " + key);
    }
    return v;
  }

  /** First 8 bytes of SHA-256 of {@link #canonicalString()}: stored in serialized states. */
  public long fingerprint() {
    return fingerprint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureConfig && ((FeatureConfig) o).canonical.equals(canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureConfig[" + canonical + "]";
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private long tickIntervalMicros = MICROS_PER_DAY;
    private int shortWindowSamples = 30;
    private int mediumWindowSamples = 365;
    private int longWindowSamples = 3650;
    private double jumpThresholdSigma = 5.0;
    private int eventMinStations = 3;
    private int eventCoincidenceTicks = 3;
    private double releaseMinSlipMeters = 0.05;
    private double releaseRelativeSlip = 0.3;
    private double inversionDamping = 1e-4;
    private double swathMinTrenchDistanceKm = 70.0;
    private double swathMaxTrenchDistanceKm = 85.0;
    private double rigidityPascals = 3.0e10;

    private Builder() {}

    public Builder tickIntervalMicros(long v) {
      tickIntervalMicros = v;
      return this;
    }

    public Builder windows(int shortSamples, int mediumSamples, int longSamples) {
      shortWindowSamples = shortSamples;
      mediumWindowSamples = mediumSamples;
      longWindowSamples = longSamples;
      return this;
    }

    public Builder jumpThresholdSigma(double v) {
      jumpThresholdSigma = v;
      return this;
    }

    public Builder eventMinStations(int v) {
      eventMinStations = v;
      return this;
    }

    public Builder eventCoincidenceTicks(int v) {
      eventCoincidenceTicks = v;
      return this;
    }

    public Builder releaseMinSlipMeters(double v) {
      releaseMinSlipMeters = v;
      return this;
    }

    public Builder releaseRelativeSlip(double v) {
      releaseRelativeSlip = v;
      return this;
    }

    public Builder inversionDamping(double v) {
      inversionDamping = v;
      return this;
    }

    public Builder swathTrenchDistanceKm(double minKm, double maxKm) {
      swathMinTrenchDistanceKm = minKm;
      swathMaxTrenchDistanceKm = maxKm;
      return this;
    }

    public Builder rigidityPascals(double v) {
      rigidityPascals = v;
      return this;
    }

    public FeatureConfig build() {
      return new FeatureConfig(this);
    }
  }
}
