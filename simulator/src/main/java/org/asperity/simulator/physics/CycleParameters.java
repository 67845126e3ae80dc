package org.asperity.simulator.physics;

import org.asperity.time.TimeUnits;

/**
 * Physical parameters of the seismic-cycle model (see {@link SeismicCycle}).
 *
 * @param shearModulusPa rigidity mu for moments and stresses
 * @param poissonRatio nu of the elastic half-space / whole space
 * @param plateRateMetersPerYear convergence rate loading the asperities
 * @param residualStressMegapascals shear stress an asperity is left at after nucleating a rupture
 *     (the dynamic friction level; one triggered early by a rupture front overshoots below it);
 *     only shifts the reported absolute stresses
 * @param strengthVariability standard deviation of each cycle's strength excess over the residual
 *     level, as a fraction of the stress drop (drawn per cycle, clipped at 3 sigma)
 * @param interactionStrength scale of the elastic interaction between asperities: 1 = static
 *     elastic stress transfer (and the triggering below), 0 = independent asperities
 * @param dynamicTriggeringFactor ratio of the peak dynamic stress that a rupture brings to a
 *     neighbour's facing edge to the static one (rupture-front stress concentration, 2-3 in dynamic
 *     models)
 * @param triggeringBandKm width of a neighbour's facing edge over which the rupture-front stress is
 *     averaged
 * @param haloWidth width of the partially coupled halo around each core, as a fraction of the
 *     semi-axes
 * @param precursorOnset fraction of the loading cycle (stress excess / strength excess) after which
 *     the asperity starts to decouple (nucleation creep, Dieterich 1992); 1 disables it
 * @param precursorMaxDecoupling fraction of the plate rate released aseismically just before
 *     failure
 * @param physicsStepDays integration step of the cycle (events are located inside a step by
 *     interpolation)
 * @param variability the further sources of irregularity ({@link Variability#NONE} for none)
 */
public record CycleParameters(
    double shearModulusPa,
    double poissonRatio,
    double plateRateMetersPerYear,
    double residualStressMegapascals,
    double strengthVariability,
    double interactionStrength,
    double dynamicTriggeringFactor,
    double triggeringBandKm,
    double haloWidth,
    double precursorOnset,
    double precursorMaxDecoupling,
    double physicsStepDays,
    Variability variability) {

  /** Parameters without further sources of irregularity ({@link Variability#NONE}). */
  public CycleParameters(
      double shearModulusPa,
      double poissonRatio,
      double plateRateMetersPerYear,
      double residualStressMegapascals,
      double strengthVariability,
      double interactionStrength,
      double dynamicTriggeringFactor,
      double triggeringBandKm,
      double haloWidth,
      double precursorOnset,
      double precursorMaxDecoupling,
      double physicsStepDays) {
    this(
        shearModulusPa,
        poissonRatio,
        plateRateMetersPerYear,
        residualStressMegapascals,
        strengthVariability,
        interactionStrength,
        dynamicTriggeringFactor,
        triggeringBandKm,
        haloWidth,
        precursorOnset,
        precursorMaxDecoupling,
        physicsStepDays,
        Variability.NONE);
  }

  public CycleParameters {
    java.util.Objects.requireNonNull(variability, "variability");
    if (!(shearModulusPa > 0) || !(plateRateMetersPerYear > 0) || !(physicsStepDays > 0)) {
      throw new IllegalArgumentException("shear modulus, plate rate and step must be positive");
    }
    if (!(poissonRatio > 0 && poissonRatio < 0.5)) {
      throw new IllegalArgumentException("Poisson ratio must be in (0, 0.5)");
    }
    if (!(strengthVariability >= 0 && strengthVariability <= 0.3)) {
      throw new IllegalArgumentException("strength variability must be in [0, 0.3]");
    }
    if (!(interactionStrength >= 0) || !(dynamicTriggeringFactor >= 0) || !(triggeringBandKm > 0)) {
      throw new IllegalArgumentException("interaction parameters must be non-negative");
    }
    if (!(haloWidth > 0)) {
      throw new IllegalArgumentException("halo width must be positive");
    }
    if (!(precursorOnset > 0 && precursorOnset <= 1)
        || !(precursorMaxDecoupling >= 0 && precursorMaxDecoupling < 1)) {
      throw new IllegalArgumentException("precursor onset in (0, 1], decoupling in [0, 1)");
    }
  }

  public double plateRateMetersPerDay() {
    return plateRateMetersPerYear / TimeUnits.DAYS_PER_YEAR;
  }

  public CycleParameters withInteractionStrength(double value) {
    return new CycleParameters(
        shearModulusPa,
        poissonRatio,
        plateRateMetersPerYear,
        residualStressMegapascals,
        strengthVariability,
        value,
        dynamicTriggeringFactor,
        triggeringBandKm,
        haloWidth,
        precursorOnset,
        precursorMaxDecoupling,
        physicsStepDays,
        variability);
  }

  public CycleParameters withStrengthVariability(double value) {
    return new CycleParameters(
        shearModulusPa,
        poissonRatio,
        plateRateMetersPerYear,
        residualStressMegapascals,
        value,
        interactionStrength,
        dynamicTriggeringFactor,
        triggeringBandKm,
        haloWidth,
        precursorOnset,
        precursorMaxDecoupling,
        physicsStepDays,
        variability);
  }

  public CycleParameters withPlateRate(double metersPerYear) {
    return new CycleParameters(
        shearModulusPa,
        poissonRatio,
        metersPerYear,
        residualStressMegapascals,
        strengthVariability,
        interactionStrength,
        dynamicTriggeringFactor,
        triggeringBandKm,
        haloWidth,
        precursorOnset,
        precursorMaxDecoupling,
        physicsStepDays,
        variability);
  }

  public CycleParameters withDynamicTriggeringFactor(double value) {
    return new CycleParameters(
        shearModulusPa,
        poissonRatio,
        plateRateMetersPerYear,
        residualStressMegapascals,
        strengthVariability,
        interactionStrength,
        value,
        triggeringBandKm,
        haloWidth,
        precursorOnset,
        precursorMaxDecoupling,
        physicsStepDays,
        variability);
  }

  public CycleParameters withPrecursor(double onset, double maxDecoupling) {
    return new CycleParameters(
        shearModulusPa,
        poissonRatio,
        plateRateMetersPerYear,
        residualStressMegapascals,
        strengthVariability,
        interactionStrength,
        dynamicTriggeringFactor,
        triggeringBandKm,
        haloWidth,
        onset,
        maxDecoupling,
        physicsStepDays,
        variability);
  }

  public CycleParameters withVariability(Variability value) {
    return new CycleParameters(
        shearModulusPa,
        poissonRatio,
        plateRateMetersPerYear,
        residualStressMegapascals,
        strengthVariability,
        interactionStrength,
        dynamicTriggeringFactor,
        triggeringBandKm,
        haloWidth,
        precursorOnset,
        precursorMaxDecoupling,
        physicsStepDays,
        value);
  }

  public CycleParameters withHaloWidth(double value) {
    return new CycleParameters(
        shearModulusPa,
        poissonRatio,
        plateRateMetersPerYear,
        residualStressMegapascals,
        strengthVariability,
        interactionStrength,
        dynamicTriggeringFactor,
        triggeringBandKm,
        value,
        precursorOnset,
        precursorMaxDecoupling,
        physicsStepDays,
        variability);
  }
}
