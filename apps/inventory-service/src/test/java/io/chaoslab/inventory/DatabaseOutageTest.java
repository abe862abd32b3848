package io.chaoslab.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.common.testing.TestDatabase;
import io.chaoslab.common.testing.TestHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database goes away and comes back while the service keeps running. */
class DatabaseOutageTest {
  @TempDir Path dataDir;
  private EmbeddedPostgres postgres;
  private RunningInventory inventory;

  @AfterEach
  void stop() throws IOException {
    if (inventory != null) {
      inventory.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void answers503QuicklyWhileTheDatabaseIsDownAndRecoversWithoutRestart() throws Exception {
    int port = freePort();
    postgres = TestDatabase.start(dataDir, port);
    String url = postgres.getJdbcUrl("postgres", "postgres");
    inventory = RunningInventory.start(url, Map.of());
    assertThat(inventory.reserve("before-outage", "keyboard", 1).status()).isEqualTo(201);

    postgres.close();
    postgres = null;

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(TestHttp.get(inventory.url("/ready")).status()).isEqualTo(503));
    TestHttp.Response ready = TestHttp.get(inventory.url("/ready"));
    assertThat(ready.json().at("/checks/database/status").asText()).isEqualTo("DOWN");
    assertThat(TestHttp.get(inventory.url("/health")).status()).isEqualTo(200);

    long startedAt = System.nanoTime();
    TestHttp.Response reservation = inventory.reserve("during-outage", "keyboard", 1);
    Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
    assertThat(reservation.status()).as(reservation.toString()).isEqualTo(503);
    assertThat(reservation.json().get("error").asText()).isEqualTo("DATABASE_UNAVAILABLE");
    assertThat(took).isLessThan(Duration.ofMillis(3500));
    TestHttp.Response products = TestHttp.get(inventory.url("/products"));
    assertThat(products.status()).isEqualTo(503);
    assertThat(products.body()).doesNotContain("Exception");

    postgres = TestDatabase.start(dataDir, port);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(TestHttp.get(inventory.url("/ready")).status()).isEqualTo(200));
    // Safe to repeat: reservations are idempotent on the order id.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(inventory.reserve("during-outage", "keyboard", 1).status())
                    .isIn(200, 201));
    inventory.assertStock("keyboard", DemoCatalog.INITIAL_STOCK - 2, 2);
    assertThat(inventory.unbalancedProducts()).isEmpty();
  }
}
