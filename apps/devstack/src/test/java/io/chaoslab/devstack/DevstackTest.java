package io.chaoslab.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.common.testing.TestHttp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DevstackTest {
  private static final String ORDER =
      "{\"productId\":\"keyboard\",\"quantity\":2,\"customerEmail\":\"ada@example.com\"}";

  @Test
  void theWholeShopRunsAndItsDataSurvivesARestart(@TempDir Path dataDir) {
    DevstackOptions options = new DevstackOptions(0, 0, 0, 0, dataDir);
    String orderId;
    int availableAfterOrder;
    try (Devstack stack = Devstack.start(options)) {
      TestHttp.Response created = TestHttp.postJson(stack.url("order") + "/orders", ORDER);
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      assertThat(created.json().get("notification").asText()).isEqualTo("SENT");
      orderId = created.json().get("orderId").asText();

      JsonNode keyboard = TestHttp.get(stack.url("inventory") + "/products/keyboard").json();
      assertThat(keyboard.get("reserved").asInt()).isEqualTo(2);
      availableAfterOrder = keyboard.get("available").asInt();
      assertThat(TestHttp.get(stack.url("notification") + "/notifications").body())
          .contains(orderId);
      for (String service : new String[] {"order", "inventory", "notification"}) {
        assertThat(TestHttp.get(stack.url(service) + "/ready").status()).isEqualTo(200);
      }
    }

    try (Devstack restarted = Devstack.start(options)) {
      TestHttp.Response order = TestHttp.get(restarted.url("order") + "/orders/" + orderId);
      assertThat(order.status()).isEqualTo(200);
      assertThat(order.json().get("status").asText()).isEqualTo("CONFIRMED");
      JsonNode keyboard = TestHttp.get(restarted.url("inventory") + "/products/keyboard").json();
      assertThat(keyboard.get("available").asInt()).isEqualTo(availableAfterOrder);
    }
  }

  @Test
  void databaseOnlyRunsPostgresForServicesStartedOnTheirOwn() throws Exception {
    try (Devstack stack = Devstack.start(new DevstackOptions(0, 0, 0, 0, null, true))) {
      assertThat(stack.url("order")).isNull();
      try (java.sql.Connection c =
          java.sql.DriverManager.getConnection(stack.url("database"), "postgres", "")) {
        assertThat(c.isValid(1)).isTrue();
      }
      io.chaoslab.common.http.ShopServer inventory =
          io.chaoslab.inventory.InventoryService.start(
              io.chaoslab.common.config.Env.of(
                  java.util.Map.of(
                      "PORT",
                      "0",
                      "DATABASE_URL",
                      stack.url("database"),
                      "SHUTDOWN_DRAIN_MS",
                      "0")));
      try {
        TestHttp.Response products =
            TestHttp.get("http://localhost:" + inventory.port() + "/products");
        assertThat(products.json()).hasSize(10);
      } finally {
        inventory.stop();
      }
    }
  }

  @Test
  void badArgumentsAreRejectedWithAMessage() {
    assertThat(run("--order-port", "abc").exitCode).isEqualTo(2);
    Result negative = run("--order-port", "-5");
    assertThat(negative.exitCode).isEqualTo(2);
    assertThat(negative.err).contains("ports must be between 0 and 65535, got -5");
    assertThat(run("--no-such-option").err).contains("Unknown option: '--no-such-option'");
    Result help = run("--help");
    assertThat(help.exitCode).isZero();
    assertThat(help.out).contains("--data-dir").contains("--order-port");
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new DevstackMain());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int code = command.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
