package io.chaoslab.operator.api.shopstack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Pods of one component as observed: how many are wanted and how many are ready. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentStatus {

  @JsonPropertyDescription("Pods the component should have.")
  private Integer desired;

  @JsonPropertyDescription("Pods of the component that are Ready.")
  private Integer ready;

  public ComponentStatus() {}

  public ComponentStatus(int desired, int ready) {
    this.desired = desired;
    this.ready = ready;
  }

  public Integer getDesired() {
    return desired;
  }

  public void setDesired(Integer desired) {
    this.desired = desired;
  }

  public Integer getReady() {
    return ready;
  }

  public void setReady(Integer ready) {
    this.ready = ready;
  }
}
