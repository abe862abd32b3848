package io.chaoslab.common.resilience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import io.chaoslab.common.health.HealthCheck;
import io.chaoslab.common.http.DependencyUnavailableException;
import io.chaoslab.common.http.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to one dependency, through the dependency's resilience policies: a timeout per
 * attempt, retries with exponential backoff on failures a retry can fix, and a circuit breaker so a
 * dependency that keeps failing costs callers nothing until it may be back.
 *
 * <p>Only connection failures and 5xx answers are retried. A timeout is not: a dependency too slow
 * to answer will not answer faster when asked again, and the caller's deadline is already spent.
 * Every call through {@link #send} must be idempotent on the dependency's side. A call that fails
 * for good becomes a {@link DependencyUnavailableException} (503).
 *
 * <p>The transport is Apache HttpClient's classic (blocking) client: the calling request thread
 * does the socket I/O itself, with no hand-off to a selector thread and back. On the order flow
 * this costs about a third of the CPU per call that the JDK's asynchronous {@code HttpClient} does
 * (see docs/benchmarks.md).
 */
public final class DependencyClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DependencyClient.class);
  private static final int MAX_CONNECTIONS = 256;

  /** Readiness asks {@code /health} with a timeout of its own: a second. */
  private static final RequestConfig HEALTH_CHECK =
      RequestConfig.custom()
          .setResponseTimeout(Timeout.ofSeconds(1))
          .setConnectionRequestTimeout(Timeout.ofSeconds(1))
          .build();

  private final String target;
  private final URI baseUrl;
  private final ResilienceSettings settings;
  private final CloseableHttpClient http;
  private final CircuitBreaker<Reply> breaker;
  private final FailsafeExecutor<Reply> executor;

  public DependencyClient(
      String target, URI baseUrl, ResilienceSettings settings, MeterRegistry registry) {
    this.target = target;
    this.baseUrl = baseUrl;
    this.settings = settings;
    this.http = httpClient(settings.timeout());
    this.breaker = circuitBreaker(target, settings);
    Counter retries =
        Counter.builder("resilience.retries")
            .description("Calls to a dependency repeated after a failure")
            .tag("target", target)
            .register(registry);
    Gauge.builder("resilience.circuit.state", breaker, DependencyClient::stateCode)
        .description("Circuit breaker state per dependency: 0 closed, 1 open, 2 half-open")
        .tag("target", target)
        .register(registry);
    this.executor = Failsafe.with(retryPolicy(settings, retries), breaker);
  }

  public String target() {
    return target;
  }

  /**
   * Sends one idempotent request through the policies; 2xx-4xx answers are returned as they are.
   */
  public Reply send(String method, String path, Object jsonBody) {
    HttpUriRequestBase request = request(method, path, jsonBody);
    try {
      return executor.get(() -> attempt(request));
    } catch (CircuitBreakerOpenException e) {
      throw unavailable(
          "%s is unavailable (circuit open after repeated failures), try again later");
    } catch (DependencyFailure e) {
      throw unavailable("%s is unavailable: " + e.getMessage());
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw unavailable("%s is unavailable: interrupted");
    }
  }

  private DependencyUnavailableException unavailable(String messageFormat) {
    return new DependencyUnavailableException(
        target, target.toUpperCase(Locale.ROOT) + "_UNAVAILABLE", messageFormat.formatted(target));
  }

  private Reply attempt(HttpUriRequestBase request) {
    try {
      return http.execute(
          request,
          response ->
              response.getCode() >= 500
                  ? failed(response.getCode())
                  : new Reply(response.getCode(), parse(response.getEntity())));
    } catch (DependencyFailure e) {
      throw e;
    } catch (InterruptedIOException e) { // a connect, read or pool-wait timeout
      throw new DependencyFailure(
          "no answer within " + settings.timeout().toMillis() + " ms", false);
    } catch (IOException e) {
      throw new DependencyFailure("cannot connect (" + e.getClass().getSimpleName() + ")", true);
    }
  }

  private static Reply failed(int status) {
    throw new DependencyFailure("answered " + status, true);
  }

  /** Readiness: the dependency's {@code /health} answers 200 within a second, policies bypassed. */
  public HealthCheck healthCheck() {
    return HealthCheck.of(
        target,
        () -> {
          HttpUriRequestBase request = request("GET", "/health", null);
          request.setConfig(HEALTH_CHECK);
          int status =
              http.execute(
                  request,
                  response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                  });
          if (status != 200) {
            throw new IllegalStateException("/health answered " + status);
          }
        });
  }

  /** A request with the client's default config: the dependency's timeout. */
  private HttpUriRequestBase request(String method, String path, Object jsonBody) {
    HttpUriRequestBase request =
        new HttpUriRequestBase(method, baseUrl.resolve(baseUrl.getPath() + path));
    request.setHeader("Accept", "application/json");
    if (jsonBody != null) {
      try {
        request.setEntity(
            new ByteArrayEntity(
                Json.MAPPER.writeValueAsBytes(jsonBody), ContentType.APPLICATION_JSON));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("request body is not serializable", e);
      }
    }
    return request;
  }

  /**
   * One pooled client per dependency. Its own retries and redirects are off: retrying is the
   * policies' job, and a dependency that redirects is misconfigured. The pool is as large as a
   * server's request threads can use; idle connections the server may have closed are checked
   * before reuse.
   */
  private static CloseableHttpClient httpClient(Duration timeout) {
    return HttpClients.custom()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(timeout))
                        .setSocketTimeout(Timeout.of(timeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build())
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .evictIdleConnections(TimeValue.ofSeconds(20))
        .build();
  }

  /**
   * The JSON body; null for no body (a 204, say) or one that is not JSON. Parsed from the stream
   * with Jackson's pooled buffers (copying it into an array first took a 4 KB buffer per call); the
   * client reads whatever is left before it reuses the connection.
   */
  private static JsonNode parse(HttpEntity entity) throws IOException {
    if (entity == null) {
      return null;
    }
    try (InputStream body = entity.getContent()) {
      JsonNode node = Json.MAPPER.readTree(body);
      return node == null || node.isMissingNode() ? null : node;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static RetryPolicy<Reply> retryPolicy(ResilienceSettings settings, Counter retries) {
    RetryPolicyBuilder<Reply> builder =
        RetryPolicy.<Reply>builder()
            .handleIf((reply, failure) -> failure instanceof DependencyFailure f && f.retryable)
            .withMaxRetries(settings.maxRetries())
            .onRetry(event -> retries.increment());
    Duration delay = settings.retryDelay();
    if (settings.maxRetries() > 1) {
      builder.withBackoff(delay, delay.multipliedBy(1L << (settings.maxRetries() - 1)), 2.0);
    } else {
      builder.withDelay(delay);
    }
    return builder.build();
  }

  private static CircuitBreaker<Reply> circuitBreaker(String target, ResilienceSettings settings) {
    return CircuitBreaker.<Reply>builder()
        .handle(DependencyFailure.class)
        .withFailureThreshold(settings.circuitFailures())
        .withDelay(settings.circuitOpen())
        .withSuccessThreshold(1)
        .onOpen(e -> LOG.atWarn().addKeyValue("target", target).log("circuit opened"))
        .onHalfOpen(e -> LOG.atInfo().addKeyValue("target", target).log("circuit half-open"))
        .onClose(e -> LOG.atInfo().addKeyValue("target", target).log("circuit closed"))
        .build();
  }

  private static int stateCode(CircuitBreaker<?> breaker) {
    return switch (breaker.getState()) {
      case CLOSED -> 0;
      case OPEN -> 1;
      case HALF_OPEN -> 2;
    };
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      LOG.atDebug().addKeyValue("target", target).setCause(e).log("closing the HTTP client");
    }
  }

  /** A dependency's answer: its status and, when it sent JSON, the parsed body. */
  public record Reply(int status, JsonNode body) {}

  /** One failed attempt; {@code retryable} says whether trying again can help. */
  static final class DependencyFailure extends RuntimeException {
    final boolean retryable;

    DependencyFailure(String message, boolean retryable) {
      super(message, null, false, false);
      this.retryable = retryable;
    }
  }
}
