package org.asperity.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicNamesTest {

  @Test
  void defaultsAreTheStreamTable() {
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
        Integer.toString(Topic.MODELS_MAX_MESSAGE_BYTES),
        byName.get("models").configs().get("max.message.bytes"));
  }

  @Test
  void withRenamesOneTopicOnly() {
    TopicNames defaults = TopicNames.defaults();
    for (Topic renamed : Topic.values()) {
      TopicNames names = defaults.with(renamed, "x");
      for (Topic topic : Topic.values()) {
        assertEquals(
            topic == renamed ? "x" : topic.defaultName(),
            names.name(topic),
            renamed + ", " + topic);
      }
      List<TopicSpec> specs = names.all();
      for (int j = 0; j < specs.size(); j++) {
        assertEquals(defaults.all().get(j).partitions(), specs.get(j).partitions());
        assertEquals(defaults.all().get(j).configs(), specs.get(j).configs());
      }
    }
  }

  @Test
  void accessorsAndNameOfTopicAgree() {
    TopicNames defaults = TopicNames.defaults();

    assertEquals("gnss.observations", defaults.observations());
    assertEquals(defaults.observations(), defaults.name(Topic.OBSERVATIONS));
    assertEquals(defaults.observationsDeadLetter(), defaults.name(Topic.OBSERVATIONS_DEAD_LETTER));
    assertEquals(defaults.models(), defaults.name(Topic.MODELS));
  }

  @Test
  void illegalOrDuplicateNamesAreRefused() {
    TopicNames defaults = TopicNames.defaults();

    assertThrows(IllegalArgumentException.class, () -> defaults.with(Topic.ALERTS, "ttf alerts"));
    assertThrows(IllegalArgumentException.class, () -> defaults.with(Topic.ALERTS, ""));
    assertThrows(IllegalArgumentException.class, () -> defaults.with(Topic.ALERTS, ".."));
    assertThrows(
        IllegalArgumentException.class, () -> defaults.with(Topic.ALERTS, "a".repeat(250)));
    IllegalArgumentException duplicate =
        assertThrows(
            IllegalArgumentException.class, () -> defaults.with(Topic.ALERTS, "ttf.forecasts"));
    assertTrue(duplicate.getMessage().contains("two streams"), duplicate.getMessage());
  }

  @Test
  void aRunsTopicsAreTheDefaultsBehindItsName() {
    TopicNames run = TopicNames.ofRun("bench-7");
    for (Topic topic : Topic.values()) {
      assertEquals("bench-7." + topic.defaultName(), run.name(topic));
    }
  }

  @Test
  void anotherRunsOutputsSitBesideTheSharedInputs() {
    TopicNames clean = TopicNames.defaults().withOutputsOfRun("clean");
    assertEquals("gnss.observations", clean.observations());
    assertEquals("megathrust.slip-deficit", clean.slipDeficit());
    assertEquals("catalog.events", clean.catalogEvents());
    assertEquals("clean.ttf.forecasts", clean.forecasts());
    assertEquals("clean.ttf.alerts", clean.alerts());
    assertEquals("clean.ttf.alerts.cap", clean.alertsCap());
    assertEquals("clean.ttf.alerts.json", clean.alertsJson());
    assertEquals("clean.gnss.observations.dlq", clean.observationsDeadLetter());
    assertEquals("clean." + Topic.MODELS.defaultName(), clean.models());
  }

  private static Map<String, TopicSpec> byName(TopicNames names) {
    return names.all().stream().collect(java.util.stream.Collectors.toMap(TopicSpec::name, t -> t));
  }
}
