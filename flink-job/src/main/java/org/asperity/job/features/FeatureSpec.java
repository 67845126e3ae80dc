package org.asperity.job.features;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.asperity.features.FeatureConfig;
import org.asperity.features.FeatureSchema;
import org.asperity.features.RegionLayout;

/**
 * The feature pipeline the job runs, as the model defines it: the {@link FeatureConfig} (by its
 * canonical string) and the {@link RegionLayout} (by its JSON), a station-geometry template applied
 * to every network whose station codes it names. Fixed for the life of a job (states are written
 * under it); a hot-swapped model must have the same. Serializable in its text form; the parsed
 * objects are rebuilt once per JVM copy.
 */
public final class FeatureSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String configCanonical;
  private final String layoutJson;
  private transient FeatureConfig config;
  private transient RegionLayout layout;
  private transient FeatureSchema schema;

  public FeatureSpec(FeatureConfig config, RegionLayout layout) {
    this.configCanonical = config.canonicalString();
    this.layoutJson = layout.toJson();
    this.config = config;
    this.layout = layout;
  }

  public FeatureConfig config() {
    if (config == null) {
      config = FeatureConfig.fromCanonicalString(configCanonical);
    }
    return config;
  }

  public RegionLayout layout() {
    if (layout == null) {
      layout = RegionLayout.fromJson(layoutJson);
    }
    return layout;
  }

  public FeatureSchema schema() {
    if (schema == null) {
      schema = FeatureSchema.of(config(), layout());
    }
    return schema;
  }

  /** Station codes of the layout, in layout order. */
  public Set<String> stationCodes() {
    Set<String> codes = new LinkedHashSet<>();
    for (RegionLayout.Station s : layout().stations()) {
      codes.add(s.code());
    }
    return codes;
  }

  public String configCanonical() {
    return configCanonical;
  }

  public String layoutJson() {
    return layoutJson;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSpec other
        && other.configCanonical.equals(configCanonical)
        && other.layout().layoutHash().equals(layout().layoutHash());
  }

  @Override
  public int hashCode() {
    return Objects.hash(configCanonical, layout().layoutHash());
  }

  @Override
  public String toString() {
    return "FeatureSpec["
        + layout().stationCount()
        + " stations, "
        + layout().asperityCount()
        + " asperities, "
        + schema().size()
        + " features "
        + schema().hash().substring(0, 12)
        + "]";
  }
}
