package io.chaoslab.devstack;

import java.nio.file.Path;

/**
 * Where the devstack listens and keeps its data. Port 0 picks a free port; a null {@code dataDir}
 * means a temporary database that is deleted on exit. {@code databaseOnly} starts PostgreSQL
 * without the services, for services run as their own processes.
 */
public record DevstackOptions(
    int orderPort,
    int inventoryPort,
    int notificationPort,
    int databasePort,
    Path dataDir,
    boolean databaseOnly) {

  public DevstackOptions(
      int orderPort, int inventoryPort, int notificationPort, int databasePort, Path dataDir) {
    this(orderPort, inventoryPort, notificationPort, databasePort, dataDir, false);
  }

  public static DevstackOptions defaults() {
    return new DevstackOptions(5000, 5001, 5002, 0, null);
  }
}
