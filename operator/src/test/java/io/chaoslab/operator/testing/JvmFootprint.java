package io.chaoslab.operator.testing;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.stream.Collectors;

/** What the benchmarks report of this JVM: heap in use after a full collection, and threads. */
public final class JvmFootprint {
  private JvmFootprint() {}

  /** Heap in use after three collections a little apart (one may leave garbage behind). */
  public static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Live platform threads (virtual threads are not counted: they cost no OS thread). */
  public static int platformThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /**
   * Live platform threads grouped by name with the digits taken out (so a pool's threads count as
   * one group), largest groups first: which pools a figure comes from.
   */
  public static String platformThreadsByPool() {
    Map<String, Long> pools =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !t.isVirtual())
            .collect(
                Collectors.groupingBy(
                    t -> t.getName().replaceAll("[0-9]+", "N"), Collectors.counting()));
    return pools.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  public static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
