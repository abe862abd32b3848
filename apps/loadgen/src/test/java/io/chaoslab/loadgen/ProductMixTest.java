package io.chaoslab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProductMixTest {

  @Test
  void parsesProductsWithOptionalWeights() {
    assertThat(ProductMix.parse("keyboard, mouse:3"))
        .containsExactly(new ProductMix.Entry("keyboard", 1), new ProductMix.Entry("mouse", 3));
    assertThat(ProductMix.of(ProductMix.parse("keyboard,mouse:3"))).hasToString("keyboard,mouse:3");
  }

  @Test
  void rejectsWhatIsNotAMix() {
    assertThatThrownBy(() -> ProductMix.parse("mouse:0")).hasMessageContaining("'mouse'");
    assertThatThrownBy(() -> ProductMix.parse("mouse:1.5")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> ProductMix.parse("")).hasMessageContaining("not a product list");
    assertThatThrownBy(() -> ProductMix.parse(":3")).hasMessageContaining("not a product list");
    assertThatThrownBy(() -> ProductMix.parse("a,a")).hasMessageContaining("listed twice");
  }

  @Test
  void drawsByWeightAndRepeatsWithTheSameSeed() {
    ProductMix mix = ProductMix.of(ProductMix.parse("keyboard,mouse:3"));
    SplittableRandom random = new SplittableRandom(7);
    long mice = IntStream.range(0, 40_000).filter(i -> mix.draw(random) == 1).count();
    assertThat(mice).isBetween(29_000L, 31_000L);

    List<Integer> first = draws(mix, 42);
    assertThat(draws(mix, 42)).isEqualTo(first);
    assertThat(draws(mix, 43)).isNotEqualTo(first);
  }

  @Test
  void namesTheProductsACatalogLacks() {
    ProductMix mix = ProductMix.of(ProductMix.parse("keyboard,unicorn,dragon:2"));
    assertThat(mix.missingFrom(List.of("keyboard", "mouse"))).containsExactly("unicorn", "dragon");
  }

  private static List<Integer> draws(ProductMix mix, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return IntStream.range(0, 50).map(i -> mix.draw(random)).boxed().toList();
  }
}
