package org.asperity.trainer.data;

import java.util.ArrayList;
import java.util.List;
import org.asperity.features.RegionLayout;
import org.asperity.simulator.InversionGeometry;
import org.asperity.simulator.StaticModel;
import org.asperity.simulator.gnss.NoiseConfig;
import org.asperity.simulator.gnss.Station;
import org.asperity.simulator.physics.Asperity;

/**
 * The {@link RegionLayout} of a simulated region: what the features (and, through the model's
 * metadata, the streaming job) know about the network and the megathrust under it.
 */
public final class SimulatedLayouts {

  private SimulatedLayouts() {}

  /**
   * The layout of one region of a simulation, with the inversion's own megathrust ({@link
   * InversionGeometry#DEFAULT}): what an operator would deploy, never the simulator's Green's
   * functions.
   */
  public static RegionLayout of(String regionId, StaticModel model, NoiseConfig noise) {
    return of(regionId, model, noise, InversionGeometry.DEFAULT);
  }

  /**
   * The layout of one region of a simulation, its deficit basis computed on the megathrust that
   * {@code geometry} makes of the simulated one ({@link InversionGeometry#exact} for the
   * simulator's own).
   *
   * <p>Stations in the simulator's order, weighted by the nominal white-noise sigmas of {@code
   * noise} (the per-station quality factors are the stations' business, not the inversion's).
   * Asperity areas are their potencies per metre of slip amplitude (km²), so that slip amplitude
   * times area is the moment over the rigidity. The deficit basis is the response basis of the
   * assumed megathrust (asperities then matrix, per metre of deficit); the coseismic basis is its
   * negative for the asperities: a metre of thrust slip undoes a metre of back-slip.
   */
  public static RegionLayout of(
      String regionId, StaticModel truth, NoiseConfig noise, InversionGeometry geometry) {
    StaticModel model = truth.assumedByInversion(geometry);
    List<RegionLayout.Station> stations = new ArrayList<>();
    for (Station s : model.stations()) {
      stations.add(
          new RegionLayout.Station(
              s.code(),
              s.eastKm(),
              s.northKm(),
              s.coastal(),
              s.distanceFromTrenchKm(),
              noise.whiteHorizontalMeters(),
              noise.whiteHorizontalMeters(),
              noise.whiteVerticalMeters()));
    }
    List<RegionLayout.Asperity> asperities = new ArrayList<>();
    for (Asperity a : model.asperities()) {
      asperities.add(new RegionLayout.Asperity(a.name(), a.potencySquareMeters() / 1e6));
    }
    int n = asperities.size();
    int rows = 3 * stations.size();
    double[] basis = model.responseBasisRowMajor();
    double[][] deficit = new double[rows][n + 1];
    double[][] coseismic = new double[rows][n];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i <= n; i++) {
        deficit[r][i] = basis[r * (n + 1) + i];
      }
      for (int i = 0; i < n; i++) {
        coseismic[r][i] = -basis[r * (n + 1) + i];
      }
    }
    return new RegionLayout(
        regionId, model.trenchNormalAzimuthDegrees(), stations, asperities, deficit, coseismic);
  }
}
