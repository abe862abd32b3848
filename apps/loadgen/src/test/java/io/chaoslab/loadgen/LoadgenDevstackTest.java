package io.chaoslab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.devstack.Devstack;
import io.chaoslab.devstack.DevstackOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** loadgen against the real shop: the devstack in this JVM, on free ports. */
class LoadgenDevstackTest {
  private static Devstack stack;

  @BeforeAll
  static void startShop() {
    stack = Devstack.start(new DevstackOptions(0, 0, 0, 0, null));
  }

  @AfterAll
  static void stopShop() {
    if (stack != null) {
      stack.close();
    }
  }

  private static List<String> shop(String... args) {
    List<String> all = new ArrayList<>(List.of("--url", stack.url("order")));
    all.addAll(List.of("--inventory-url", stack.url("inventory"), "--quiet"));
    all.addAll(List.of(args));
    return all;
  }

  @Test
  void aRunOverEveryProductBalancesTheLedger() {
    Loadgen.Result result =
        Loadgen.run(shop("--rate", "200", "--duration", "3s", "--json").toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode report = result.json();
    assertThat(report.get("planned").asLong()).isEqualTo(600);
    assertThat(report.get("sent").asLong()).isEqualTo(600);
    assertThat(report.get("completed").asLong()).isEqualTo(600);
    assertThat(report.get("statusCounts").properties())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getKey()).isEqualTo("201");
              assertThat(e.getValue().asLong()).isEqualTo(600);
            });
    assertThat(report.get("throughputPerSecond").asDouble()).isPositive();
    JsonNode latency = report.get("latencyMs");
    assertThat(latency.get("p50").asDouble()).isPositive();
    assertThat(latency.get("p50").asDouble()).isLessThanOrEqualTo(latency.get("p90").asDouble());
    assertThat(latency.get("p90").asDouble()).isLessThanOrEqualTo(latency.get("p99").asDouble());
    assertThat(latency.get("p99").asDouble()).isLessThanOrEqualTo(latency.get("p999").asDouble());
    assertThat(latency.get("p999").asDouble()).isLessThanOrEqualTo(latency.get("max").asDouble());

    JsonNode ledger = report.get("ledger");
    assertThat(ledger.get("verdict").asText()).isEqualTo("OK");
    assertThat(ledger.get("products")).hasSize(10); // the devstack's whole catalog
    long confirmed = 0;
    for (JsonNode p : ledger.get("products")) {
      assertThat(p.get("reservedChange").asLong())
          .isEqualTo(p.get("expectedReservedChange").asLong());
      confirmed += p.get("confirmedOrders").asLong();
    }
    assertThat(confirmed).isEqualTo(600);
    assertThat(ledger.get("sample").get("readBack").asInt()).isEqualTo(50);
    assertThat(ledger.get("sample").get("notConfirmed").asInt()).isZero();
  }

  @Test
  void theWarmupIsLeftOutOfTheFiguresButCountsForTheLedger() {
    Loadgen.Result result =
        Loadgen.run(
            shop(
                    "--rate",
                    "100",
                    "--warmup",
                    "1s",
                    "--count",
                    "50",
                    "--products",
                    "cable,dock:3",
                    "--json")
                .toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode report = result.json();
    assertThat(report.get("sent").asLong()).isEqualTo(50);
    assertThat(report.get("statusCounts").get("201").asLong()).isEqualTo(50);
    // a ramp from 10/s to 100/s over 1 s
    assertThat(report.get("warmup").get("requests").asLong()).isEqualTo(55);
    assertThat(report.get("warmup").get("ok").asLong()).isEqualTo(55);
    JsonNode ledger = report.get("ledger");
    assertThat(ledger.get("verdict").asText()).isEqualTo("OK");
    long confirmed = 0;
    for (JsonNode p : ledger.get("products")) {
      confirmed += p.get("confirmedOrders").asLong();
    }
    assertThat(confirmed).isEqualTo(105);
  }

  @Test
  void booksMadeWrongInTheDatabaseAreABrokenLedger() throws Exception {
    Settings settings =
        Loadgen.settings(
            shop(
                    "--rate",
                    "100",
                    "--count",
                    "30",
                    "--products",
                    "keyboard",
                    "--ledger-timeout",
                    "2s")
                .toArray(String[]::new));
    StringWriter err = new StringWriter();
    try (LoadRun run = new LoadRun(settings, new PrintWriter(err, true))) {
      run.prepare();
      run.generate();
      // one unit moves from available to reserved without an order: the total still adds up
      try (Connection c = DriverManager.getConnection(stack.url("database"), "postgres", "");
          PreparedStatement s =
              c.prepareStatement(
                  "UPDATE inventory.products SET available = available - 1,"
                      + " reserved = reserved + 1 WHERE id = 'keyboard'")) {
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      long started = System.nanoTime();
      LedgerResult ledger = run.checkLedger();
      Report report = run.report(ledger);

      assertThat(ledger.verdict()).isEqualTo(LedgerResult.Verdict.BROKEN);
      assertThat((System.nanoTime() - started) / 1e9).isLessThan(10); // waited ~2 s, no more
      assertThat(report.exitCode()).isEqualTo(3);
      assertThat(ReportWriter.text(report))
          .contains("ledger         BROKEN")
          .contains("keyboard")
          .contains("reserved +31")
          .contains("expected +30 from 30 confirmed orders");
      assertThat(ReportWriter.json(report)).contains("\"verdict\":\"BROKEN\"");
    }
  }

  @Test
  void anUnknownProductIsRejectedBeforeAnythingIsSent() {
    Loadgen.Result result =
        Loadgen.run(shop("--count", "5", "--products", "keyboard,unicorn").toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains("--products: the shop has no product 'unicorn'")
        .contains("it has: cable, charger, dock");
    assertThat(result.out()).isEmpty();
  }
}
