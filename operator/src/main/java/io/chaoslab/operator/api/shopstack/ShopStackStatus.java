package io.chaoslab.operator.api.shopstack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator observed, never what it meant to do: pods counted from the cluster, a phase and
 * conditions ({@code Ready}, {@code Progressing}, {@code Degraded}) in the Kubernetes shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShopStackStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Pending, Progressing, Ready, Degraded or Failed.")
  private Phase phase;

  /**
   * Source of the {@code Ready} printer column of {@code kubectl get shop}: ready pods out of
   * desired pods, summed over every component in {@link #getComponents()}, e.g. {@code 7/7}.
   */
  @JsonPropertyDescription(
      "Ready pods out of desired pods over all components, e.g. 7/7 (the Ready column).")
  private String readySummary;

  @JsonPropertyDescription("Desired and ready pods per component.")
  private ComponentsStatus components;

  @JsonPropertyDescription("Ready, Progressing and Degraded, each with reason and message.")
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getReadySummary() {
    return readySummary;
  }

  public void setReadySummary(String readySummary) {
    this.readySummary = readySummary;
  }

  public ComponentsStatus getComponents() {
    return components;
  }

  public void setComponents(ComponentsStatus components) {
    this.components = components;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
