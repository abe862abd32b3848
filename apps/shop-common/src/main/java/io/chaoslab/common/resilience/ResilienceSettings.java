package io.chaoslab.common.resilience;

import io.chaoslab.common.config.Env;
import java.time.Duration;

/**
 * How a service calls one dependency: a timeout per attempt, retries with exponential backoff
 * ({@code retryDelay}, then twice that, ...), and a circuit breaker that opens after {@code
 * circuitFailures} consecutive failures and lets a trial call through after {@code circuitOpen}.
 */
public record ResilienceSettings(
    Duration timeout,
    int maxRetries,
    Duration retryDelay,
    int circuitFailures,
    Duration circuitOpen) {

  /**
   * Reads {@code <PREFIX>_TIMEOUT_MS}, {@code _RETRIES}, {@code _RETRY_DELAY_MS}, {@code
   * _CIRCUIT_FAILURES} and {@code _CIRCUIT_OPEN_MS}, falling back to {@code defaults}.
   */
  public static ResilienceSettings fromEnv(Env env, String prefix, ResilienceSettings defaults) {
    return new ResilienceSettings(
        env.millis(
            prefix + "_TIMEOUT_MS", defaults.timeout, Duration.ofMillis(10), Duration.ofMinutes(1)),
        env.integer(prefix + "_RETRIES", defaults.maxRetries, 0, 10),
        env.millis(
            prefix + "_RETRY_DELAY_MS",
            defaults.retryDelay,
            Duration.ofMillis(1),
            Duration.ofMinutes(1)),
        env.integer(prefix + "_CIRCUIT_FAILURES", defaults.circuitFailures, 1, 1000),
        env.millis(
            prefix + "_CIRCUIT_OPEN_MS",
            defaults.circuitOpen,
            Duration.ofMillis(10),
            Duration.ofMinutes(10)));
  }
}
