package io.chaoslab.order;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow inventory: answers {@code /health} at once, and every reservation with 201 (every release
 * with 204) only after {@code delay}. Counts the reservations it received.
 */
final class StandInInventory implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger reservations = new AtomicInteger();

  StandInInventory(Duration delay) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
    server.createContext(
        "/reservations",
        exchange -> {
          if ("POST".equals(exchange.getRequestMethod())) {
            exchange.getRequestBody().readAllBytes();
            reservations.incrementAndGet();
          }
          try {
            Thread.sleep(delay);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if ("POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 201, "{\"reserved\":true}");
          } else {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          }
        });
    server.start();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Reservations received so far (counted on arrival, before the delay). */
  int reservations() {
    return reservations.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
