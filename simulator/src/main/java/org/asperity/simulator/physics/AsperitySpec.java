package org.asperity.simulator.physics;

/**
 * A velocity-weakening asperity: an elliptical patch of the megathrust, locked between earthquakes.
 *
 * @param name identifier within the region, e.g. A1
 * @param centerAlongStrikeKm centre along strike from the fault origin
 * @param centerDownDipKm centre down dip from the fault's top edge
 * @param semiAxisAlongStrikeKm half-length along strike of the fully locked core
 * @param semiAxisDownDipKm half-width down dip of the fully locked core
 * @param coupling fraction of the plate rate accumulated as slip deficit in the core, (0, 1]
 * @param stressDropMegapascals mean strength excess over the residual level, released at every
 *     failure of the asperity (characteristic slip = stress drop / self-stiffness)
 */
public record AsperitySpec(
    String name,
    double centerAlongStrikeKm,
    double centerDownDipKm,
    double semiAxisAlongStrikeKm,
    double semiAxisDownDipKm,
    double coupling,
    double stressDropMegapascals) {

  public AsperitySpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("asperity name required");
    }
    if (!(semiAxisAlongStrikeKm > 0) || !(semiAxisDownDipKm > 0)) {
      throw new IllegalArgumentException(name + ": semi-axes must be positive");
    }
    if (!(coupling > 0 && coupling <= 1)) {
      throw new IllegalArgumentException(name + ": coupling must be in (0, 1]: " + coupling);
    }
    if (!(stressDropMegapascals > 0)) {
      throw new IllegalArgumentException(name + ": stress drop must be positive");
    }
  }
}
