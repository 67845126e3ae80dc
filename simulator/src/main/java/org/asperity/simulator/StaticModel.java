package org.asperity.simulator;

import java.util.List;
import org.asperity.geodesy.FaultMesh;
import org.asperity.geodesy.FaultPlane;
import org.asperity.geodesy.GreensFunctions;
import org.asperity.geodesy.LocalProjection;
import org.asperity.simulator.gnss.Station;
import org.asperity.simulator.gnss.StationNetwork;
import org.asperity.simulator.physics.Asperity;
import org.asperity.simulator.physics.FaultModel;

/**
 * The static model shared by all regions of a simulation: fault, patches, asperities, stations and
 * the surface responses that the slip-deficit inversion needs.
 *
 * <p>Responses are per metre of slip <em>deficit</em> (back-slip), i.e. the interseismic sense:
 * {@code asperityResponse(i)[3 * station + component]} is the displacement (m) of the station's
 * east (0), north (1) or up (2) component when asperity i's deficit amplitude grows by 1 m. A
 * noise-free observation is exactly {@code sum_i asperityResponse(i) * (deficit_i(t) -
 * deficit_i(t_start))}.
 */
public final class StaticModel {
  private final ModelDefinition definition;
  private final FaultModel faultModel;
  private final StationNetwork network;
  private final LocalProjection projection;
  private final GreensFunctions greensFunctions;
  private final double[][] asperityResponse;
  private final double[] matrixResponse;
  private final double[] slowSlipResponse;

  /** Responses interleaved per row: {@code [row * asperities + asperity]}, for the epoch loop. */
  final double[] responseByRow;

  StaticModel(
      ModelDefinition definition,
      FaultModel faultModel,
      StationNetwork network,
      LocalProjection projection) {
    this.definition = definition;
    this.faultModel = faultModel;
    this.network = network;
    this.projection = projection;
    FaultMesh mesh = faultModel.mesh();
    this.greensFunctions =
        GreensFunctions.thrust(mesh.patches(), network.points(), definition.cycle().poissonRatio());
    int n = faultModel.asperityCount();
    int rows = greensFunctions.rowCount();
    asperityResponse = new double[n][rows];
    double[] coupled = new double[mesh.size()];
    for (Asperity a : faultModel.asperities()) {
      double[] backSlip = a.patternCopy();
      for (int p = 0; p < backSlip.length; p++) {
        coupled[p] += backSlip[p];
        backSlip[p] = -backSlip[p];
      }
      greensFunctions.multiply(backSlip, asperityResponse[a.index()]);
    }
    double[] matrixBackSlip = new double[mesh.size()];
    for (int p = 0; p < matrixBackSlip.length; p++) {
      matrixBackSlip[p] = -(1.0 - coupled[p]);
    }
    matrixResponse = new double[rows];
    greensFunctions.multiply(matrixBackSlip, matrixResponse);
    slowSlipResponse = new double[rows];
    if (faultModel.slowSlipPatch() != null) {
      double[] backSlip = faultModel.slowSlipPatch().patternCopy();
      for (int p = 0; p < backSlip.length; p++) {
        backSlip[p] = -backSlip[p];
      }
      greensFunctions.multiply(backSlip, slowSlipResponse);
    }
    responseByRow = new double[rows * n];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        responseByRow[r * n + i] = asperityResponse[i][r];
      }
    }
  }

  /**
   * The static model a slip-deficit inversion assumes: {@code geometry} applied to this model's
   * megathrust, with the same stations (their positions are observed, not modelled). Its slow-slip
   * patch, if any, is dropped: the inversion does not know of it.
   */
  public StaticModel assumedByInversion(InversionGeometry geometry) {
    ModelDefinition assumed = geometry.applyTo(definition);
    assumed =
        assumed.withCycle(
            assumed.cycle().withVariability(assumed.cycle().variability().withSlowSlip(null)));
    return new StaticModel(assumed, Models.faultModel(assumed), network, projection);
  }

  public ModelDefinition definition() {
    return definition;
  }

  public FaultPlane fault() {
    return definition.fault();
  }

  public FaultMesh mesh() {
    return faultModel.mesh();
  }

  public FaultModel faultModel() {
    return faultModel;
  }

  public List<Asperity> asperities() {
    return faultModel.asperities();
  }

  public List<String> asperityNames() {
    return faultModel.asperities().stream().map(Asperity::name).toList();
  }

  public List<Station> stations() {
    return network.stations();
  }

  public int stationCount() {
    return network.size();
  }

  public LocalProjection projection() {
    return projection;
  }

  /**
   * Landward trench-normal azimuth (degrees clockwise from north): the fault's down-dip direction.
   */
  public double trenchNormalAzimuthDegrees() {
    return definition.fault().downDipAzimuthDegrees();
  }

  /** Okada Green's functions for unit thrust slip, {@code 3 * stations} rows by patches. */
  public GreensFunctions greensFunctions() {
    return greensFunctions;
  }

  /**
   * Surface response (length {@code 3 * stations}) to 1 m of slip-deficit amplitude on an asperity.
   */
  public double[] asperityResponse(int asperity) {
    return asperityResponse[asperity].clone();
  }

  /**
   * Surface response to 1 m of slip-deficit amplitude on the slow-slip patch (zeros without one):
   * part of the simulated signal, not of the inversion's basis.
   */
  public double[] slowSlipResponse() {
    return slowSlipResponse.clone();
  }

  /**
   * Surface response to 1 m of uniform slip deficit on the rest of the megathrust (the creeping
   * matrix outside the asperities' coupling patterns), a nuisance column for inversions.
   */
  public double[] matrixResponse() {
    return matrixResponse.clone();
  }

  /**
   * The response basis as one row-major matrix of {@code 3 * stations} rows by {@code asperities +
   * 1} columns: the asperities in order, then the matrix.
   */
  public double[] responseBasisRowMajor() {
    int n = asperityResponse.length;
    int rows = matrixResponse.length;
    double[] basis = new double[rows * (n + 1)];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        basis[r * (n + 1) + i] = asperityResponse[i][r];
      }
      basis[r * (n + 1) + n] = matrixResponse[r];
    }
    return basis;
  }
}
