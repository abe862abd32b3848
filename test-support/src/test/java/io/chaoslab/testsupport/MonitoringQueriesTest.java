package io.chaoslab.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the repository's dashboards and rules become queries, and Prometheus' configuration. */
class MonitoringQueriesTest {
  private static final Path MONITORING = Command.REPO.resolve("monitoring");

  @Test
  void grafanaVariablesBecomeWhatAPersonSeesWithEverythingSelected() {
    assertThat(
            MonitoringQueries.grafana(
                "sum(increase(x{namespace=~\"$namespace\",target=~\"$target\"}[$__range]))"
                    + " / rate(y[$__rate_interval]) + z[$__interval]"))
        .isEqualTo("sum(increase(x{namespace=~\".*\",target=~\".*\"}[1h])) / rate(y[1m]) + z[15s]");
  }

  @Test
  void labelValuesBecomesACountByThatLabel() {
    assertThat(MonitoringQueries.labelValues("label_values(up{job=\"shop\"}, namespace)"))
        .isEqualTo("count by (namespace) (up{job=\"shop\"})");
    assertThatThrownBy(() -> MonitoringQueries.labelValues("query_result(up)"))
        .hasMessageContaining("not label_values");
  }

  @Test
  void everyPanelAnnotationVariableAndRecordingRuleIsFound() {
    List<MonitoringQueries.Query> dashboards = MonitoringQueries.dashboards(MONITORING);
    List<MonitoringQueries.Query> rules = MonitoringQueries.recordingRules(MONITORING);

    assertThat(dashboards)
        .extracting(MonitoringQueries.Query::where)
        .anyMatch(w -> w.startsWith("shop-overview.json panel 'Orders/s' query A"))
        .anyMatch(w -> w.equals("chaos-experiments.json annotation 'Chaos kills'"))
        .anyMatch(w -> w.equals("chaos-experiments.json variable 'target'"));
    assertThat(dashboards).noneMatch(q -> q.expr().contains("$"));
    assertThat(rules)
        .extracting(MonitoringQueries.Query::expr)
        .contains(
            "namespace_status:order_requests:rate1m",
            "namespace_quantile:order_request_duration_seconds:histogram_quantile_rate1m{quantile=\"0.95\"}");
    assertThat(rules).anyMatch(MonitoringQueries.Query::readsOperatorMetrics);

    List<MonitoringQueries.Query> operatorSide =
        MonitoringQueries.all(MONITORING, MonitoringQueries.Query::readsOperatorMetrics);
    List<MonitoringQueries.Query> shopSide =
        MonitoringQueries.all(MONITORING, q -> !q.readsOperatorMetrics());
    assertThat(operatorSide).isNotEmpty().allMatch(MonitoringQueries.Query::readsOperatorMetrics);
    assertThat(operatorSide.size() + shopSide.size()).isEqualTo(dashboards.size() + rules.size());
  }

  @Test
  void theConfigurationKeepsOnlyTheTargetsATestRunsWhereItRunsThem() throws IOException {
    JsonNode config =
        PrometheusServer.config(MONITORING, Map.of("localhost:5001", "127.0.0.1:40001"));

    assertThat(config.at("/global/scrape_interval").asText()).isEqualTo("1s");
    assertThat(config.get("scrape_configs")).hasSize(1);
    JsonNode shop = config.at("/scrape_configs/0");
    assertThat(shop.get("job_name").asText()).isEqualTo("shop");
    assertThat(shop.get("static_configs")).hasSize(1);
    assertThat(shop.at("/static_configs/0/targets/0").asText()).isEqualTo("127.0.0.1:40001");
    assertThat(shop.at("/static_configs/0/labels/service").asText()).isEqualTo("inventory");
    assertThat(config.get("rule_files"))
        .hasSize(2)
        .allSatisfy(f -> assertThat(Path.of(f.asText())).isAbsolute().exists());
  }
}
