package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PodPickerTest {
  private static final List<String> PODS = List.of("p-e", "p-a", "p-d", "p-b", "p-c");

  @Test
  void theSameSeedPicksTheSamePodsWhateverTheOrderTheyWereListedIn() {
    List<String> first = PodPicker.pick(PODS, Function.identity(), 2, 42, 1);
    List<String> again =
        PodPicker.pick(List.of("p-c", "p-b", "p-a", "p-e", "p-d"), Function.identity(), 2, 42, 1);

    assertThat(first).hasSize(2).doesNotHaveDuplicates().isEqualTo(again);
  }

  @Test
  void otherSeedsAndRoundsDrawAnew() {
    long distinct =
        java.util.stream.LongStream.range(0, 20)
            .mapToObj(seed -> PodPicker.pick(PODS, Function.identity(), 1, seed, 1).get(0))
            .distinct()
            .count();

    assertThat(distinct).as("20 seeds pick more than one pod").isGreaterThan(1);
    assertThat(PodPicker.pick(PODS, Function.identity(), 5, 7, 1))
        .containsExactlyInAnyOrderElementsOf(PODS);
  }

  @Test
  void neverMorePodsThanThereAre() {
    assertThat(PodPicker.pick(PODS, Function.identity(), 9, 1, 1)).hasSize(5);
    assertThat(PodPicker.pick(List.<String>of(), Function.identity(), 1, 1, 1)).isEmpty();
  }
}
