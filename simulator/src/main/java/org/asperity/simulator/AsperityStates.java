package org.asperity.simulator;

/**
 * The true state of one region's asperities at one epoch (ground truth), arrays indexed by asperity
 * and reused between callbacks.
 *
 * <p>{@code slipDeficit} is the deficit amplitude of each asperity's core (metres of plate motion
 * not yet released; the stress excess over the residual level is the stiffness times these
 * amplitudes, so an amplitude dips below zero after a rupture front has made its asperity
 * overshoot), {@code shearStress} its mean shear stress and {@code strength} its failure threshold
 * in the current cycle (MPa).
 */
public final class AsperityStates {
  final double[] slipDeficit;
  final double[] shearStress;
  final double[] strength;

  AsperityStates(int asperities) {
    slipDeficit = new double[asperities];
    shearStress = new double[asperities];
    strength = new double[asperities];
  }

  public int asperityCount() {
    return slipDeficit.length;
  }

  public double[] slipDeficitMeters() {
    return slipDeficit;
  }

  public double[] shearStressMegapascals() {
    return shearStress;
  }

  public double[] strengthMegapascals() {
    return strength;
  }
}
