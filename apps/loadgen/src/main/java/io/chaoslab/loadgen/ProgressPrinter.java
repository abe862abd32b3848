package io.chaoslab.loadgen;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Once a second, one line: time since the start, answers per second in the last second, answers so
 * far (2xx and the rest), median and 99th percentile latency of the last second, and requests in
 * flight.
 *
 * <pre>
 *     12s  rate    300.0/s  ok     3598  err       0  p50      2.1 ms  p99     10.4 ms  in-flight     1
 * </pre>
 */
final class ProgressPrinter implements AutoCloseable {
  private static final long MIN_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final Statistics statistics;
  private final PrintWriter err;
  private final LongSupplier startNanos;
  private final long warmupNanos;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "loadgen-progress");
            t.setDaemon(true);
            return t;
          });
  private long lastAnswers;
  private long lastNanos;

  /**
   * @param startNanos when the run started ({@link System#nanoTime()}), once it has
   * @param warmupNanos how long after the start the warm-up ends
   */
  ProgressPrinter(
      Statistics statistics, PrintWriter err, LongSupplier startNanos, long warmupNanos) {
    this.statistics = statistics;
    this.err = err;
    this.startNanos = startNanos;
    this.warmupNanos = warmupNanos;
  }

  void start() {
    lastNanos = System.nanoTime();
    timer.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
  }

  private void print() {
    long now = System.nanoTime();
    if (now - lastNanos < MIN_GAP_NANOS) {
      return; // a late tick catching up: the last line is hardly older
    }
    long answers = statistics.okAll() + statistics.failedAll();
    double seconds = (now - lastNanos) / 1e9;
    Histogram last = statistics.takeInterval();
    err.println(
        line(
            Math.round((now - startNanos.getAsLong()) / 1e9),
            now - startNanos.getAsLong() < warmupNanos,
            (answers - lastAnswers) / seconds,
            statistics.okAll(),
            statistics.failedAll(),
            last,
            statistics.inFlight()));
    err.flush();
    lastAnswers = answers;
    lastNanos = now;
  }

  static String line(
      long elapsedSeconds,
      boolean warmup,
      double rate,
      long ok,
      long failed,
      Histogram latenciesMicros,
      long inFlight) {
    return String.format(
        Locale.ROOT,
        "%6ds  rate %8.1f/s  ok %8d  err %7d  p50 %s  p99 %s  in-flight %5d%s",
        elapsedSeconds,
        rate,
        ok,
        failed,
        millis(latenciesMicros, 50),
        millis(latenciesMicros, 99),
        inFlight,
        warmup ? "  (warm-up)" : "");
  }

  private static String millis(Histogram micros, double percentile) {
    if (micros.getTotalCount() == 0) {
      return String.format(Locale.ROOT, "%8s   ", "-");
    }
    return String.format(Locale.ROOT, "%8.1f ms", micros.getValueAtPercentile(percentile) / 1000.0);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
