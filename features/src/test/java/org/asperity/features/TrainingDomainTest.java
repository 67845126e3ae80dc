package org.asperity.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDomainTest {
  private final FeatureSchema schema =
      new FeatureSchema(FeatureConfig.defaults(), List.of("A1", "A2"));
  private final TrainingDomain domain = new TrainingDomain(schema);

  private double[] vector(double longFill, double daysSinceEvent) {
    double[] v = new double[schema.size()];
    Arrays.fill(v, 1.0);
    v[schema.indexOf("quality.w3650.windowFill.mean.fraction")] = longFill;
    v[schema.indexOf("network.timeSinceLastEvent.days")] = daysSinceEvent;
    return v;
  }

  @Test
  void fullWindowsAndAnEventLongEnoughAgoAreInside() {
    assertTrue(domain.caveat(vector(1.0, 400)).isEmpty());
    assertTrue(domain.caveat(vector(1.0, 30)).isEmpty());
    assertTrue(domain.caveat(vector(0.97, 400)).isEmpty());
  }

  @Test
  void eachTrainingExclusionIsNamed() {
    assertEquals(
        "warming up: the 3650-day station windows are 42 % full",
        domain.caveat(vector(0.42, 400)).orElseThrow());
    assertEquals(
        "warming up: the 3650-day station windows are 0 % full",
        domain.caveat(vector(Double.NaN, 400)).orElseThrow());
    assertTrue(
        domain.caveat(vector(1.0, Double.NaN)).orElseThrow().startsWith("no earthquake detected"));
    assertEquals(
        "12 days after a detected earthquake (the model starts 30 days after)",
        domain.caveat(vector(1.0, 12)).orElseThrow());
  }
}
