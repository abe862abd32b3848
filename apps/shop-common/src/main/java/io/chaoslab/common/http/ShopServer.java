package io.chaoslab.common.http;

import io.chaoslab.common.health.HealthCheck;
import io.chaoslab.common.health.Readiness;
import io.chaoslab.common.metrics.MeterCache;
import io.chaoslab.common.metrics.ShopMetrics;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shop service's HTTP server: its routes plus {@code /health}, {@code /ready} and {@code
 * /metrics}, JSON errors for every failure, request metrics, and a graceful stop that takes the
 * service out of rotation before it stops accepting requests and lets in-flight requests finish.
 */
public final class ShopServer {
  private static final Logger LOG = LoggerFactory.getLogger(ShopServer.class);
  private static final String STARTED_AT = "chaoslab.startedAt";
  private static final int RESPONSE_COPY_BYTES = 2048;

  private final String service;
  private final Javalin javalin;
  private final Readiness readiness;
  private final ShutdownSettings shutdown;
  private final Deque<AutoCloseable> resources;
  private final AtomicBoolean stopping = new AtomicBoolean();

  private ShopServer(Builder builder, Javalin javalin, Readiness readiness) {
    this.service = builder.service;
    this.javalin = javalin;
    this.readiness = readiness;
    this.shutdown = builder.shutdown;
    this.resources = builder.resources;
  }

  public static Builder builder(String service, ShopMetrics metrics) {
    return new Builder(service, metrics);
  }

  public int port() {
    return javalin.port();
  }

  /**
   * Stops gracefully: {@code /ready} turns 503, the drain delay passes while requests are still
   * served, the listener closes, in-flight requests finish (up to the timeout), then the service's
   * resources close. Safe to call more than once and from a shutdown hook.
   */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    LOG.atInfo()
        .addKeyValue("service", service)
        .addKeyValue("drainMs", shutdown.drainDelay().toMillis())
        .addKeyValue("timeoutMs", shutdown.timeout().toMillis())
        .log("stopping: /ready now answers 503, draining before closing the listener");
    readiness.startDraining();
    sleep(shutdown.drainDelay());
    try {
      javalin.stop();
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("service", service).setCause(e).log("HTTP server stopped uncleanly");
    }
    closeAll(resources);
    readiness.close();
    LOG.atInfo().addKeyValue("service", service).log("stopped");
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.atWarn().setCause(e).log("closing a resource failed");
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Collects a service's routes, checks and resources, then starts it. */
  public static final class Builder {
    private final String service;
    private final ShopMetrics metrics;
    private int port;
    private int maxHeaderBytes = 8 * 1024;
    private Duration readinessDeadline = Duration.ofMillis(900);
    private ShutdownSettings shutdown = new ShutdownSettings(Duration.ZERO, Duration.ofSeconds(20));
    private final List<HealthCheck> checks = new ArrayList<>();
    private final List<Consumer<RoutesConfig>> routes = new ArrayList<>();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private Builder(String service, ShopMetrics metrics) {
      this.service = service;
      this.metrics = metrics;
      resources.push(metrics);
    }

    /** The port to listen on; 0 picks a free one (see {@link ShopServer#port()}). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder shutdown(ShutdownSettings shutdown) {
      this.shutdown = shutdown;
      return this;
    }

    public Builder readinessDeadline(Duration readinessDeadline) {
      this.readinessDeadline = readinessDeadline;
      return this;
    }

    public Builder readinessCheck(HealthCheck check) {
      checks.add(check);
      return this;
    }

    public Builder routes(Consumer<RoutesConfig> routes) {
      this.routes.add(routes);
      return this;
    }

    /** Closed when the service stops, after the HTTP server, in reverse order of registration. */
    public Builder closeOnStop(AutoCloseable resource) {
      resources.push(resource);
      return this;
    }

    public ShopServer start() {
      Readiness readiness = new Readiness(checks, readinessDeadline);
      Javalin javalin =
          Javalin.create(
              config -> {
                config.startup.showJavalinBanner = false;
                // A virtual thread per request: handlers block on JDBC and on the dependency
                // client, and a pool of platform threads turned every burst into hundreds of
                // threads contending for two cores (p99 at 1000 orders/s: ~1 s with a pool,
                // ~40 ms with virtual threads; docs/benchmarks.md).
                config.concurrency.useVirtualThreads = true;
                config.startup.showOldJavalinVersionWarning = false;
                config.jetty.port = port;
                config.http.maxRequestSize = JsonRequest.MAX_BYTES;
                // Javalin copies each response through a buffer of this size, allocated per
                // response: its default (Jetty's 32 KB output buffer) was most of the services'
                // garbage. Answers here are small; /metrics takes a few more rounds.
                config.http.responseBufferSize = RESPONSE_COPY_BYTES;
                config.http.prefer405over404 = true;
                config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
                config.jetty.modifyHttpConfiguration(
                    http -> http.setRequestHeaderSize(maxHeaderBytes));
                config.jetty.modifyServer(
                    server -> {
                      server.setErrorHandler(new JsonErrorPages());
                      // Lets Jetty wait for in-flight requests when it stops.
                      server.insertHandler(new GracefulHandler());
                      server.setStopTimeout(shutdown.timeout().toMillis());
                    });
                RoutesConfig r = config.routes;
                r.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
                r.get("/ready", ctx -> ready(ctx, readiness));
                r.get(
                    "/metrics",
                    ctx ->
                        ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(metrics.scrape()));
                routes.forEach(route -> route.accept(r));
                registerErrorMapping(r);
                registerRequestMetrics(r, metrics);
              });
      try {
        javalin.start();
      } catch (RuntimeException e) {
        readiness.close();
        closeAll(resources);
        throw e;
      }
      ShopServer server = new ShopServer(this, javalin, readiness);
      LOG.atInfo()
          .addKeyValue("service", service)
          .addKeyValue("port", server.port())
          .log("listening");
      return server;
    }

    private static void ready(Context ctx, Readiness readiness) {
      Readiness.Report report = readiness.evaluate();
      ctx.status(report.status() == Readiness.Status.UP ? 200 : 503).json(report);
    }

    private void registerErrorMapping(RoutesConfig r) {
      r.exception(
          ApiException.class,
          (e, ctx) -> ctx.status(e.status()).json(new ErrorBody(e.code(), e.getMessage())));
      r.exception(
          HttpResponseException.class,
          (e, ctx) ->
              ctx.status(e.getStatus())
                  .json(new ErrorBody(JsonErrorPages.codeFor(e.getStatus()), describe(e, ctx))));
      r.exception(
          Exception.class,
          (e, ctx) -> {
            LOG.atError()
                .addKeyValue("service", service)
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("path", ctx.path())
                .setCause(e)
                .log("unexpected error while serving a request");
            ctx.status(500).json(new ErrorBody("INTERNAL_ERROR", "an unexpected error occurred"));
          });
    }

    private static String describe(HttpResponseException e, Context ctx) {
      return switch (e.getStatus()) {
        case 404 -> "no such resource: " + ctx.method().name() + " " + ctx.path();
        case 405 -> "method " + ctx.method().name() + " is not allowed on " + ctx.path();
        case 413 -> "the request body is too large";
        default -> e.getMessage();
      };
    }

    private static void registerRequestMetrics(RoutesConfig r, ShopMetrics metrics) {
      MeterCache<RequestLabels, Timer> timers =
          new MeterCache<>(
              labels ->
                  metrics
                      .latencyTimer(
                          "http.server.requests", "HTTP requests served, by route and status")
                      .tag("method", labels.method())
                      .tag("route", labels.route())
                      .tag("status", String.valueOf(labels.status()))
                      .register(metrics.registry()));
      r.before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
      r.after(
          ctx -> {
            Long startedAt = ctx.attribute(STARTED_AT);
            if (startedAt == null) {
              return;
            }
            Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
            timers
                .get(
                    new RequestLabels(
                        ctx.method().name(),
                        endpoint == null ? "unmatched" : endpoint.path,
                        ctx.statusCode()))
                .record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
          });
    }

    private record RequestLabels(String method, String route, int status) {}
  }
}
