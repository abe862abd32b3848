package io.chaoslab.loadgen;

import io.chaoslab.loadgen.ShopClient.ShopUnavailableException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Checks the books after a run: reserved stock must have grown by exactly what the shop confirmed,
 * {@code available + reserved} must not have changed, nothing may be below zero, and a sample of
 * the created orders must read back {@code CONFIRMED}.
 *
 * <p>Right after a run the shop may still hold stock of orders that failed half-way (its recovery
 * gives it back, by default within about 30 s), and some requests may have no definite answer; so
 * the check asks again about those ({@link OutcomeResolver}) and re-reads the stock every second
 * until the books balance or the timeout passes. It assumes nobody else orders these products
 * meanwhile.
 */
final class LedgerCheck {
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final long REPEAT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final ShopClient client;
  private final ProductMix mix;
  private final Statistics statistics;
  private final OutcomeResolver resolver;
  private final Duration timeout;
  private final PrintWriter progress;
  private String lastWaitingFor = "";
  private long lastSaidNanos;

  /**
   * @param progress where to say what the check is waiting for; null for silence
   */
  LedgerCheck(
      ShopClient client,
      ProductMix mix,
      int quantity,
      Statistics statistics,
      Duration timeout,
      PrintWriter progress) {
    this.client = client;
    this.mix = mix;
    this.statistics = statistics;
    this.resolver = new OutcomeResolver(client, mix, quantity, statistics);
    this.timeout = timeout;
    this.progress = progress;
  }

  /** The stock of the mix's products now. */
  static Map<String, Ledger.Stock> snapshot(ShopClient client) throws ShopUnavailableException {
    Map<String, Ledger.Stock> stock = new HashMap<>();
    for (ShopClient.ProductStock p : client.products()) {
      stock.put(p.id(), new Ledger.Stock(p.available(), p.reserved()));
    }
    return stock;
  }

  LedgerResult check(Map<String, Ledger.Stock> before) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Ledger.Balance> balances = List.of();
    String readError;
    while (true) {
      if (!resolver.done()) {
        resolver.resolveOnce();
      }
      try {
        balances = Ledger.balances(mix, before, snapshot(client), statistics);
        readError = null;
      } catch (ShopUnavailableException e) {
        readError = e.getMessage();
      }
      boolean balanced = readError == null && balances.stream().allMatch(Ledger.Balance::balances);
      if (balanced && resolver.done()) {
        break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      sayWaiting(waitingFor(balances, readError), left);
      Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, left / 1_000_000)));
    }
    List<String> sampleProblems = readBackSample();
    return verdict(balances, readError, sampleProblems);
  }

  private LedgerResult verdict(
      List<Ledger.Balance> balances, String readError, List<String> sampleProblems) {
    OutcomeResolver.Outcome outcomes = resolver.outcome();
    int sampled = statistics.sampleOrderIds().size();
    List<String> problems = new ArrayList<>();
    if (readError != null) {
      problems.add("the stock could not be read: " + readError);
    }
    long unbalanced = balances.stream().filter(b -> !b.balances()).count();
    if (readError == null && unbalanced > 0) {
      problems.add(unbalanced + " of " + balances.size() + " products do not balance");
    }
    if (outcomes.open() > 0) {
      problems.add(outcomes.open() + " orders of unknown outcome");
    }
    if (!sampleProblems.isEmpty()) {
      problems.add(sampleProblems.size() + " of " + sampled + " orders read back not CONFIRMED");
    }
    if (problems.isEmpty()) {
      long units = balances.stream().mapToLong(Ledger.Balance::confirmedUnits).sum();
      long orders = balances.stream().mapToLong(Ledger.Balance::confirmedOrders).sum();
      String message =
          String.format(
              Locale.ROOT,
              "%d products balance (%d units reserved by %d confirmed orders); %d of %d orders"
                  + " read back CONFIRMED",
              balances.size(),
              units,
              orders,
              sampled,
              sampled);
      return new LedgerResult(
          LedgerResult.Verdict.OK, balances, sampled, sampleProblems, outcomes, message);
    }
    return new LedgerResult(
        LedgerResult.Verdict.BROKEN,
        balances,
        sampled,
        sampleProblems,
        outcomes,
        String.join("; ", problems) + " after waiting up to " + Durations.format(timeout));
  }

  private List<String> readBackSample() {
    List<String> problems = new ArrayList<>();
    for (String orderId : statistics.sampleOrderIds()) {
      try {
        ShopClient.StoredOrder order = client.order(orderId);
        if (order.httpStatus() != 200 || !"CONFIRMED".equals(order.status())) {
          problems.add(
              "order "
                  + orderId
                  + ": GET answered "
                  + order.httpStatus()
                  + (order.status() == null ? "" : " with status " + order.status()));
        }
      } catch (ShopUnavailableException e) {
        problems.add("order " + orderId + " and the rest of the sample: " + e.getMessage());
        break; // one timeout is enough: do not wait for each of the others
      }
    }
    return problems;
  }

  private String waitingFor(List<Ledger.Balance> balances, String readError) {
    if (readError != null) {
      return readError;
    }
    List<String> off = new ArrayList<>();
    for (Ledger.Balance b : balances) {
      if (!b.balances()) {
        off.add(b.productId() + " " + b.problem());
      }
    }
    String what =
        off.size() > 2
            ? off.size() + " of " + balances.size() + " products do not balance yet"
            : String.join("; ", off);
    if (!resolver.done()) {
      what +=
          (what.isEmpty() ? "" : "; ") + resolver.outcome().open() + " orders of unknown outcome";
    }
    return what;
  }

  /** Says what the check waits for when that changed, and every 10 s anyway. */
  private void sayWaiting(String what, long leftNanos) {
    long now = System.nanoTime();
    if (progress == null || (what.equals(lastWaitingFor) && now - lastSaidNanos < REPEAT_NANOS)) {
      return;
    }
    progress.println(
        "ledger: waiting (" + TimeUnit.NANOSECONDS.toSeconds(leftNanos) + " s left): " + what);
    progress.flush();
    lastWaitingFor = what;
    lastSaidNanos = now;
  }
}
