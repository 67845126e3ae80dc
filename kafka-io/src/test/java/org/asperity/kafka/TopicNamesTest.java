package org.asperity.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

  @Test
  void defaultsAreTheTableOfTheDesign() {
    List<String> names = TopicNames.defaults().all().stream().map(TopicSpec::name).toList();

    assertEquals(
        List.of(
            "gnss.observations",
            "megathrust.slip-deficit",
            "catalog.events",
            "ttf.forecasts",
            "ttf.alerts",
            "ttf.alerts.cap",
            "ttf.alerts.json",
            "gnss.observations.dlq",
            "models"),
        names);
  }

  @Test
  void observationsHaveTheMostPartitionsAndModelsAreCompactedAndLarge() {
    Map<String, TopicSpec> byName = byName(TopicNames.defaults());

    assertEquals(4, byName.get("gnss.observations").partitions());
    assertTrue(byName.values().stream().allMatch(t -> t.partitions() <= 4));
    assertEquals("compact", byName.get("models").configs().get("cleanup.policy"));
    assertEquals(
        Integer.toString(TopicNames.MODELS_MAX_MESSAGE_BYTES),
        byName.get("models").configs().get("max.message.bytes"));
  }

  @Test
  void eachWitherRenamesOneTopicOnly() {
    TopicNames defaults = TopicNames.defaults();
    List<TopicNames> renamed =
        List.of(
            defaults.withObservations("x"),
            defaults.withSlipDeficit("x"),
            defaults.withCatalogEvents("x"),
            defaults.withForecasts("x"),
            defaults.withAlerts("x"),
            defaults.withAlertsCap("x"),
            defaults.withAlertsJson("x"),
            defaults.withObservationsDeadLetter("x"),
            defaults.withModels("x"));

    for (int i = 0; i < renamed.size(); i++) {
      List<TopicSpec> specs = renamed.get(i).all();
      for (int j = 0; j < specs.size(); j++) {
        TopicSpec expected = defaults.all().get(j);
        assertEquals(
            i == j ? "x" : expected.name(), specs.get(j).name(), "wither " + i + ", topic " + j);
        assertEquals(expected.partitions(), specs.get(j).partitions());
      }
    }
  }

  @Test
  void illegalOrDuplicateNamesAreRefused() {
    TopicNames defaults = TopicNames.defaults();

    assertThrows(IllegalArgumentException.class, () -> defaults.withAlerts("ttf alerts"));
    assertThrows(IllegalArgumentException.class, () -> defaults.withAlerts(""));
    assertThrows(IllegalArgumentException.class, () -> defaults.withAlerts(".."));
    assertThrows(IllegalArgumentException.class, () -> defaults.withAlerts("a".repeat(250)));
    IllegalArgumentException duplicate =
        assertThrows(IllegalArgumentException.class, () -> defaults.withAlerts("ttf.forecasts"));
    assertTrue(duplicate.getMessage().contains("two streams"), duplicate.getMessage());
  }

  private static Map<String, TopicSpec> byName(TopicNames names) {
    return names.all().stream().collect(java.util.stream.Collectors.toMap(TopicSpec::name, t -> t));
  }
}
