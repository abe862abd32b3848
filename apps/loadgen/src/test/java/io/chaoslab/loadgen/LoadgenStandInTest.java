package io.chaoslab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** loadgen against a stand-in shop that misbehaves on purpose. */
class LoadgenStandInTest {
  private FakeShop shop;

  @BeforeEach
  void start() throws IOException {
    shop = new FakeShop("keyboard", "mouse");
  }

  @AfterEach
  void stop() {
    shop.close();
  }

  private List<String> args(String... args) {
    List<String> all = new ArrayList<>(List.of("--url", shop.url(), "--inventory-url", shop.url()));
    all.addAll(List.of("--quiet", "--json"));
    all.addAll(List.of(args));
    return all;
  }

  private Loadgen.Result run(String... args) {
    return Loadgen.run(args(args).toArray(String[]::new));
  }

  @Test
  void aSlowShopShowsAsLatencyBecauseTheLoopIsOpen() {
    shop.delayMillis = 200;

    // 50/s for 1 s, but 5 at a time of 200 ms each is only 25/s: requests queue for a slot
    Loadgen.Result result =
        run("--rate", "50", "--count", "50", "--concurrency", "5", "--no-ledger");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode report = result.json();
    assertThat(report.get("statusCounts").get("201").asLong()).isEqualTo(50);
    JsonNode latency = report.get("latencyMs");
    // a closed loop would measure ~200 ms for each; from the due time the last waits ~1 s
    assertThat(latency.get("p50").asDouble()).isGreaterThan(400);
    assertThat(latency.get("max").asDouble()).isGreaterThan(800);
    assertThat(latency.get("p50").asDouble()).isLessThanOrEqualTo(latency.get("p99").asDouble());
    assertThat(report.get("lateStarts").get("count").asLong()).isGreaterThan(30);
    assertThat(report.get("lateStarts").get("worstMs").asDouble()).isGreaterThan(500);
    assertThat(report.get("durationSeconds").asDouble()).isGreaterThan(1.8);
    assertThat(report.get("ledger").get("verdict").asText()).isEqualTo("NOT_CHECKED");
  }

  @Test
  void confirmedOrdersThatReservedNothingAreABrokenLedger() {
    shop.reserves = false;

    Loadgen.Result result = run("--rate", "100", "--count", "20", "--ledger-timeout", "1s");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    JsonNode ledger = result.json().get("ledger");
    assertThat(ledger.get("verdict").asText()).isEqualTo("BROKEN");
    assertThat(ledger.get("message").asText()).contains("2 of 2 products do not balance");
    for (JsonNode p : ledger.get("products")) {
      assertThat(p.get("balanced").asBoolean()).isFalse();
      assertThat(p.get("reservedChange").asLong()).isZero();
      assertThat(p.get("expectedReservedChange").asLong()).isPositive();
      assertThat(p.get("problem").asText()).contains("reserved +0 (0 -> 0), expected +");
    }
  }

  @Test
  void lostAnswersAreErrorsWhoseOrdersTheLedgerFindsOut() {
    shop.answerLateEvery = 4; // placed, but answered after the client gave up
    shop.lateAnswerMillis = 1500;

    Loadgen.Result result =
        run(
            "--rate",
            "100",
            "--count",
            "40",
            "--timeout",
            "500ms",
            "--max-error-percent",
            "10",
            "--products",
            "keyboard");

    // 25 % errors is over the 10 % allowed; the books still balance once asked again
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    JsonNode report = result.json();
    assertThat(report.get("statusCounts").get("201").asLong()).isEqualTo(30);
    assertThat(report.get("statusCounts").get("error").asLong()).isEqualTo(10);
    assertThat(report.get("failures").get("SocketTimeoutException").asLong()).isEqualTo(10);
    assertThat(report.get("errorPercent").asDouble()).isEqualTo(25.0);
    JsonNode ledger = report.get("ledger");
    assertThat(ledger.get("verdict").asText()).as(result.toString()).isEqualTo("OK");
    assertThat(ledger.get("unknownOutcomes").get("requests").asLong()).isEqualTo(10);
    assertThat(ledger.get("unknownOutcomes").get("confirmedEarlier").asLong()).isEqualTo(10);
    assertThat(ledger.get("products").get(0).get("reservedChange").asLong()).isEqualTo(40);
  }

  @Test
  void aStoppedRunReportsWhatItSentAndLeavesTheLedgerAlone() throws Exception {
    Settings settings =
        Loadgen.settings(args("--rate", "200", "--count", "2000").toArray(String[]::new));
    try (LoadRun run = new LoadRun(settings, new PrintWriter(new StringWriter()))) {
      run.prepare();
      Thread traffic =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      run.generate();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      await().atMost(Duration.ofSeconds(10)).until(() -> shop.orderRequests() >= 20);
      run.stop();
      traffic.join(Duration.ofSeconds(10));
      assertThat(traffic.isAlive()).isFalse();

      Report report = run.report(run.checkLedger());
      assertThat(report.stoppedEarly()).isTrue();
      assertThat(report.sent()).isBetween(20L, 1000L);
      assertThat(report.completed()).isEqualTo(report.sent());
      assertThat(report.statusCounts()).containsExactly(Map.entry("201", report.sent()));
      assertThat(report.ledger().verdict()).isEqualTo(LedgerResult.Verdict.NOT_CHECKED);
      assertThat(ReportWriter.text(report)).contains("STOPPED EARLY");
      assertThat(ReportWriter.json(report))
          .contains("\"stoppedEarly\":true")
          .contains("\"exitCode\":null");
    }
  }

  @Test
  void anUnknownProductStopsTheRunBeforeAnyOrder() {
    Loadgen.Result result = run("--count", "5", "--products", "keyboard:2,unicorn");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .contains("--products: the shop has no product 'unicorn'; it has: keyboard, mouse");
    assertThat(shop.orderRequests()).isZero();
  }

  @Test
  void anUnreachableShopIsExitCode4NamingTheUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://localhost:" + closedPort;
    long started = System.nanoTime();

    Loadgen.Result result = Loadgen.run("--url", url, "--count", "5", "--quiet");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.err())
        .contains("cannot reach the order service at " + url + "/health: HttpHostConnectException")
        .contains("Connection refused");
    assertThat((System.nanoTime() - started) / 1e9).isLessThan(5);

    Loadgen.Result noInventory =
        Loadgen.run("--url", shop.url(), "--inventory-url", url, "--count", "5", "--quiet");
    assertThat(noInventory.exitCode()).as(noInventory.toString()).isEqualTo(4);
    assertThat(noInventory.err()).contains("cannot reach the inventory service at " + url);
    assertThat(shop.orderRequests()).isZero();
  }

  @Test
  void theTextReportShowsTheFiguresAndProgressGoesToStderr() {
    Loadgen.Result result =
        Loadgen.run(
            "--url",
            shop.url(),
            "--inventory-url",
            shop.url(),
            "--rate",
            "20",
            "--duration",
            "1.5s",
            "--seed",
            "42");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("loadgen: 30 orders of 1 to " + shop.url() + " at 20/s")
        .contains("(seed 42, run ")
        .containsPattern("status +201: 30")
        .containsPattern("latency \\(ms\\) +p50 [0-9.]+ +p90 [0-9.]+ +p99 [0-9.]+ +p99\\.9 ")
        .containsPattern(
            "late starts +[0-9]+ \\(worst [0-9.]+ ms after due; concurrency limit 512\\)")
        .containsPattern("ledger +OK: 2 products balance \\(30 units reserved by 30 confirmed")
        .containsPattern("exit code +0");
    assertThat(result.err())
        .contains("loadgen: 30 orders at 20/s")
        .containsPattern("(?m)^ +1s  rate +[0-9.]+/s  ok +[0-9]+  err +0  p50 ");
  }
}
