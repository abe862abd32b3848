package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.Mode;

/**
 * How many pods one round kills, from the spec's {@code mode} and {@code value} and the target's
 * pods. {@code percent} rounds up and kills at least one pod: 50 % of 3 pods is 2, 10 % of 3 is 1
 * (an experiment that asks for a share of the pods wants some of them killed).
 */
public final class KillCount {
  private KillCount() {}

  public static int of(Mode mode, Integer value, int pods) {
    if (pods <= 0) {
      return 0;
    }
    int count =
        switch (mode) {
          case ONE -> 1;
          case FIXED -> required(mode, value);
          case PERCENT -> Math.max(1, (int) Math.ceil(pods * required(mode, value) / 100.0));
          case ALL -> pods;
        };
    return Math.min(count, pods);
  }

  private static int required(Mode mode, Integer value) {
    if (value == null || value < 1) {
      throw new IllegalArgumentException(
          "mode " + mode.wireName() + " needs a value of 1 or more, got " + value);
    }
    return value;
  }
}
