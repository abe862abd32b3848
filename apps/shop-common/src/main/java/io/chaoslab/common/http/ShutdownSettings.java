package io.chaoslab.common.http;

import io.chaoslab.common.config.Env;
import java.time.Duration;

/**
 * How a service stops: first {@code drainDelay} with {@code /ready} answering 503 while still
 * serving (time for load balancers and Kubernetes endpoints to stop sending traffic), then up to
 * {@code timeout} for in-flight requests to finish after the listener closes.
 */
public record ShutdownSettings(Duration drainDelay, Duration timeout) {

  public static ShutdownSettings fromEnv(Env env) {
    return new ShutdownSettings(
        env.millis(
            "SHUTDOWN_DRAIN_MS", Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(2)),
        env.millis(
            "SHUTDOWN_TIMEOUT_MS", Duration.ofSeconds(20), Duration.ZERO, Duration.ofMinutes(5)));
  }
}
