package io.chaoslab.loadgen;

import io.chaoslab.loadgen.ShopClient.ShopUnavailableException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run, step by step: {@link #prepare()} (reach the shop, settle the product mix, note the
 * stock), {@link #generate()} (the traffic), {@link #checkLedger()}, {@link #report}. {@link
 * LoadgenMain} takes the steps in order; a test may act on the shop between them.
 */
final class LoadRun implements AutoCloseable {
  static final int EXIT_OK = 0;
  static final int EXIT_TOO_MANY_ERRORS = 1;
  static final int EXIT_BAD_ARGUMENTS = 2;
  static final int EXIT_LEDGER_BROKEN = 3;
  static final int EXIT_SHOP_UNREACHABLE = 4;

  private final Settings settings;
  private final PrintWriter err;
  private final String runId;
  private final ShopClient client;
  private final Schedule schedule;
  private ProductMix mix;
  private Statistics statistics;
  private volatile TrafficGenerator generator;
  private Map<String, Ledger.Stock> stockBefore;
  private volatile boolean stopRequested;

  /**
   * @param err where progress goes (unless {@code settings.quiet()})
   */
  LoadRun(Settings settings, PrintWriter err) {
    this.settings = settings;
    this.err = err;
    this.runId = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    this.client =
        new ShopClient(
            settings.orderUrl(),
            settings.inventoryUrl(),
            settings.timeout(),
            settings.concurrency(),
            runId);
    this.schedule = settings.schedule();
  }

  /**
   * Checks that the shop answers, settles the product mix against its catalog and notes the stock.
   *
   * @throws ShopUnavailableException the shop is not there; the message names the URL
   * @throws UnknownProductsException {@code --products} names products the shop does not have
   */
  void prepare() throws ShopUnavailableException, UnknownProductsException {
    client.checkOrderServiceReachable();
    List<String> catalog = new ArrayList<>();
    client.products().forEach(p -> catalog.add(p.id()));
    if (settings.products() == null) {
      if (catalog.isEmpty()) {
        throw new ShopUnavailableException(
            "the inventory at " + settings.inventoryUrl() + " lists no products to order");
      }
      mix = ProductMix.equal(catalog.stream().sorted().toList());
    } else {
      List<String> missing = settings.products().missingFrom(catalog);
      if (!missing.isEmpty()) {
        throw new UnknownProductsException(missing, catalog);
      }
      mix = settings.products();
    }
    stockBefore = LedgerCheck.snapshot(client);
    statistics = new Statistics(mix.size());
    generator =
        new TrafficGenerator(
            client,
            schedule,
            mix,
            settings.quantity(),
            settings.seed(),
            settings.concurrency(),
            statistics);
    if (stopRequested) {
      generator.stop();
    }
  }

  /** Sends the traffic, showing progress once a second; returns when every answer is in. */
  void generate() throws InterruptedException {
    say(
        String.format(
            Locale.ROOT,
            "loadgen: %d orders%s at %d/s to %s, products %s, seed %d, run %s",
            schedule.measuredRequests(),
            schedule.warmupRequests() == 0
                ? ""
                : " after " + schedule.warmupRequests() + " warm-up orders",
            settings.rate(),
            settings.orderUrl(),
            mix,
            settings.seed(),
            runId));
    ProgressPrinter progress =
        new ProgressPrinter(
            statistics,
            err,
            generator::startNanos,
            schedule.dueOffsetNanos(schedule.warmupRequests()));
    if (!settings.quiet()) {
      progress.start();
    }
    try {
      generator.run();
    } finally {
      progress.close();
    }
  }

  /** The books after the run, unless {@code --no-ledger} or the run was stopped. */
  LedgerResult checkLedger() throws InterruptedException {
    if (!settings.ledger()) {
      return LedgerResult.notChecked("not checked (--no-ledger)");
    }
    if (generator.stopped()) {
      return LedgerResult.notChecked("not checked: the run was stopped before its end");
    }
    say("loadgen: checking the ledger ...");
    return new LedgerCheck(
            client,
            mix,
            settings.quantity(),
            statistics,
            settings.ledgerTimeout(),
            settings.quiet() ? null : err)
        .check(stockBefore);
  }

  Report report(LedgerResult ledger) {
    long completed = statistics.measuredCompleted();
    long measuredStart =
        generator.startNanos() + schedule.dueOffsetNanos(schedule.warmupRequests());
    long lastAnswer = statistics.lastMeasuredAnswerNanos();
    double seconds = completed == 0 ? 0 : Math.max(0, lastAnswer - measuredStart) / 1e9;
    double errorPercent =
        completed == 0 ? 0 : 100.0 * (completed - statistics.measuredSuccesses()) / completed;
    int exitCode = EXIT_OK;
    if (ledger.broken()) {
      exitCode = EXIT_LEDGER_BROKEN;
    } else if (settings.maxErrorPercent() != null && errorPercent > settings.maxErrorPercent()) {
      exitCode = EXIT_TOO_MANY_ERRORS;
    }
    return new Report(
        settings.orderUrl(),
        runId,
        settings.seed(),
        settings.rate(),
        settings.concurrency(),
        settings.quantity(),
        mix.toString(),
        schedule.measuredRequests(),
        statistics.sent(),
        completed,
        generator.stopped(),
        new Report.Warmup(
            statistics.warmupSent(), statistics.warmupOk(), statistics.warmupFailed()),
        seconds,
        seconds > 0 ? completed / seconds : 0,
        statistics.statusCounts(),
        statistics.failures(),
        errorPercent,
        settings.maxErrorPercent(),
        Report.Latency.of(statistics.measuredLatencies(), statistics.maxLatencyNanos()),
        statistics.lateStarts(),
        statistics.worstLatenessNanos() / 1e6,
        ledger,
        exitCode);
  }

  /** Sends nothing more: {@link #generate()} returns once the requests in flight are answered. */
  void stop() {
    stopRequested = true;
    TrafficGenerator generator = this.generator;
    if (generator != null) {
      generator.stop();
    }
  }

  private void say(String line) {
    if (!settings.quiet()) {
      err.println(line);
      err.flush();
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** {@code --products} names products the shop does not have. */
  static final class UnknownProductsException extends Exception {
    private static final long serialVersionUID = 1L;

    UnknownProductsException(List<String> unknown, List<String> catalog) {
      super(
          (unknown.size() == 1
                  ? "the shop has no product '" + unknown.getFirst() + "'"
                  : "the shop has no products " + unknown)
              + "; it has: "
              + String.join(", ", catalog.stream().sorted().toList()));
    }
  }
}
