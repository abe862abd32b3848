package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.chaoslab.operator.api.shopstack.DatabaseSpec;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;

/**
 * What to kill, in one of two forms: a component of a ShopStack ({@code shopStack} and {@code
 * component} together), or any workload's pods by {@code selector}. The CEL rules make the choice
 * explicit: exactly one form, never a half of one or parts of both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.shopStack) != has(self.selector)",
    message = "target takes exactly one form: {shopStack, component} or {selector}")
@ValidationRule(
    value = "has(self.shopStack) == has(self.component)",
    message = "shopStack and component go together: name the ShopStack and one of its components")
public class TargetSpec {

  @JsonPropertyDescription("Name of the ShopStack, in the experiment's namespace.")
  @Pattern(DatabaseSpec.OBJECT_NAME_PATTERN)
  @Size(max = 253)
  private String shopStack;

  @JsonPropertyDescription(
      "The ShopStack's component whose pods are killed: order, inventory, notification or"
          + " database (the managed database).")
  private ShopComponent component;

  @JsonPropertyDescription(
      "Instead of a ShopStack: the pods to kill, by label, in the experiment's namespace. It must"
          + " not be empty (that would match every pod).")
  @ValidationRule(
      value =
          "(has(self.matchLabels) && size(self.matchLabels) > 0)"
              + " || (has(self.matchExpressions) && size(self.matchExpressions) > 0)",
      message = "selector must not be empty: an empty selector matches every pod in the namespace")
  private LabelSelector selector;

  public String getShopStack() {
    return shopStack;
  }

  public void setShopStack(String shopStack) {
    this.shopStack = shopStack;
  }

  public ShopComponent getComponent() {
    return component;
  }

  public void setComponent(ShopComponent component) {
    this.component = component;
  }

  public LabelSelector getSelector() {
    return selector;
  }

  public void setSelector(LabelSelector selector) {
    this.selector = selector;
  }
}
