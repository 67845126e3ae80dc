package org.asperity.simulator.physics;

import java.util.ArrayList;
import java.util.List;
import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.FaultPatch;

/**
 * The static mechanical model of one megathrust: the mesh, the asperities' coupling patterns and
 * the elastic interaction between asperities, both computed once from {@link SpectralStressKernel}:
 *
 * <ul>
 *   <li>{@code nominalMagnitude[i]}: Mw of asperity i rupturing on its own with its full stress
 *       drop. Asperities within {@link #LARGE_MAGNITUDE_RANGE} of the largest one are
 *       <em>large</em>: they carry the margin's great earthquakes and decide whether a rupture is
 *       partial or full-margin; the others are small patches (relays in the barriers) that give the
 *       Mw ~6 end of the catalog.
 *   <li>{@code stiffness[i][j]}: mean shear stress on asperity i (weighted by its pattern) per
 *       metre of slip-deficit amplitude on asperity j (MPa/m). The diagonal is the crack stiffness
 *       (about 0.9 mu / semi-minor axis); off-diagonal terms are negative: a locked neighbour casts
 *       a stress shadow, its rupture loads i (static stress transfer).
 *   <li>{@code edgeTransfer[i][j]}: static stress on the band of i's core facing j, per MPa of
 *       stress drop on j. The rupture front concentrates stress at the neighbour's near edge, which
 *       is what decides whether a rupture jumps the barrier between two asperities.
 * </ul>
 */
public final class FaultModel {
  /** Pattern value above which a patch counts as part of the slipping area of a rupture. */
  static final double SLIPPING_PATTERN = 0.05;

  /** Pattern value above which a patch belongs to an asperity's core for the edge band. */
  private static final double CORE_PATTERN = 0.5;

  /**
   * Magnitude units below the largest asperity's nominal Mw within which an asperity counts as
   * large.
   */
  public static final double LARGE_MAGNITUDE_RANGE = 1.0;

  private final FaultMesh mesh;
  private final List<Asperity> asperities;
  private final double shearModulusPa;
  private final double[][] stiffness;
  private final double[][] edgeTransfer;
  private final double[] nominalMagnitude;
  private final boolean[] large;
  private final int largeCount;
  private final Asperity slowSlipPatch;
  private final double[] slowSlipStiffness;

  public FaultModel(FaultMesh mesh, List<AsperitySpec> specs, CycleParameters parameters) {
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("at least one asperity required");
    }
    this.mesh = mesh;
    this.shearModulusPa = parameters.shearModulusPa();
    List<Asperity> list = new ArrayList<>();
    for (AsperitySpec spec : specs) {
      if (list.stream().anyMatch(a -> a.name().equals(spec.name()))) {
        throw new IllegalArgumentException("duplicate asperity name " + spec.name());
      }
      list.add(new Asperity(list.size(), spec, mesh, parameters.haloWidth()));
    }
    asperities = List.copyOf(list);
    for (int p = 0; p < mesh.size(); p++) {
      double coupling = 0.0;
      int cores = 0;
      for (Asperity a : asperities) {
        coupling += a.pattern(p);
        cores += a.pattern(p) >= CORE_PATTERN ? 1 : 0;
      }
      if (cores > 1) {
        throw new IllegalArgumentException(
            "asperity cores overlap at patch " + p + ": separate them");
      }
      if (coupling > 1.0) {
        // overlapping halos share the patch so that the coupling never exceeds 1
        for (Asperity a : asperities) {
          a.shareOverlap(p, coupling, mesh.patches().get(p).areaSquareMeters());
        }
      }
    }
    SpectralStressKernel kernel =
        new SpectralStressKernel(mesh, parameters.shearModulusPa(), parameters.poissonRatio());
    int n = asperities.size();
    double[][] slipStress = new double[n][];
    for (int j = 0; j < n; j++) {
      slipStress[j] = kernel.stressFromSlip(asperities.get(j).patternCopy());
    }
    stiffness = new double[n][n];
    for (int i = 0; i < n; i++) {
      Asperity a = asperities.get(i);
      double weight = 0.0;
      for (int p = 0; p < mesh.size(); p++) {
        weight += a.pattern(p);
      }
      for (int j = 0; j < n; j++) {
        double sum = 0.0;
        for (int p = 0; p < mesh.size(); p++) {
          sum += a.pattern(p) * slipStress[j][p];
        }
        stiffness[i][j] = -sum / weight; // deficit is negative slip
      }
    }
    nominalMagnitude = new double[n];
    double largest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      Asperity a = asperities.get(i);
      double slip = a.spec().stressDropMegapascals() / stiffness[i][i];
      nominalMagnitude[i] = momentMagnitude(shearModulusPa * slip * a.potencySquareMeters());
      largest = Math.max(largest, nominalMagnitude[i]);
    }
    large = new boolean[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      large[i] = nominalMagnitude[i] >= largest - LARGE_MAGNITUDE_RANGE;
      count += large[i] ? 1 : 0;
    }
    largeCount = count;
    Variability.SlowSlip slowSlip = parameters.variability().slowSlip();
    slowSlipStiffness = new double[n];
    if (slowSlip == null) {
      slowSlipPatch = null;
    } else {
      slowSlipPatch = new Asperity(n, slowSlip.patch(), mesh, parameters.haloWidth());
      double[] fromSlowSlip = kernel.stressFromSlip(slowSlipPatch.patternCopy());
      for (int i = 0; i < n; i++) {
        Asperity a = asperities.get(i);
        double sum = 0.0;
        double weight = 0.0;
        for (int p = 0; p < mesh.size(); p++) {
          sum += a.pattern(p) * fromSlowSlip[p];
          weight += a.pattern(p);
        }
        slowSlipStiffness[i] = -sum / weight;
      }
    }
    edgeTransfer = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          edgeTransfer[i][j] =
              edgeStress(
                      asperities.get(i),
                      asperities.get(j),
                      slipStress[j],
                      parameters.triggeringBandKm())
                  / stiffness[j][j];
        }
      }
    }
  }

  /**
   * Mean stress (MPa per metre of slip amplitude on j) over the band of i's core facing j's core.
   */
  private double edgeStress(Asperity i, Asperity j, double[] stressFromJ, double bandKm) {
    List<FaultPatch> coreI = core(i);
    List<FaultPatch> coreJ = core(j);
    double[] distance = new double[coreI.size()];
    double nearest = Double.POSITIVE_INFINITY;
    for (int k = 0; k < coreI.size(); k++) {
      FaultPatch p = coreI.get(k);
      double best = Double.POSITIVE_INFINITY;
      for (FaultPatch q : coreJ) {
        best =
            Math.min(
                best,
                Math.hypot(p.alongStrikeKm() - q.alongStrikeKm(), p.downDipKm() - q.downDipKm()));
      }
      distance[k] = best;
      nearest = Math.min(nearest, best);
    }
    double sum = 0.0;
    int count = 0;
    for (int k = 0; k < coreI.size(); k++) {
      if (distance[k] <= nearest + bandKm) {
        sum += stressFromJ[coreI.get(k).index()];
        count++;
      }
    }
    return sum / count;
  }

  private List<FaultPatch> core(Asperity a) {
    List<FaultPatch> core = new ArrayList<>();
    for (FaultPatch p : mesh.patches()) {
      if (a.pattern(p.index()) >= CORE_PATTERN) {
        core.add(p);
      }
    }
    return core;
  }

  public FaultMesh mesh() {
    return mesh;
  }

  public List<Asperity> asperities() {
    return asperities;
  }

  public int asperityCount() {
    return asperities.size();
  }

  public double shearModulusPa() {
    return shearModulusPa;
  }

  /** The slow-slip patch (its coupling pattern), or null when the model has none. */
  public Asperity slowSlipPatch() {
    return slowSlipPatch;
  }

  /**
   * Mean stress on asperity i (MPa) per metre of slip-deficit amplitude on the slow-slip patch (0
   * without one): negative, a locked deep patch shadows the asperities and its slow slip loads
   * them.
   */
  public double slowSlipStiffness(int i) {
    return slowSlipStiffness[i];
  }

  /** Elastic stiffness, MPa of asperity-mean stress on i per metre of deficit amplitude on j. */
  public double stiffness(int i, int j) {
    return stiffness[i][j];
  }

  /** Static stress on i's facing edge per MPa of stress drop on j (0 on the diagonal). */
  public double edgeTransfer(int i, int j) {
    return edgeTransfer[i][j];
  }

  /**
   * Mw of asperity i failing on its own with its full stress drop (slip = stress drop /
   * self-stiffness).
   */
  public double nominalMagnitude(int i) {
    return nominalMagnitude[i];
  }

  /** True for the large asperities, whose ruptures decide partial versus full-margin. */
  public boolean isLarge(int i) {
    return large[i];
  }

  public int largeAsperityCount() {
    return largeCount;
  }

  /** Mw = (2/3)(log10 M0 - 9.1), M0 in N m (Hanks and Kanamori 1979). */
  static double momentMagnitude(double momentNewtonMeters) {
    return momentNewtonMeters > 0
        ? (2.0 / 3.0) * (Math.log10(momentNewtonMeters) - 9.1)
        : Double.NEGATIVE_INFINITY;
  }

  /** Slip-deficit field on every patch: sum over asperities of amplitude times pattern. */
  public double[] deficitField(double[] amplitudes) {
    double[] field = new double[mesh.size()];
    for (Asperity a : asperities) {
      double amplitude = amplitudes[a.index()];
      for (int p = 0; p < field.length; p++) {
        field[p] += amplitude * a.pattern(p);
      }
    }
    return field;
  }

  /** Size and extent of a rupture with the given slip amplitude per asperity. */
  Rupture describe(double onsetYears, int[] order, double[] slip) {
    double moment = 0.0;
    for (Asperity a : asperities) {
      moment += shearModulusPa * slip[a.index()] * a.potencySquareMeters();
    }
    double start = Double.POSITIVE_INFINITY;
    double end = Double.NEGATIVE_INFINITY;
    double area = 0.0;
    double slipArea = 0.0;
    double maxSlip = 0.0;
    for (FaultPatch p : mesh.patches()) {
      double patchSlip = 0.0;
      boolean slipping = false;
      for (int i : order) {
        double pattern = asperities.get(i).pattern(p.index());
        patchSlip += slip[i] * pattern;
        slipping |= pattern >= SLIPPING_PATTERN;
      }
      maxSlip = Math.max(maxSlip, patchSlip);
      if (slipping) {
        start = Math.min(start, p.alongStrikeKm() - 0.5 * p.lengthKm());
        end = Math.max(end, p.alongStrikeKm() + 0.5 * p.lengthKm());
        area += p.areaSquareKm();
        slipArea += patchSlip * p.areaSquareKm();
      }
    }
    int largeFailed = 0;
    for (int i : order) {
      largeFailed += large[i] ? 1 : 0;
    }
    return new Rupture(
        onsetYears,
        order,
        slip,
        moment,
        momentMagnitude(moment),
        RuptureExtent.of(largeFailed, largeCount),
        start,
        end,
        area,
        area > 0 ? slipArea / area : 0.0,
        maxSlip);
  }
}
