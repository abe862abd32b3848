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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
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
 */
public final class DependencyClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DependencyClient.class);

  private final String target;
  private final URI baseUrl;
  private final ResilienceSettings settings;
  private final HttpClient http;
  private final CircuitBreaker<Reply> breaker;
  private final FailsafeExecutor<Reply> executor;

  public DependencyClient(
      String target, URI baseUrl, ResilienceSettings settings, MeterRegistry registry) {
    this.target = target;
    this.baseUrl = baseUrl;
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .build();
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
    HttpRequest request = request(method, path, jsonBody, settings.timeout());
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

  private Reply attempt(HttpRequest request) throws InterruptedException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new DependencyFailure(
          "no answer within " + settings.timeout().toMillis() + " ms", false);
    } catch (IOException e) {
      throw new DependencyFailure("cannot connect (" + e.getClass().getSimpleName() + ")", true);
    }
    if (response.statusCode() >= 500) {
      throw new DependencyFailure("answered " + response.statusCode(), true);
    }
    return new Reply(response.statusCode(), parse(response.body()));
  }

  /** Readiness: the dependency's {@code /health} answers 200 within a second, policies bypassed. */
  public HealthCheck healthCheck() {
    return HealthCheck.of(
        target,
        () -> {
          HttpResponse<Void> response =
              http.send(
                  request("GET", "/health", null, Duration.ofSeconds(1)),
                  HttpResponse.BodyHandlers.discarding());
          if (response.statusCode() != 200) {
            throw new IllegalStateException("/health answered " + response.statusCode());
          }
        });
  }

  private HttpRequest request(String method, String path, Object jsonBody, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(baseUrl.resolve(baseUrl.getPath() + path))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (jsonBody == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    try {
      return builder
          .header("Content-Type", "application/json")
          .method(
              method,
              HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(jsonBody)))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request body is not serializable", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
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
    http.close();
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
