package org.asperity.trainer.onnx;

/**
 * The space in which the time-to-failure trees are trained. The export bakes the inverse into the
 * ONNX graph, so every consumer gets days.
 */
public enum TtfTransform {

  /** The trees predict days. */
  IDENTITY,

  /**
   * The trees predict ln(1 + days): errors scale with the time to failure, and the long quiet
   * stretches of an irregular cycle (recurrence CV ~0.5) do not dominate the loss. The graph
   * applies Exp then subtracts 1.
   */
  LOG1P;

  /** The training label for a time to failure in days (&ge; 0). */
  public float toTarget(double days) {
    if (!(days >= 0)) {
      throw new IllegalArgumentException("A time to failure must be >= 0 days, not " + days);
    }
    return switch (this) {
      case IDENTITY -> (float) days;
      case LOG1P -> (float) Math.log1p(days);
    };
  }
}
