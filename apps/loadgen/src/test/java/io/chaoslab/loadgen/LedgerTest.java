package io.chaoslab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.loadgen.Ledger.Balance;
import io.chaoslab.loadgen.Ledger.Stock;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private static final Stock BEFORE = new Stock(1000, 10);

  @Test
  void balancesWhenReservedGrewByWhatWasConfirmed() {
    Balance b = new Balance("keyboard", BEFORE, new Stock(970, 40), 30, 15);
    assertThat(b.balances()).isTrue();
    assertThat(b.problem()).isEmpty();
  }

  @Test
  void reservedStockWithoutAnOrderIsNamedWithTheNumbers() {
    Balance b = new Balance("keyboard", BEFORE, new Stock(969, 41), 30, 15);
    assertThat(b.balances()).isFalse();
    assertThat(b.problem())
        .isEqualTo("reserved +31 (10 -> 41), expected +30 from 15 confirmed orders");
  }

  @Test
  void lostOrCreatedStockIsBroken() {
    Balance lost = new Balance("keyboard", BEFORE, new Stock(960, 40), 30, 30);
    assertThat(lost.balances()).isFalse();
    assertThat(lost.problem()).isEqualTo("available + reserved changed from 1010 to 1000");
  }

  @Test
  void belowZeroIsBroken() {
    Balance b = new Balance("keyboard", new Stock(5, 0), new Stock(-5, 10), 10, 10);
    assertThat(b.balances()).isFalse();
    assertThat(b.problem()).isEqualTo("below zero: available -5, reserved 10");
  }

  @Test
  void aProductThatDisappearedIsBroken() {
    Balance b = new Balance("keyboard", BEFORE, null, 0, 0);
    assertThat(b.balances()).isFalse();
    assertThat(b.problem()).isEqualTo("no longer listed by the inventory");
  }
}
