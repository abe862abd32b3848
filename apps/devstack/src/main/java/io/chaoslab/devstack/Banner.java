package io.chaoslab.devstack;

import java.nio.file.Path;

/** What the devstack prints once it is up: where everything is and how to try it. */
final class Banner {
  static final String READY_LINE = "devstack is up.";

  private Banner() {}

  static String databaseOnly(Devstack stack, Path dataDir) {
    return String.join(
        "\n",
        "",
        READY_LINE,
        "  PostgreSQL  " + stack.url("database") + "  (user postgres, any password)",
        "  data        " + data(dataDir),
        "",
        "Run a service against it, for example:",
        "  DATABASE_URL='" + stack.url("database") + "' PORT=5001 \\",
        "    java -jar apps/inventory-service/target/inventory-service.jar",
        "",
        "Press Ctrl-C to stop it.");
  }

  private static String data(Path dataDir) {
    return dataDir == null ? "temporary, deleted on exit" : dataDir.toAbsolutePath().toString();
  }

  static String text(Devstack stack, Path dataDir) {
    String order = stack.url("order");
    return String.join(
        "\n",
        "",
        READY_LINE,
        "  order-service         " + order + "   (POST /orders, GET /orders/{id})",
        "  inventory-service     " + stack.url("inventory") + "   (GET /products)",
        "  notification-service  " + stack.url("notification") + "   (GET /notifications)",
        "  PostgreSQL            " + stack.url("database") + "  (user postgres)",
        "  data                  "
            + (dataDir == null ? "temporary, deleted on exit" : dataDir.toAbsolutePath()),
        "  every service also serves /health, /ready and /metrics",
        "",
        "Place an order:",
        "  curl -s -X POST " + order + "/orders -H 'Content-Type: application/json' \\",
        "       -H 'Idempotency-Key: my-first-order' \\",
        "       -d '{\"productId\": \"keyboard\", \"quantity\": 1, \"customerEmail\": \"ada@example.com\"}'",
        "",
        "Press Ctrl-C to stop everything.");
  }
}
