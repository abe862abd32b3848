package io.chaoslab.common.db;

import io.chaoslab.common.config.Env;
import java.time.Duration;

/**
 * Where a service's PostgreSQL is and how the pool behaves. The password is kept out of {@link
 * #toString()} so it can never reach a log line.
 */
public record DatabaseSettings(
    String url,
    String user,
    String password,
    int poolSize,
    Duration connectionTimeout,
    Duration startupTimeout) {

  public static DatabaseSettings fromEnv(Env env) {
    String url = env.string("DATABASE_URL", "jdbc:postgresql://localhost:5432/shop");
    if (!url.startsWith("jdbc:postgresql://")) {
      throw new io.chaoslab.common.config.ConfigException(
          "DATABASE_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB), got '"
              + redactedUrl(url)
              + "'");
    }
    return new DatabaseSettings(
        url,
        env.string("DATABASE_USER", "postgres"),
        env.string("DATABASE_PASSWORD", ""),
        env.integer("DATABASE_POOL_SIZE", 10, 1, 200),
        env.millis(
            "DATABASE_CONNECTION_TIMEOUT_MS",
            Duration.ofSeconds(2),
            Duration.ofMillis(250),
            Duration.ofMinutes(1)),
        env.seconds(
            "DATABASE_STARTUP_TIMEOUT_SECONDS",
            Duration.ofSeconds(60),
            Duration.ZERO,
            Duration.ofHours(1)));
  }

  /** The URL without its query string, where credentials may hide. */
  public String redactedUrl() {
    return redactedUrl(url);
  }

  private static String redactedUrl(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=%s, user=%s, password=***, poolSize=%d]"
        .formatted(redactedUrl(), user, poolSize);
  }
}
