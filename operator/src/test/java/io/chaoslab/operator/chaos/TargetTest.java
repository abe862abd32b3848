package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.api.chaos.TargetSpec;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetTest {
  private static TargetSpec shop(String name, ShopComponent component) {
    TargetSpec spec = new TargetSpec();
    spec.setShopStack(name);
    spec.setComponent(component);
    return spec;
  }

  @Test
  void aShopComponentIsItsDeploymentAndItsPodsLabels() {
    Target target = Target.of(shop("demo", ShopComponent.ORDER));

    assertThat(target.description()).isEqualTo("demo/order");
    assertThat(target.workload()).contains(new Target.Workload("Deployment", "demo-order", "demo"));
    assertThat(target.pods().getMatchLabels())
        .isEqualTo(
            Map.of("app.kubernetes.io/instance", "demo", "app.kubernetes.io/component", "order"));
  }

  @Test
  void theDatabaseIsAStatefulSet() {
    assertThat(Target.of(shop("demo", ShopComponent.DATABASE)).workload())
        .contains(new Target.Workload("StatefulSet", "demo-database", "demo"));
  }

  @Test
  void aSelectorIsDescribedByItsLabels() {
    TargetSpec spec = new TargetSpec();
    spec.setSelector(
        new LabelSelectorBuilder()
            .withMatchLabels(Map.of("tier", "web", "app", "shop"))
            .addNewMatchExpression()
            .withKey("track")
            .withOperator("In")
            .withValues("stable")
            .endMatchExpression()
            .build());

    Target target = Target.of(spec);

    assertThat(target.description()).isEqualTo("app=shop,tier=web,track in [stable]");
    assertThat(target.workload()).isEmpty();
  }

  @Test
  void neitherOrBothFormsAreRefused() {
    assertThatThrownBy(() -> Target.of(new TargetSpec())).hasMessageContaining("exactly one form");
    TargetSpec both = shop("demo", ShopComponent.ORDER);
    both.setSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("a", "b")).build());
    assertThatThrownBy(() -> Target.of(both)).hasMessageContaining("exactly one form");
    assertThatThrownBy(() -> Target.of(shop("demo", null)))
        .hasMessageContaining("needs target.component");
  }
}
