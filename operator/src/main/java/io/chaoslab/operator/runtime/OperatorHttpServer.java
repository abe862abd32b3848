package io.chaoslab.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code /healthz}, {@code /readyz} and {@code /metrics} on the JDK's own HTTP server: three
 * plain-text routes do not justify a web framework in the operator's image.
 *
 * <ul>
 *   <li>{@code /healthz} answers 200 while the process runs: liveness must not depend on the API
 *       server, or an API server outage would restart every operator pod.
 *   <li>{@code /readyz} answers 200 once the operator has started, 503 with the reason otherwise.
 *   <li>{@code /metrics} is the Prometheus text exposition.
 * </ul>
 */
final class OperatorHttpServer implements AutoCloseable {
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Supplier<Optional<String>> notReadyReason;
  private final Supplier<String> metrics;

  private OperatorHttpServer(
      int port, Supplier<Optional<String>> notReadyReason, Supplier<String> metrics)
      throws IOException {
    this.notReadyReason = notReadyReason;
    this.metrics = metrics;
    this.server = HttpServer.create(new InetSocketAddress(port), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Listens on {@code port} (0: any free port) on every interface.
   *
   * @param notReadyReason why the operator is not ready, empty when it is
   * @param metrics the Prometheus text exposition
   */
  static OperatorHttpServer start(
      int port, Supplier<Optional<String>> notReadyReason, Supplier<String> metrics) {
    try {
      return new OperatorHttpServer(port, notReadyReason, metrics);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on HTTP port " + port + ": " + e, e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, TEXT, "method not allowed\n");
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/healthz" -> respond(exchange, 200, TEXT, "ok\n");
        case "/readyz" -> {
          Optional<String> reason = notReadyReason.get();
          respond(exchange, reason.isEmpty() ? 200 : 503, TEXT, reason.orElse("ready") + "\n");
        }
        case "/metrics" -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.get());
        default -> respond(exchange, 404, TEXT, "not found: try /healthz, /readyz, /metrics\n");
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
