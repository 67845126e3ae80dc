package org.asperity.simulator;

import java.util.Locale;
import org.asperity.simulator.physics.CycleParameters;
import org.asperity.simulator.physics.Variability;

/**
 * One physics ingredient of the variable preset, switched in turn for ablations: {@link #toggle}
 * turns it off when the model has it and on (with the preset's values) when it has not.
 */
public enum Ingredient {
  /** Precursory decoupling drawn per cycle ({@link Preset#PRECURSOR_WHEN_ON}); off by default. */
  PRECURSOR,
  /** Logarithmic afterslip after every rupture. */
  AFTERSLIP,
  /** Slow slip events on the deeper patch. */
  SLOW_SLIP,
  /** Slow fluctuation of each asperity's loading rate. */
  COUPLING_FLUCTUATION,
  /** Per-cycle strength and per-rupture stress-drop (slip) variability. */
  STRENGTH_AND_SLIP_VARIABILITY;

  /** Lower-case, dash-separated name, as on the command line and in the card. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether {@code definition} has this ingredient. */
  public boolean presentIn(ModelDefinition definition) {
    CycleParameters c = definition.cycle();
    Variability v = c.variability();
    return switch (this) {
      case PRECURSOR -> v.precursor() != null || c.precursorOnset() < 1.0;
      case AFTERSLIP -> v.afterslip() != null;
      case SLOW_SLIP -> v.slowSlip() != null;
      case COUPLING_FLUCTUATION -> v.couplingSigma() > 0;
      case STRENGTH_AND_SLIP_VARIABILITY -> c.strengthVariability() > 0 || v.slipLogSigma() > 0;
    };
  }

  /** The definition with this ingredient switched: off if present, else on with the preset's. */
  public ModelDefinition toggle(ModelDefinition definition) {
    boolean on = !presentIn(definition);
    CycleParameters c = definition.cycle();
    Variability v = c.variability();
    Variability all = Preset.VARIABILITY;
    CycleParameters changed =
        switch (this) {
          case PRECURSOR ->
              on
                  ? c.withVariability(v.withPrecursor(Preset.PRECURSOR_WHEN_ON))
                  : c.withPrecursor(1.0, 0.0).withVariability(v.withPrecursor(null));
          case AFTERSLIP -> c.withVariability(v.withAfterslip(on ? all.afterslip() : null));
          case SLOW_SLIP -> c.withVariability(v.withSlowSlip(on ? all.slowSlip() : null));
          case COUPLING_FLUCTUATION ->
              c.withVariability(v.withCouplingSigma(on ? all.couplingSigma() : 0.0));
          case STRENGTH_AND_SLIP_VARIABILITY ->
              c.withStrengthVariability(on ? Preset.VARIABLE_CYCLE.strengthVariability() : 0.0)
                  .withVariability(v.withSlipLogSigma(on ? all.slipLogSigma() : 0.0));
        };
    return definition.withCycle(changed);
  }
}
