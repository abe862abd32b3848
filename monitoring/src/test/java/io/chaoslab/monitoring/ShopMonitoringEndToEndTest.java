package io.chaoslab.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.devstack.Devstack;
import io.chaoslab.devstack.DevstackOptions;
import io.chaoslab.loadgen.LoadgenMain;
import io.chaoslab.testsupport.MonitoringQueries;
import io.chaoslab.testsupport.MonitoringQueries.Query;
import io.chaoslab.testsupport.PrometheusServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The shop's monitoring end to end: the devstack, a real Prometheus with the repository's
 * configuration and rules scraping its three services, and loadgen's orders. Every query of every
 * dashboard panel, annotation and variable, and every recording rule, that reads the shop's metrics
 * must come back with data (those on the operator's metrics are checked by the operator's own
 * end-to-end test): a typo in a metric or label name fails here.
 */
class ShopMonitoringEndToEndTest {
  private static final int RATE = 40;

  @Test
  void everyShopQueryOfTheDashboardsAndRulesReturnsData(@TempDir Path work) throws Exception {
    try (Devstack shop = Devstack.start(new DevstackOptions(0, 0, 0, 0, null));
        PrometheusServer prometheus =
            PrometheusServer.start(
                Monitoring.DIR,
                Map.of(
                    "localhost:5000", address(shop.url("order")),
                    "localhost:5001", address(shop.url("inventory")),
                    "localhost:5002", address(shop.url("notification"))),
                work)) {
      CompletableFuture<String> traffic =
          CompletableFuture.supplyAsync(() -> loadgen(shop, "--duration", "20s"));

      List<Query> shopQueries =
          MonitoringQueries.all(Monitoring.DIR, q -> !q.readsOperatorMetrics());
      assertThat(shopQueries).hasSizeGreaterThan(20);

      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(MonitoringQueries.unanswered(prometheus, shopQueries))
                      .as("queries without data (Prometheus targets: %s)", prometheus.targets())
                      .isEmpty());

      assertThat(prometheus.targets())
          .as("the three services, scraped")
          .hasSize(3)
          .allSatisfy(t -> assertThat(t).startsWith("shop ").contains(" up "));
      // The local configuration's labels reach the series the dashboards select by.
      List<JsonNode> confirmed =
          prometheus.query(
              "namespace_status:order_requests:rate1m{namespace=\"devstack\",status=\"201\"}");
      assertThat(confirmed)
          .singleElement()
          .satisfies(s -> assertThat(s.at("/value/1").asDouble()).isPositive());
      assertThat(prometheus.query("up{job=\"shop\",service=\"inventory\"}")).hasSize(1);
      // And the check itself can fail: a misspelt metric has no data.
      assertThat(
              MonitoringQueries.unanswered(
                  prometheus, List.of(new Query("misspelt", "sum(rate(order_request_totl[1m]))"))))
          .singleElement()
          .asString()
          .endsWith("no data");

      assertThat(traffic.get()).contains("\"verdict\":\"OK\"");
    }
  }

  /** A run of loadgen against {@code shop}: its JSON report; fails on a non-zero exit. */
  private static String loadgen(Devstack shop, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--url", shop.url("order"),
                "--inventory-url", shop.url("inventory"),
                "--rate", String.valueOf(RATE),
                "--quiet", "--json"));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = LoadgenMain.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int code = command.execute(all.toArray(String[]::new));
    if (code != 0) {
      throw new AssertionError("loadgen exited " + code + ": " + out + err);
    }
    return out.toString();
  }

  private static String address(String url) {
    URI uri = URI.create(url);
    return uri.getHost() + ":" + uri.getPort();
  }
}
