package io.chaoslab.operator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The address kubectl talks to: an HTTP/1.1 server on 127.0.0.1 in front of fabric8's mock API
 * server that passes requests on unchanged, except watches. kubectl (client-go) watches with a
 * streaming GET ({@code ?watch=true}, one JSON event per line, a response that does not end), but
 * the mock serves watches only over WebSocket; without this front {@code kubectl wait} falls back
 * to listing again with growing pauses and can miss its deadline. Here a watch becomes a WebSocket
 * to the mock whose events go out to kubectl as they arrive. A newline heartbeat (whitespace, which
 * the JSON stream decoder skips) finds out when kubectl has gone, so the watch is closed then.
 */
final class WatchFront implements AutoCloseable {

  /** How often an idle watch writes its heartbeat, so a departed client is noticed quickly. */
  static final Duration HEARTBEAT = Duration.ofSeconds(1);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(30);

  /** Request headers the JDK client sets itself, and hop-by-hop ones. */
  private static final Set<String> NOT_FORWARDED =
      Set.of("connection", "content-length", "expect", "host", "transfer-encoding", "upgrade");

  private static final byte[] NEWLINE = {'\n'};

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient http;
  private final URI mock;
  private final Set<BlockingQueue<Signal>> openWatches = ConcurrentHashMap.newKeySet();
  private final AtomicLong watchesStarted = new AtomicLong();

  private WatchFront(URI mock) {
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.mock = mock;
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a front for the mock API server listening on {@code mock} ({@code http://host:port}).
   */
  static WatchFront start(URI mock) {
    return new WatchFront(mock);
  }

  /** Where kubectl connects: {@code http://127.0.0.1:<port>}. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Watches streamed since the start, counted once the stream is open. */
  long watchesStarted() {
    return watchesStarted.get();
  }

  /** Watches streaming now. */
  int watchesOpen() {
    return openWatches.size();
  }

  /** Ends the open watches, then stops serving; bounded, never waits on a client. */
  @Override
  public void close() {
    openWatches.forEach(watch -> watch.add(Signal.END));
    server.stop(1);
    executor.shutdownNow();
    http.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      Optional<String> watchQuery = watchQuery(exchange.getRequestURI().getRawQuery());
      if (watchQuery.isPresent() && "GET".equals(exchange.getRequestMethod())) {
        stream(exchange, exchange.getRequestURI().getRawPath() + "?" + watchQuery.get());
      } else {
        forward(exchange);
      }
    } catch (IOException e) {
      // The client went away (the normal end of a watch): nobody is left to answer.
    }
  }

  /** The query to send the mock for a watch (it only recognises {@code watch=true}), else empty. */
  static Optional<String> watchQuery(String rawQuery) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    boolean watch =
        Arrays.stream(rawQuery.split("&"))
            .anyMatch(p -> p.equals("watch=true") || p.equals("watch=1"));
    if (!watch) {
      return Optional.empty();
    }
    return Optional.of(
        Arrays.stream(rawQuery.split("&"))
            .map(p -> p.startsWith("watch=") ? "watch=true" : p)
            .collect(Collectors.joining("&")));
  }

  private void forward(HttpExchange exchange) throws IOException {
    byte[] requestBody = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(mock.resolve(exchange.getRequestURI().toString()))
            .timeout(FORWARD_TIMEOUT)
            .method(
                exchange.getRequestMethod(),
                requestBody.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(requestBody));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure(exchange, "interrupted while forwarding to the mock API server");
      return;
    } catch (IOException e) {
      failure(exchange, "mock API server: " + e);
      return;
    }
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private void stream(HttpExchange exchange, String pathAndQuery) throws IOException {
    BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    CompletableFuture<WebSocket> opening =
        http.newWebSocketBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .buildAsync(
                URI.create("ws://" + mock.getAuthority() + pathAndQuery), new Relay(signals));
    WebSocket socket;
    try {
      socket = opening.get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      opening.thenAccept(WebSocket::abort);
      Thread.currentThread().interrupt();
      failure(exchange, "interrupted while opening the watch");
      return;
    } catch (ExecutionException | TimeoutException e) {
      opening.thenAccept(WebSocket::abort);
      failure(exchange, "mock API server refused the watch: " + e);
      return;
    }
    openWatches.add(signals);
    try {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      watchesStarted.incrementAndGet();
      OutputStream out = exchange.getResponseBody();
      for (Signal signal = next(signals); signal != Signal.END; signal = next(signals)) {
        out.write(
            signal == null ? NEWLINE : (signal.event() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      openWatches.remove(signals);
      socket.abort();
    }
  }

  /** The next event, {@link Signal#END}, or null when a heartbeat is due. */
  private static Signal next(BlockingQueue<Signal> signals) throws InterruptedException {
    return signals.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void failure(HttpExchange exchange, String message) throws IOException {
    byte[] body =
        Serialization.asJson(
                new StatusBuilder()
                    .withStatus("Failure")
                    .withCode(502)
                    .withReason("BadGateway")
                    .withMessage(message)
                    .build())
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(502, body.length);
    exchange.getResponseBody().write(body);
  }

  /** An event from the mock's WebSocket for the streaming thread, or the end of the watch. */
  private record Signal(String event) {
    static final Signal END = new Signal(null);
  }

  /** Queues each complete text message of the mock's watch WebSocket, then the end. */
  private static final class Relay implements WebSocket.Listener {
    private final BlockingQueue<Signal> signals;
    private final StringBuilder message = new StringBuilder();

    Relay(BlockingQueue<Signal> signals) {
      this.signals = signals;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        signals.add(new Signal(message.toString()));
        message.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      signals.add(Signal.END);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      signals.add(Signal.END);
    }
  }
}
