package io.chaoslab.operator.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Chooses which pods to kill, at random but reproducibly: the candidates are sorted by name and
 * shuffled with a {@link Random} seeded from the experiment's seed and the round, so the same seed
 * on the same pods picks the same pods in the same order, round after round.
 */
public final class PodPicker {
  private PodPicker() {}

  /**
   * @param candidates the pods that may be killed, in any order
   * @param name a pod's name, which orders the candidates before the shuffle
   * @param count how many to pick (at most all of them)
   * @param seed the experiment's seed
   * @param round the round, from 1: each round draws anew
   */
  public static <T> List<T> pick(
      List<T> candidates, Function<T, String> name, int count, long seed, int round) {
    List<T> shuffled = new ArrayList<>(candidates);
    shuffled.sort(Comparator.comparing(name));
    Collections.shuffle(shuffled, new Random(seed * 31 + round));
    return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
  }
}
