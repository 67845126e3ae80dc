package org.asperity.simulator.physics;

/**
 * The sources of irregularity of the seismic cycle beyond the per-cycle strength draw of {@link
 * CycleParameters#strengthVariability()}, each with its own switch (for ablations). {@link #NONE}
 * leaves the cycle exactly as without it: no random number is drawn for a switched-off source.
 *
 * @param slipLogSigma standard deviation of the natural logarithm of each rupture's stress drop
 *     (and so slip) per asperity, relative to the strength excess it would release (median factor
 *     1): a factor above 1 is a dynamic overshoot below the residual level, below 1 an undershoot;
 *     0 for characteristic slip
 * @param couplingSigma standard deviation of the slow fluctuation of each asperity's loading rate
 *     (plate rate times coupling), as a fraction of it; an Ornstein-Uhlenbeck process; 0 for none
 * @param couplingCorrelationYears correlation time of that fluctuation
 * @param afterslip postseismic afterslip after each rupture, or null for none
 * @param slowSlip slow slip events on a deeper patch, or null for none
 * @param precursor precursory decoupling drawn per cycle, or null: then the fixed {@link
 *     CycleParameters#precursorOnset()} and {@link CycleParameters#precursorMaxDecoupling()} apply
 *     (disabled when the onset is 1)
 */
public record Variability(
    double slipLogSigma,
    double couplingSigma,
    double couplingCorrelationYears,
    Afterslip afterslip,
    SlowSlip slowSlip,
    Precursor precursor) {

  /** No source beyond the strength draw: the cycle of the older presets. */
  public static final Variability NONE = new Variability(0.0, 0.0, 1.0, null, null, null);

  public Variability {
    if (!(slipLogSigma >= 0 && slipLogSigma <= 1)) {
      throw new IllegalArgumentException("slip log-sigma must be in [0, 1]: " + slipLogSigma);
    }
    if (!(couplingSigma >= 0 && couplingSigma <= 0.5) || !(couplingCorrelationYears > 0)) {
      throw new IllegalArgumentException(
          "coupling sigma in [0, 0.5] and a positive correlation time required");
    }
  }

  /** True when some source draws random numbers of its own. */
  public boolean any() {
    return slipLogSigma > 0
        || couplingSigma > 0
        || afterslip != null
        || slowSlip != null
        || precursor != null;
  }

  public Variability withSlipLogSigma(double value) {
    return new Variability(
        value, couplingSigma, couplingCorrelationYears, afterslip, slowSlip, precursor);
  }

  public Variability withCouplingSigma(double value) {
    return new Variability(
        slipLogSigma, value, couplingCorrelationYears, afterslip, slowSlip, precursor);
  }

  public Variability withAfterslip(Afterslip value) {
    return new Variability(
        slipLogSigma, couplingSigma, couplingCorrelationYears, value, slowSlip, precursor);
  }

  public Variability withSlowSlip(SlowSlip value) {
    return new Variability(
        slipLogSigma, couplingSigma, couplingCorrelationYears, afterslip, value, precursor);
  }

  public Variability withPrecursor(Precursor value) {
    return new Variability(
        slipLogSigma, couplingSigma, couplingCorrelationYears, afterslip, slowSlip, value);
  }

  /**
   * Afterslip on each ruptured asperity's coupling pattern, logarithmic in time after Marone et al.
   * (1991): {@code u(t) = a ln(1 + t / tau)} for {@code 0 <= t <= durationYears}, with {@code a}
   * set so that the first year's afterslip is a drawn fraction of the asperity's coseismic slip.
   * The afterslip reduces the asperity's slip deficit (and so its stress) and shows at the GNSS
   * stations as the postseismic transient.
   *
   * @param firstYearMedian median of the first year's afterslip as a fraction of the coseismic slip
   * @param firstYearLogSigma standard deviation of its natural logarithm
   * @param tauMinDays lower end of the time constant tau (drawn log-uniform per event)
   * @param tauMaxDays upper end of tau
   * @param durationYears afterslip stops after this long (the log law never converges)
   */
  public record Afterslip(
      double firstYearMedian,
      double firstYearLogSigma,
      double tauMinDays,
      double tauMaxDays,
      double durationYears) {
    public Afterslip {
      if (!(firstYearMedian > 0 && firstYearMedian < 2)
          || !(firstYearLogSigma >= 0)
          || !(tauMinDays > 0 && tauMaxDays >= tauMinDays)
          || !(durationYears > 0)) {
        throw new IllegalArgumentException("afterslip parameters out of range");
      }
    }
  }

  /**
   * A deeper, conditionally stable patch that accumulates slip deficit and releases it in slow slip
   * events of its own recurrence (intervals log-normal around the mean), each releasing the deficit
   * accumulated since the previous one at a constant rate over its duration. It is driven by time,
   * not by stress (its recurrence is what geodesy observes), and it loads the asperities
   * elastically when it slips.
   *
   * @param centerAlongStrikeKm centre along strike
   * @param centerDownDipKm centre down dip
   * @param semiAxisAlongStrikeKm half-length along strike
   * @param semiAxisDownDipKm half-width down dip
   * @param coupling fraction of the plate rate accumulated between events
   * @param recurrenceYears mean interval between slow slip events
   * @param recurrenceCov coefficient of variation of the intervals
   * @param durationDays duration of one event
   */
  public record SlowSlip(
      double centerAlongStrikeKm,
      double centerDownDipKm,
      double semiAxisAlongStrikeKm,
      double semiAxisDownDipKm,
      double coupling,
      double recurrenceYears,
      double recurrenceCov,
      double durationDays) {
    public SlowSlip {
      if (!(semiAxisAlongStrikeKm > 0 && semiAxisDownDipKm > 0)
          || !(coupling > 0 && coupling <= 1)
          || !(recurrenceYears > 0)
          || !(recurrenceCov >= 0 && recurrenceCov < 1)
          || !(durationDays > 0 && durationDays / 365.25 < recurrenceYears)) {
        throw new IllegalArgumentException("slow slip parameters out of range");
      }
    }

    /** The patch as an asperity spec, for its coupling pattern (it never fails seismically). */
    AsperitySpec patch() {
      return new AsperitySpec(
          "SSE",
          centerAlongStrikeKm,
          centerDownDipKm,
          semiAxisAlongStrikeKm,
          semiAxisDownDipKm,
          coupling,
          1.0);
    }
  }

  /**
   * Precursory decoupling drawn anew for each asperity's cycle: with probability {@code
   * probability} the cycle has one, with onset uniform in [{@code onsetMin}, {@code onsetMax}] of
   * the strength excess and a final decoupling uniform in [0, {@code maxDecoupling}].
   */
  public record Precursor(
      double probability, double onsetMin, double onsetMax, double maxDecoupling) {
    public Precursor {
      if (!(probability >= 0 && probability <= 1)
          || !(onsetMin > 0 && onsetMax >= onsetMin && onsetMax < 1)
          || !(maxDecoupling >= 0 && maxDecoupling < 1)) {
        throw new IllegalArgumentException("precursor parameters out of range");
      }
    }
  }
}
