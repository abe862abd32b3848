package io.chaoslab.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the shop (order and inventory on one port) whose behaviour a test sets: how long
 * an order takes, whether orders really reserve stock, and which first attempts never get their
 * answer in time. Orders are idempotent on their key like the real ones.
 */
final class FakeShop implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, long[]> stock = new TreeMap<>(); // id -> {available, reserved}
  private final Map<String, String> ordersByKey = new ConcurrentHashMap<>();
  private final Map<String, String> confirmed = new ConcurrentHashMap<>(); // orderId -> product
  private final AtomicInteger orderRequests = new AtomicInteger();
  private final AtomicInteger newOrders = new AtomicInteger();

  /** How long each order takes to answer. */
  volatile long delayMillis;

  /** False: answer 201 without touching the stock, so the books cannot balance. */
  volatile boolean reserves = true;

  /**
   * Every n-th new order (by arrival) is placed, but its answer comes only after {@code
   * lateAnswerMillis}; 0 for never.
   */
  volatile int answerLateEvery;

  volatile long lateAnswerMillis;

  FakeShop(String... products) throws IOException {
    for (String id : products) {
      stock.put(id, new long[] {1000, 0});
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.setExecutor(executor);
    server.createContext("/health", e -> send(e, 200, "{\"status\":\"UP\"}"));
    server.createContext("/products", this::products);
    server.createContext("/orders", this::orders);
    server.start();
  }

  String url() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  int orderRequests() {
    return orderRequests.get();
  }

  private void products(HttpExchange e) throws IOException {
    ArrayNode list = MAPPER.createArrayNode();
    synchronized (stock) {
      stock.forEach(
          (id, s) ->
              list.addObject()
                  .put("id", id)
                  .put("name", id)
                  .put("available", s[0])
                  .put("reserved", s[1]));
    }
    send(e, 200, list.toString());
  }

  private void orders(HttpExchange e) throws IOException {
    if ("GET".equals(e.getRequestMethod())) {
      String id = e.getRequestURI().getPath().substring("/orders/".length());
      String product = confirmed.get(id);
      send(
          e,
          product == null ? 404 : 200,
          product == null
              ? "{\"error\":\"ORDER_NOT_FOUND\"}"
              : "{\"orderId\":\"" + id + "\",\"status\":\"CONFIRMED\"}");
      return;
    }
    orderRequests.incrementAndGet();
    JsonNode order = MAPPER.readTree(e.getRequestBody());
    String key = e.getRequestHeaders().getFirst("Idempotency-Key");
    String product = order.get("productId").asText();
    int quantity = order.get("quantity").asInt();
    String newId = UUID.randomUUID().toString();
    String orderId = ordersByKey.putIfAbsent(key, newId);
    boolean created = orderId == null;
    orderId = created ? newId : orderId;
    long wait = delayMillis;
    if (created) {
      if (reserves) {
        synchronized (stock) {
          long[] s = stock.get(product);
          s[0] -= quantity;
          s[1] += quantity;
        }
      }
      confirmed.put(orderId, product);
      int every = answerLateEvery;
      if (every > 0 && newOrders.incrementAndGet() % every == 0) {
        wait = lateAnswerMillis;
      }
    }
    sleep(wait);
    ObjectNode body =
        MAPPER
            .createObjectNode()
            .put("orderId", orderId)
            .put("status", "CONFIRMED")
            .put("productId", product)
            .put("quantity", quantity);
    send(e, created ? 201 : 200, body.toString());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange e, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().set("Content-Type", "application/json");
    try (OutputStream out = e.getResponseBody()) {
      e.sendResponseHeaders(status, bytes.length);
      out.write(bytes);
    } catch (IOException gone) {
      // the client gave up waiting
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
