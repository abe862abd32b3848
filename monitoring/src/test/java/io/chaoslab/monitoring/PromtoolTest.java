package io.chaoslab.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.testsupport.Command;
import io.chaoslab.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus configuration and rules with the real {@code promtool}: syntax, and the unit tests
 * that make every alert fire when it should and stay quiet when it should.
 */
class PromtoolTest {
  private static final Duration QUICK = Duration.ofSeconds(60);

  private static Command.Result promtool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ExternalTool.PROMTOOL.require().toString());
    command.addAll(List.of(args));
    return Command.run(QUICK, command);
  }

  @Test
  void theLocalConfigurationAndItsRuleFilesAreValid() throws IOException {
    Command.Result result = promtool("check", "config", "monitoring/prometheus/prometheus.yml");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output()).contains("SUCCESS: 2 rule files found");
  }

  @Test
  void theRulesAreValid() throws IOException {
    Command.Result result =
        promtool(
            "check",
            "rules",
            "monitoring/rules/recording.rules.yml",
            "monitoring/rules/alerts.rules.yml");

    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  @Test
  void theAlertsPassTheirUnitTests() throws IOException {
    Command.Result result = promtool("test", "rules", "monitoring/rules/tests/alerts.test.yml");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertIsTestedFiringAndQuiet() {
    Set<String> fired = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    for (JsonNode test : Monitoring.yaml(Monitoring.ALERT_TESTS).get("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        String name = check.get("alertname").asText();
        (check.path("exp_alerts").isEmpty() ? quiet : fired).add(name);
      }
    }
    List<String> alerts = Monitoring.alerts().stream().map(a -> a.get("alert").asText()).toList();

    assertThat(alerts).hasSize(9);
    assertThat(fired).as("alerts with a case that makes them fire").containsAll(alerts);
    assertThat(quiet).as("alerts with a case where they stay quiet").containsAll(alerts);
  }

  /** The unit tests can fail: an alert whose threshold drifted no longer passes them. */
  @Test
  void aDriftedThresholdFailsTheUnitTests(@TempDir Path dir) throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.copy(Monitoring.RECORDING, rules.resolve("recording.rules.yml"));
    String alerts = Files.readString(Monitoring.ALERTS);
    String drifted = "expr: namespace:order_requests_errors:ratio_rate5m > 0.5";
    Files.writeString(
        rules.resolve("alerts.rules.yml"),
        alerts.replace("expr: namespace:order_requests_errors:ratio_rate5m > 0.05", drifted));
    assertThat(Files.readString(rules.resolve("alerts.rules.yml"))).contains(drifted);
    Path tests = Files.createDirectories(rules.resolve("tests"));
    Files.copy(Monitoring.ALERT_TESTS, tests.resolve("alerts.test.yml"));

    Command.Result result = promtool("test", "rules", tests.resolve("alerts.test.yml").toString());

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.output()).contains("alertname: ShopOrderErrorRatioHigh");
  }
}
