package org.asperity.simulator.physics;

/**
 * How much of the margin a rupture broke, counted in large asperities (see {@link
 * FaultModel#isLarge}): the small ones (relays in the barriers) give the Mw ~6 end of the catalog
 * and do not decide the kind.
 */
public enum RuptureExtent {
  /** Only small asperities slipped. */
  SMALL,
  /** Some of the large asperities slipped, not all. */
  PARTIAL,
  /** Every large asperity slipped. */
  FULL_MARGIN;

  /**
   * The extent of a rupture that broke {@code large} of the model's {@code largeTotal} large
   * asperities.
   */
  public static RuptureExtent of(int large, int largeTotal) {
    return large == 0 ? SMALL : large < largeTotal ? PARTIAL : FULL_MARGIN;
  }
}
