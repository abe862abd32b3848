package io.chaoslab.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The books of one run, per product: the stock before and after, and what the shop confirmed. They
 * balance when reserved stock grew by exactly the confirmed quantities, {@code available +
 * reserved} did not change, and nothing went below zero.
 */
final class Ledger {
  private Ledger() {}

  /** A product's stock at one moment. */
  record Stock(long available, long reserved) {
    long total() {
      return available + reserved;
    }
  }

  /**
   * One product's books. {@code after} is null when the product is gone from the shop's list.
   *
   * @param confirmedUnits the quantities of the orders the shop confirmed (201, or 200 when asked
   *     again)
   */
  record Balance(
      String productId, Stock before, Stock after, long confirmedUnits, long confirmedOrders) {

    long reservedChange() {
      return after == null ? 0 : after.reserved() - before.reserved();
    }

    boolean balances() {
      return after != null
          && reservedChange() == confirmedUnits
          && after.total() == before.total()
          && after.available() >= 0
          && after.reserved() >= 0;
    }

    /** What is wrong, with the numbers; empty when the product balances. */
    String problem() {
      if (after == null) {
        return "no longer listed by the inventory";
      }
      List<String> problems = new ArrayList<>();
      if (reservedChange() != confirmedUnits) {
        problems.add(
            String.format(
                Locale.ROOT,
                "reserved %+d (%d -> %d), expected %+d from %d confirmed orders",
                reservedChange(),
                before.reserved(),
                after.reserved(),
                confirmedUnits,
                confirmedOrders));
      }
      if (after.total() != before.total()) {
        problems.add(
            "available + reserved changed from " + before.total() + " to " + after.total());
      }
      if (after.available() < 0 || after.reserved() < 0) {
        problems.add(
            "below zero: available " + after.available() + ", reserved " + after.reserved());
      }
      return String.join("; ", problems);
    }
  }

  /** The books of each product in {@code mix}. */
  static List<Balance> balances(
      ProductMix mix, Map<String, Stock> before, Map<String, Stock> after, Statistics confirmed) {
    List<Balance> balances = new ArrayList<>(mix.size());
    for (int i = 0; i < mix.size(); i++) {
      String id = mix.productId(i);
      balances.add(
          new Balance(
              id,
              before.get(id),
              after.get(id),
              confirmed.confirmedUnits(i),
              confirmed.confirmedOrders(i)));
    }
    return balances;
  }
}
