package org.asperity.job.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureVector;
import org.asperity.features.RegionFeaturePipeline;
import org.asperity.features.RegionLayout;
import org.asperity.job.types.Micros;
import org.asperity.schemas.GnssObservation;

/**
 * The trainer's offline computation over the same records: {@link RegionFeaturePipeline} per
 * network, fed epoch by epoch. What the job's features must equal bit for bit.
 */
public final class OfflineReference {
  private OfflineReference() {}

  /**
   * Feature vectors per network, in tick order, from observations in any order (duplicates: first
   * wins).
   */
  public static Map<String, List<FeatureVector>> features(
      RegionLayout layout, FeatureConfig config, List<GnssObservation> observations) {
    Map<String, TreeMap<Long, GnssObservation[]>> byNetwork = new TreeMap<>();
    for (GnssObservation o : observations) {
      int i = layout.stationIndex(o.getStation());
      if (i < 0) {
        continue;
      }
      long epoch = Micros.of(o.getEpoch());
      GnssObservation[] row =
          byNetwork
              .computeIfAbsent(o.getNetwork(), k -> new TreeMap<>())
              .computeIfAbsent(epoch, e -> new GnssObservation[layout.stationCount()]);
      if (row[i] == null) {
        row[i] = o;
      }
    }
    Map<String, List<FeatureVector>> out = new TreeMap<>();
    int n = layout.stationCount();
    for (Map.Entry<String, TreeMap<Long, GnssObservation[]>> network : byNetwork.entrySet()) {
      RegionFeaturePipeline pipeline = new RegionFeaturePipeline(layout, config);
      List<FeatureVector> vectors = new ArrayList<>();
      for (Map.Entry<Long, GnssObservation[]> epoch : network.getValue().entrySet()) {
        double[] e = new double[n];
        double[] nn = new double[n];
        double[] u = new double[n];
        double[] se = new double[n];
        double[] sn = new double[n];
        double[] su = new double[n];
        boolean[] present = new boolean[n];
        for (int i = 0; i < n; i++) {
          GnssObservation o = epoch.getValue()[i];
          if (o != null) {
            e[i] = o.getEastMeters();
            nn[i] = o.getNorthMeters();
            u[i] = o.getUpMeters();
            se[i] = o.getSigmaEastMeters();
            sn[i] = o.getSigmaNorthMeters();
            su[i] = o.getSigmaUpMeters();
            present[i] = true;
          }
        }
        pipeline.accept(epoch.getKey(), e, nn, u, se, sn, su, present).ifPresent(vectors::add);
      }
      pipeline.finish().ifPresent(vectors::add);
      out.put(network.getKey(), vectors);
    }
    return out;
  }
}
