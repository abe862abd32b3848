package io.chaoslab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chaoslab.common.http.Json;
import io.chaoslab.common.http.ShopServer;
import io.chaoslab.common.testing.TestDatabase;
import io.chaoslab.common.testing.TestHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order service as its own process, as it runs in a container: stopped by SIGTERM. */
class OrderProcessTest {
  private static final String PASSWORD = "s3cret-pw-4c1d";

  @TempDir Path dir;
  private Process process;

  @AfterEach
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private Process startOrderMain(Map<String, String> env) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx256m",
                // The production logging configuration, not the tests' one.
                "-Dlogback.configurationFile=logback.xml",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "io.chaoslab.order.OrderMain")
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("DATABASE_") || k.equals("PORT"));
    builder.environment().put("LOG_LEVEL", "DEBUG"); // every line must be JSON and secret-free
    builder.environment().putAll(env);
    return builder.start();
  }

  private List<String> stdout() throws IOException {
    return Files.readAllLines(dir.resolve("stdout.txt"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void sigtermDrainsFinishesInFlightOrdersAndExitsCleanly() throws Exception {
    int port = freePort();
    String base = "http://localhost:" + port;
    ShopServer notification = TestShop.startNotification(0);
    try (StandInInventory inventory = new StandInInventory(Duration.ofSeconds(3));
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, String> env = new HashMap<>();
      env.put("PORT", String.valueOf(port));
      env.put("DATABASE_URL", TestDatabase.create().url());
      env.put("DATABASE_USER", "postgres");
      env.put("DATABASE_PASSWORD", PASSWORD);
      env.put("INVENTORY_URL", inventory.url());
      env.put("INVENTORY_TIMEOUT_MS", "10000");
      env.put("NOTIFICATION_URL", "http://localhost:" + notification.port());
      env.put("SHUTDOWN_DRAIN_MS", "1500");
      env.put("ORDER_RECOVERY_AFTER_MS", "60000");
      process = startOrderMain(env);
      await("child ready")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(() -> TestHttp.get(base + "/ready").status() == 200);

      List<CompletableFuture<TestHttp.Response>> orders = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String key = "in-flight-" + i;
        orders.add(
            CompletableFuture.supplyAsync(
                () ->
                    TestHttp.postJson(
                        base + "/orders",
                        TestShop.body("keyboard", 1, "ada@example.com"),
                        "Idempotency-Key",
                        key),
                clients));
      }
      await("orders in flight")
          .atMost(Duration.ofSeconds(10))
          .until(() -> inventory.reservations() == 10);

      long stopAt = System.nanoTime();
      process.destroy(); // SIGTERM

      await("not ready while draining")
          .atMost(Duration.ofMillis(1200))
          .pollInterval(Duration.ofMillis(20))
          .untilAsserted(
              () -> {
                TestHttp.Response ready = TestHttp.get(base + "/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().at("/checks/shutdown/status").asText()).isEqualTo("DOWN");
              });
      for (CompletableFuture<TestHttp.Response> order : orders) {
        TestHttp.Response response = order.get(20, TimeUnit.SECONDS);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("status").asText()).isEqualTo("CONFIRMED");
      }
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
      // 128 + SIGTERM: how a JVM reports a stop by signal once its shutdown hook has finished.
      assertThat(process.exitValue()).isEqualTo(143);
      // The in-flight orders (3 s each) outlived the drain (1.5 s): Jetty waited for them.
      assertThat(Duration.ofNanos(System.nanoTime() - stopAt))
          .isGreaterThan(Duration.ofMillis(1500));
      assertThatThrownBy(() -> new Socket("localhost", port).close())
          .isInstanceOf(ConnectException.class);

      List<String> lines = stdout();
      assertThat(lines).isNotEmpty();
      for (String line : lines) {
        assertThat(Json.MAPPER.readTree(line).isObject()).as(line).isTrue();
        assertThat(line).doesNotContain(PASSWORD);
      }
      assertThat(lines).anyMatch(line -> line.contains("\"message\":\"stopped\""));
    } finally {
      notification.stop();
    }
  }

  @Test
  void invalidConfigurationIsOneErrorLineAndExitCode2() throws Exception {
    process = startOrderMain(Map.of("PORT", "not-a-port", "DATABASE_PASSWORD", PASSWORD));

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    List<String> lines = stdout();
    assertThat(lines).hasSize(1);
    var line = Json.MAPPER.readTree(lines.get(0));
    assertThat(line.get("level").asText()).isEqualTo("ERROR");
    assertThat(line.get("reason").asText()).contains("PORT");
    assertThat(lines.get(0)).doesNotContain(PASSWORD);
  }
}
