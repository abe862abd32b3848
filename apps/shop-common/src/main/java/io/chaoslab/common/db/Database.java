package io.chaoslab.common.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.chaoslab.common.health.HealthCheck;
import io.chaoslab.common.http.DependencyUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's own schema in PostgreSQL: a connection pool, the schema migrated at start, and
 * transactions whose connection failures become a 503 instead of a 500 or a hang.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final String schema;
  private final HikariDataSource pool;

  private Database(String schema, HikariDataSource pool) {
    this.schema = schema;
    this.pool = pool;
  }

  /**
   * Opens the pool and migrates {@code schema} with the scripts in {@code classpath:db/<schema>}.
   * Waits for the database up to the startup timeout (it may start after the service), then fails
   * with a message naming the database, never its password.
   */
  public static Database open(DatabaseSettings settings, String schema, MeterRegistry registry) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(schema);
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setSchema(schema);
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(Math.min(2, settings.poolSize()));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(Math.min(1000, settings.connectionTimeout().toMillis()));
    config.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
    // Do not fail construction when the database is down: migrate() below waits for it.
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("connectTimeout", 2);
    config.addDataSourceProperty("socketTimeout", 30);
    config.addDataSourceProperty("tcpKeepAlive", true);
    config.addDataSourceProperty("ApplicationName", schema + "-service");
    config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    HikariDataSource pool = new HikariDataSource(config);
    Database database = new Database(schema, pool);
    try {
      database.migrate(settings);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return database;
  }

  private void migrate(DatabaseSettings settings) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(pool)
            .schemas(schema)
            .defaultSchema(schema)
            .locations("classpath:db/" + schema)
            .load();
    Instant deadline = Instant.now().plus(settings.startupTimeout());
    Duration backoff = Duration.ofMillis(250);
    while (true) {
      try {
        int applied = flyway.migrate().migrationsExecuted;
        LOG.atInfo()
            .addKeyValue("schema", schema)
            .addKeyValue("database", settings.redactedUrl())
            .addKeyValue("migrationsApplied", applied)
            .log("schema ready");
        return;
      } catch (FlywayException e) {
        if (!isConnectionFailure(e) || Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "cannot migrate schema '%s' at %s as %s: %s"
                  .formatted(schema, settings.redactedUrl(), settings.user(), rootMessage(e)),
              e);
        }
        LOG.atWarn()
            .addKeyValue("schema", schema)
            .addKeyValue("database", settings.redactedUrl())
            .addKeyValue("retryInMs", backoff.toMillis())
            .log("database not reachable yet, retrying: " + rootMessage(e));
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the database", e);
        }
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : backoff.multipliedBy(2);
      }
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. A
   * transaction PostgreSQL aborts to break a deadlock or a serialization conflict is run again (up
   * to three times in all), so {@code work} must only touch the database.
   */
  public <T> T inTransaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = pool.getConnection()) {
        connection.setAutoCommit(false);
        try {
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(connection);
          throw e;
        }
      } catch (SQLException e) {
        if (attempt < 3 && isTransactionConflict(e)) {
          LOG.atDebug()
              .addKeyValue("schema", schema)
              .addKeyValue("attempt", attempt)
              .log("transaction conflict, running it again");
          continue;
        }
        throw translate(e);
      }
    }
  }

  /** Runs {@code work} on a pooled connection in auto-commit mode (single statements, reads). */
  public <T> T withConnection(Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** Readiness: a connection can be had and answers within a second. */
  public HealthCheck healthCheck() {
    return HealthCheck.of(
        "database",
        () -> {
          try (Connection connection = pool.getConnection()) {
            if (!connection.isValid(1)) {
              throw new SQLException("the connection did not answer");
            }
          }
        });
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      LOG.atDebug().setCause(e).log("rollback failed (the connection is probably gone)");
    }
  }

  /** Connection-level failures are 503s (try again later); anything else is a bug. */
  private RuntimeException translate(SQLException e) {
    if (isConnectionFailure(e)) {
      return new DependencyUnavailableException(
          "database", "DATABASE_UNAVAILABLE", "the database is unavailable, try again later");
    }
    if (isTransactionConflict(e)) {
      return new DependencyUnavailableException(
          "database", "DATABASE_BUSY", "the database is busy with conflicting changes, try again");
    }
    return new IllegalStateException("database error in schema " + schema, e);
  }

  /** 40001 serialization failure, 40P01 deadlock detected: safe to run the transaction again. */
  private static boolean isTransactionConflict(SQLException e) {
    return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }

  static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exception; 57P0x: server shutting down or starting; 53300: too many
        // clients
        if (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @Override
  public void close() {
    pool.close();
  }

  /** Work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
