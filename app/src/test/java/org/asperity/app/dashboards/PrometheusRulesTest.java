package org.asperity.app.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus alerting rules: valid ({@code promtool check rules}), loaded by the configuration
 * docker-compose runs ({@code promtool check config}, and the mount), passing their unit tests
 * ({@code promtool test rules}), and each one usable at 3 a.m.: a {@code for}, a severity, a
 * summary and a description, and unit tests in which it both fires and stays silent.
 */
class PrometheusRulesTest {
  static final Path PROMETHEUS =
      Path.of("").toAbsolutePath().getParent().resolve("dashboards").resolve("prometheus");
  static final Path RULES = PROMETHEUS.resolve("rules").resolve("asperity.rules.yml");
  private static final Path RULE_TESTS =
      PROMETHEUS.resolve("rules").resolve("asperity.rules.test.yml");
  private static final Path COMPOSE =
      PROMETHEUS.getParent().getParent().resolve("docker-compose.yml");

  /** Where docker-compose.yml mounts prometheus.yml; rule_files resolve relative to it. */
  private static final String CONTAINER_CONFIG_DIR = "/etc/prometheus";

  private static final Set<String> SEVERITIES = Set.of("critical", "warning");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    Promtool.Result check = Promtool.onPath().run("check", "rules", RULES.toString());
    assertEquals(0, check.exitCode(), check.output());
  }

  @Test
  void promtoolAcceptsTheConfigurationWithItsRuleFiles() throws Exception {
    Promtool.Result check =
        Promtool.onPath().run("check", "config", PROMETHEUS.resolve("prometheus.yml").toString());
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("SUCCESS: 1 rule files found"), check.output());
  }

  @Test
  void theRulesPassTheirUnitTests() throws Exception {
    Promtool.Result test = Promtool.onPath().run("test", "rules", RULE_TESTS.toString());
    assertEquals(0, test.exitCode(), test.output());
  }

  @Test
  void everyAlertHasAForASeverityAndTellsTheOperatorWhatToDo() throws IOException {
    Map<String, JsonNode> alerts = alerts();
    assertFalse(alerts.isEmpty(), "no alerting rule in " + RULES);
    alerts.forEach(
        (name, rule) -> {
          assertFalse(rule.path("for").asText("").isBlank(), name + ": no for");
          assertTrue(
              SEVERITIES.contains(rule.path("labels").path("severity").asText()),
              name + ": severity is one of " + SEVERITIES);
          assertFalse(
              rule.path("annotations").path("summary").asText("").isBlank(), name + ": no summary");
          assertFalse(
              rule.path("annotations").path("description").asText("").isBlank(),
              name + ": no description");
        });
  }

  @Test
  void everyAlertIsTestedFiringAndSilent() throws IOException {
    Set<String> firing = new TreeSet<>();
    Set<String> silent = new TreeSet<>();
    for (JsonNode test : YAML.readTree(RULE_TESTS.toFile()).path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        String name = check.path("alertname").asText();
        (check.path("exp_alerts").isEmpty() ? silent : firing).add(name);
      }
    }
    Set<String> names = alerts().keySet();
    assertEquals(names, firing, "alerts with a unit test in which they fire");
    assertEquals(names, silent, "alerts with a unit test in which they stay silent");
  }

  @Test
  void composeMountsTheRulesWherePrometheusLooksForThem() throws IOException {
    JsonNode config = YAML.readTree(PROMETHEUS.resolve("prometheus.yml").toFile());
    List<String> ruleFiles = new ArrayList<>();
    config.path("rule_files").forEach(f -> ruleFiles.add(f.asText()));
    assertEquals(List.of("rules/" + RULES.getFileName()), ruleFiles, "prometheus.yml rule_files");

    Map<String, String> mounts = new LinkedHashMap<>();
    for (JsonNode volume :
        YAML.readTree(COMPOSE.toFile()).path("services").path("prometheus").path("volumes")) {
      String[] parts = volume.asText().split(":");
      mounts.put(parts[1], parts[0]);
    }
    assertEquals(
        "./dashboards/prometheus/rules",
        mounts.get(CONTAINER_CONFIG_DIR + "/rules"),
        "docker-compose.yml's prometheus mounts "
            + CONTAINER_CONFIG_DIR
            + "/rules; mounts: "
            + mounts);
  }

  /** Alert name to rule, every group of the rules file. */
  static Map<String, JsonNode> alerts() throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          out.put(rule.path("alert").asText(), rule);
        }
      }
    }
    return out;
  }
}
