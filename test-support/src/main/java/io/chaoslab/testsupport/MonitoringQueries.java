package io.chaoslab.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every PromQL expression the repository's monitoring asks Prometheus for: each dashboard's panel
 * queries, annotation queries and variable queries, and each recording rule. Grafana's variables
 * are replaced by what a person sees with everything selected, so Prometheus can evaluate them.
 */
public final class MonitoringQueries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Dashboard variables as a person sees them with "All" selected over the last hour. */
  private static final Map<String, String> GRAFANA_VARIABLES =
      Map.of(
          "$__rate_interval", "1m",
          "$__interval", "15s",
          "$__range", "1h",
          "$namespace", ".*",
          "$target", ".*");

  private static final Pattern LABEL_VALUES =
      Pattern.compile("^label_values\\((?<selector>.+),\\s*(?<label>[a-zA-Z_][a-zA-Z0-9_]*)\\)$");

  /** Where a query comes from (file, panel, query) and the expression Prometheus evaluates. */
  public record Query(String where, String expr) {
    /** Whether it reads the operator's metrics (else the shop's). */
    public boolean readsOperatorMetrics() {
      return expr.contains("chaoslab_");
    }

    @Override
    public String toString() {
      return where + ": " + expr;
    }
  }

  private MonitoringQueries() {}

  /** The panel, annotation and variable queries of every dashboard in {@code monitoring}. */
  public static List<Query> dashboards(Path monitoring) {
    List<Query> queries = new ArrayList<>();
    for (Path file : files(monitoring.resolve("grafana/dashboards"), ".json")) {
      JsonNode dashboard = read(JSON, file);
      String name = file.getFileName().toString();
      for (JsonNode panel : dashboard.path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(
              new Query(
                  name
                      + " panel '"
                      + panel.path("title").asText()
                      + "' query "
                      + target.path("refId").asText(),
                  grafana(target.path("expr").asText())));
        }
      }
      for (JsonNode annotation : dashboard.path("annotations").path("list")) {
        if (annotation.has("expr")) {
          queries.add(
              new Query(
                  name + " annotation '" + annotation.path("name").asText() + "'",
                  grafana(annotation.get("expr").asText())));
        }
      }
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        if ("query".equals(variable.path("type").asText())) {
          queries.add(
              new Query(
                  name + " variable '" + variable.path("name").asText() + "'",
                  grafana(labelValues(variable.path("definition").asText()))));
        }
      }
    }
    return queries;
  }

  /** Each recording rule of {@code monitoring}, queried by the name of the series it records. */
  public static List<Query> recordingRules(Path monitoring) {
    List<Query> queries = new ArrayList<>();
    for (Path file : files(monitoring.resolve("rules"), ".rules.yml")) {
      for (JsonNode group : read(YAML, file).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          if (rule.has("record")) {
            String record = rule.get("record").asText();
            String labels = labelMatchers(rule.path("labels"));
            queries.add(
                new Query(
                    file.getFileName()
                        + " record "
                        + record
                        + labels
                        + " ("
                        + rule.get("expr").asText().strip()
                        + ")",
                    record + labels));
          }
        }
      }
    }
    return queries;
  }

  /**
   * The queries among {@code queries} that Prometheus answers with no series, or refuses, each with
   * why: a typo in a metric name or a label shows here.
   */
  public static List<String> unanswered(PrometheusServer prometheus, List<Query> queries) {
    List<String> problems = new ArrayList<>();
    for (Query query : queries) {
      try {
        if (prometheus.query(query.expr()).isEmpty()) {
          problems.add(query + " -> no data");
        }
      } catch (IllegalArgumentException e) {
        problems.add(query + " -> " + e.getMessage());
      }
    }
    return problems;
  }

  /** The queries of the dashboards and the recording rules under {@code monitoring} that match. */
  public static List<Query> all(Path monitoring, Predicate<Query> which) {
    return Stream.concat(dashboards(monitoring).stream(), recordingRules(monitoring).stream())
        .filter(which)
        .toList();
  }

  /** {@code expr} with Grafana's variables replaced; longest names first ($__range before $__r). */
  static String grafana(String expr) {
    String result = expr;
    List<String> names =
        GRAFANA_VARIABLES.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList();
    for (String name : names) {
      result = result.replace(name, GRAFANA_VARIABLES.get(name));
    }
    return result;
  }

  /** Grafana's {@code label_values(selector, label)} as the PromQL that has those values. */
  static String labelValues(String definition) {
    Matcher m = LABEL_VALUES.matcher(definition.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not label_values(selector, label): " + definition);
    }
    return "count by (" + m.group("label") + ") (" + m.group("selector") + ")";
  }

  private static String labelMatchers(JsonNode labels) {
    if (labels.isMissingNode() || labels.isEmpty()) {
      return "";
    }
    List<String> matchers = new ArrayList<>();
    labels
        .properties()
        .forEach(e -> matchers.add(e.getKey() + "=\"" + e.getValue().asText() + "\""));
    return "{" + String.join(",", matchers) + "}";
  }

  private static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
