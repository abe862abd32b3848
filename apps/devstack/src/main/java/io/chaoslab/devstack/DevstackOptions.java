package io.chaoslab.devstack;

import java.nio.file.Path;

/**
 * Where the devstack listens and keeps its data. Port 0 picks a free port; a null {@code dataDir}
 * means a temporary database that is deleted on exit.
 */
public record DevstackOptions(
    int orderPort, int inventoryPort, int notificationPort, int databasePort, Path dataDir) {

  public static DevstackOptions defaults() {
    return new DevstackOptions(5000, 5001, 5002, 0, null);
  }
}
