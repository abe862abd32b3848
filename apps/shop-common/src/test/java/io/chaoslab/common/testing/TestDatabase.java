package io.chaoslab.common.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL for tests. One embedded server per test JVM is shared by every test class; each
 * caller gets a database of its own, so tests never see each other's rows.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres shared;

  private final String url;

  private TestDatabase(String url) {
    this.url = url;
  }

  /** A new, empty database on the JVM-wide server. */
  public static synchronized TestDatabase create() {
    if (shared == null) {
      shared = start(null, 0);
      EmbeddedPostgres server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server)));
    }
    String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = shared.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return new TestDatabase(shared.getJdbcUrl("postgres", name));
  }

  /**
   * A server of the caller's own, on {@code port} with data in {@code dataDir}: it may be stopped.
   */
  public static EmbeddedPostgres start(Path dataDir, int port) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (dataDir != null) {
        builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
      }
      if (port > 0) {
        builder.setPort(port);
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  private static void closeQuietly(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      // the JVM is exiting; nothing left to do
    }
  }

  public String url() {
    return url;
  }

  /** DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD as the services read them. */
  public Map<String, String> env() {
    return env(url);
  }

  public static Map<String, String> env(String url) {
    return Map.of("DATABASE_URL", url, "DATABASE_USER", "postgres", "DATABASE_PASSWORD", "");
  }

  public Connection connect() throws SQLException {
    return java.sql.DriverManager.getConnection(url, "postgres", "");
  }
}
