package io.chaoslab.operator.chaos;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A steady-state probe endpoint the test controls: {@code GET /ready} answers 503 while {@code
 * failing} holds, else 200, and counts what it answered.
 */
final class ProbeEndpoint implements AutoCloseable {
  private final HttpServer server;
  private final BooleanSupplier failing;
  private final AtomicInteger ok = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  private ProbeEndpoint(BooleanSupplier failing) {
    this.failing = failing;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/ready",
        exchange -> {
          boolean fail = failing.getAsBoolean();
          if (fail) {
            failed.incrementAndGet();
          } else {
            ok.incrementAndGet();
          }
          exchange.sendResponseHeaders(fail ? 503 : 200, -1);
          exchange.close();
        });
    server.start();
  }

  /** Answers 503 while {@code failing} holds, 200 otherwise. */
  static ProbeEndpoint failingWhile(BooleanSupplier failing) {
    return new ProbeEndpoint(failing);
  }

  /** A URL on which nothing listens: every call is refused. */
  static String closedUrl() {
    try (ProbeEndpoint endpoint = failingWhile(() -> false)) {
      return endpoint.url();
    }
  }

  String url() {
    return "http://127.0.0.1:%d/ready".formatted(server.getAddress().getPort());
  }

  int okCalls() {
    return ok.get();
  }

  int failedCalls() {
    return failed.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
