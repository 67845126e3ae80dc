package org.asperity.simulator;

import java.util.SplittableRandom;

/** Independent, reproducible random streams derived from the master seed (SplitMix64 mixing). */
public final class Seeds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  static final long CYCLE = 0x43594331L;
  static final long NOISE = 0x4E4F4953L;

  private Seeds() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A seed for the stream identified by (master seed, purpose, region, index). */
  public static long derive(long master, long purpose, int region, int index) {
    long h = mix(master + GOLDEN);
    h = mix(h ^ (purpose * GOLDEN));
    h = mix(h ^ ((region + 1L) * 0xD1B54A32D192ED03L));
    return mix(h ^ ((index + 1L) * 0xAEF17502108EF2D9L));
  }

  public static SplittableRandom random(long master, long purpose, int region, int index) {
    return new SplittableRandom(derive(master, purpose, region, index));
  }
}
