package io.chaoslab.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Grafana dashboards as files: valid JSON, every panel with a title, a description, a unit and
 * a query on the data source chosen by variable, a layout read at a glance (stat panels on top,
 * nothing overlapping), and the chaos kills annotated.
 */
class DashboardsTest {
  private static final String DATASOURCE = "${datasource}";

  static List<Path> dashboards() throws IOException {
    return Monitoring.dashboards();
  }

  @Test
  void thereAreTheShopAndTheChaosDashboards() throws IOException {
    Set<String> uids = new HashSet<>();
    for (Path file : dashboards()) {
      uids.add(Monitoring.json(file).get("uid").asText());
    }
    assertThat(uids)
        .containsExactlyInAnyOrder("chaoslab-shop-overview", "chaoslab-chaos-experiments");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void everyPanelHasATitleAUnitAndAQuery(Path file) throws IOException {
    JsonNode dashboard = Monitoring.json(file);
    assertThat(dashboard.get("panels")).isNotEmpty();
    for (JsonNode panel : dashboard.get("panels")) {
      String title = panel.path("title").asText();
      assertThat(title).as("a panel of %s without a title", file).isNotBlank();
      assertThat(panel.path("description").asText()).as("description of '%s'", title).isNotBlank();
      assertThat(panel.at("/fieldConfig/defaults/unit").asText())
          .as("unit of '%s'", title)
          .isNotBlank();
      assertThat(panel.at("/datasource/uid").asText())
          .as("data source of '%s'", title)
          .isEqualTo(DATASOURCE);
      assertThat(panel.path("targets")).as("queries of '%s'", title).isNotEmpty();
      for (JsonNode target : panel.get("targets")) {
        assertThat(target.path("expr").asText()).as("a query of '%s'", title).isNotBlank();
        assertThat(target.at("/datasource/uid").asText()).isEqualTo(DATASOURCE);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void theDataSourceIsAVariableNeverAFixedUid(Path file) throws IOException {
    JsonNode dashboard = Monitoring.json(file);
    JsonNode variable = dashboard.at("/templating/list/0");
    assertThat(variable.path("name").asText()).isEqualTo("datasource");
    assertThat(variable.path("type").asText()).isEqualTo("datasource");
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");

    List<String> uids = new ArrayList<>();
    collectDataSourceUids(dashboard, uids);
    assertThat(uids).isNotEmpty().allMatch(u -> u.equals(DATASOURCE) || u.equals("-- Grafana --"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void statPanelsSitOnTopAndNothingOverlaps(Path file) throws IOException {
    List<JsonNode> panels = new ArrayList<>();
    Monitoring.json(file).get("panels").forEach(panels::add);
    int statsBottom = 0;
    for (JsonNode panel : panels) {
      JsonNode pos = panel.get("gridPos");
      assertThat(pos.get("x").asInt() + pos.get("w").asInt())
          .as("width of '%s'", panel.get("title"))
          .isLessThanOrEqualTo(24);
      if ("stat".equals(panel.get("type").asText())) {
        assertThat(pos.get("y").asInt())
            .as("'%s' is a stat panel below the top row", panel.get("title"))
            .isZero();
        statsBottom = Math.max(statsBottom, pos.get("h").asInt());
      }
    }
    for (JsonNode panel : panels) {
      if (!"stat".equals(panel.get("type").asText())) {
        assertThat(panel.at("/gridPos/y").asInt())
            .as("'%s' above the stat row", panel.get("title"))
            .isGreaterThanOrEqualTo(statsBottom);
      }
    }
    for (int i = 0; i < panels.size(); i++) {
      for (int j = i + 1; j < panels.size(); j++) {
        assertThat(overlap(panels.get(i).get("gridPos"), panels.get(j).get("gridPos")))
            .as("'%s' overlaps '%s'", panels.get(i).get("title"), panels.get(j).get("title"))
            .isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dashboards")
  void theChaosKillsAreAnnotationsOnTheTrafficPanels(Path file) throws IOException {
    JsonNode dashboard = Monitoring.json(file);
    List<String> kills = new ArrayList<>();
    for (JsonNode annotation : dashboard.at("/annotations/list")) {
      if (annotation.path("expr").asText().contains("chaoslab_pods_killed_total")) {
        assertThat(annotation.path("enable").asBoolean()).isTrue();
        assertThat(annotation.at("/datasource/uid").asText()).isEqualTo(DATASOURCE);
        assertThat(annotation.path("titleFormat").asText()).contains("{{target}}");
        kills.add(annotation.path("name").asText());
      }
    }
    assertThat(kills).containsExactly("Chaos kills");
    assertThat(dashboard.get("panels"))
        .as("a panel of the order traffic, where the kills show")
        .anySatisfy(
            p -> assertThat(p.at("/targets/0/expr").asText()).contains("order_requests:rate1m"));
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    return a.get("x").asInt() < b.get("x").asInt() + b.get("w").asInt()
        && b.get("x").asInt() < a.get("x").asInt() + a.get("w").asInt()
        && a.get("y").asInt() < b.get("y").asInt() + b.get("h").asInt()
        && b.get("y").asInt() < a.get("y").asInt() + a.get("h").asInt();
  }

  private static void collectDataSourceUids(JsonNode node, List<String> uids) {
    if (node.isObject()) {
      JsonNode datasource = node.get("datasource");
      if (datasource != null && datasource.has("uid")) {
        uids.add(datasource.get("uid").asText());
      }
      node.forEach(child -> collectDataSourceUids(child, uids));
    } else if (node.isArray()) {
      node.forEach(child -> collectDataSourceUids(child, uids));
    }
  }
}
