package org.asperity.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.asperity.simulator.gnss.NetworkLayout;
import org.junit.jupiter.api.Test;

/** The variable preset: its ingredients, their switches, and the signal they leave. */
class VariablePresetTest {

  @Test
  void everyIngredientButThePrecursorIsOnAndEachSwitchesBothWays() {
    ModelDefinition variable = Preset.VARIABLE.definition();
    for (Ingredient i : Ingredient.values()) {
      assertEquals(i != Ingredient.PRECURSOR, i.presentIn(variable), i.label());
      ModelDefinition toggled = i.toggle(variable);
      assertEquals(!i.presentIn(variable), i.presentIn(toggled), i.label());
      assertEquals(i.presentIn(variable), i.presentIn(i.toggle(toggled)), i.label());
      for (Ingredient other : Ingredient.values()) {
        if (other != i) {
          assertEquals(other.presentIn(variable), other.presentIn(toggled), other.label());
        }
      }
    }
    assertTrue(Ingredient.PRECURSOR.presentIn(Preset.NATURE.definition()));
    assertFalse(Ingredient.AFTERSLIP.presentIn(Preset.NATURE.definition()));
    assertEquals(
        Preset.NATURE.definition().asperities(),
        variable.asperities(),
        "the same megathrust and network as nature: the same region layout");
  }

  @Test
  void slowSlipShowsAtTheStationsAndOnlyThroughItsOwnResponse() throws IOException {
    ModelDefinition variable =
        Preset.VARIABLE
            .definition()
            .withNetwork(new NetworkLayout(100.0, 4, 2, 3, 150.0, 60.0, 40.0));
    double[] with = lastSignal(variable);
    double[] without = lastSignal(Ingredient.SLOW_SLIP.toggle(variable));
    assertNotEquals(with[0], without[0], "slow slip moves the stations");
    StaticModel model = new Simulation(SimulationConfig.builder().model(variable).build()).model();
    double[] response = model.slowSlipResponse();
    assertTrue(Math.abs(response[0]) > 0, "the deep patch has a surface response");
    StaticModel quiet =
        new Simulation(
                SimulationConfig.builder().model(Ingredient.SLOW_SLIP.toggle(variable)).build())
            .model();
    assertEquals(0.0, quiet.slowSlipResponse()[0]);
  }

  private static double[] lastSignal(ModelDefinition definition) throws IOException {
    Simulation simulation =
        new Simulation(
            SimulationConfig.builder()
                .model(definition)
                .seed(3)
                .spinUpYears(200.0)
                .durationYears(3.0)
                .noiseFree(true)
                .build());
    double[] east = new double[1];
    EpochSink sink =
        new EpochSink() {
          @Override
          public void observations(int region, long epochMicros, EpochObservations o) {
            east[0] = o.signalEast[0];
          }
        };
    simulation.run(sink, p -> {});
    return east;
  }
}
