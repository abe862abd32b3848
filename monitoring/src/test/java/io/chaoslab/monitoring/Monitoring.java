package io.chaoslab.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chaoslab.testsupport.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files under test: this module's directory is the repository's {@code monitoring/}. */
final class Monitoring {
  static final Path DIR = Command.REPO.resolve("monitoring");
  static final Path ALERTS = DIR.resolve("rules/alerts.rules.yml");
  static final Path RECORDING = DIR.resolve("rules/recording.rules.yml");
  static final Path ALERT_TESTS = DIR.resolve("rules/tests/alerts.test.yml");
  static final Path CONFIG = DIR.resolve("prometheus/prometheus.yml");
  static final Path README = DIR.resolve("README.md");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private Monitoring() {}

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static JsonNode json(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  /** Every alerting rule of the alert file. */
  static List<JsonNode> alerts() {
    List<JsonNode> alerts = new ArrayList<>();
    for (JsonNode group : yaml(ALERTS).get("groups")) {
      group.get("rules").forEach(alerts::add);
    }
    return alerts;
  }

  static List<Path> dashboards() throws IOException {
    try (Stream<Path> files = Files.list(DIR.resolve("grafana/dashboards"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }
}
