package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoslab.operator.api.chaos.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KillCountTest {
  @ParameterizedTest(name = "{0} {1} of {2} pods kills {3}")
  @CsvSource({
    "ONE, , 3, 1",
    "ONE, 5, 3, 1",
    "FIXED, 2, 3, 2",
    "FIXED, 5, 3, 3",
    "PERCENT, 50, 3, 2",
    "PERCENT, 10, 3, 1",
    "PERCENT, 100, 4, 4",
    "PERCENT, 34, 3, 2",
    "ALL, , 5, 5",
    "ALL, , 0, 0",
    "FIXED, 2, 0, 0"
  })
  void killsExactlyTheRightNumber(Mode mode, Integer value, int pods, int expected) {
    assertThat(KillCount.of(mode, value, pods)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"FIXED, ", "PERCENT, ", "FIXED, 0", "PERCENT, -5"})
  void aModeThatNeedsAValueRefusesNone(Mode mode, Integer value) {
    assertThatThrownBy(() -> KillCount.of(mode, value, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a value of 1 or more");
  }
}
