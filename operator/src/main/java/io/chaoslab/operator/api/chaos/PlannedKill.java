package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One pod chosen to be killed in a round: the plan of a dry run lists them in the order they would
 * be killed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlannedKill {

  @JsonPropertyDescription("The round, from 1.")
  private Integer round;

  @JsonPropertyDescription("Name of the pod chosen.")
  private String pod;

  public PlannedKill() {}

  public PlannedKill(int round, String pod) {
    this.round = round;
    this.pod = pod;
  }

  public Integer getRound() {
    return round;
  }

  public void setRound(Integer round) {
    this.round = round;
  }

  public String getPod() {
    return pod;
  }

  public void setPod(String pod) {
    this.pod = pod;
  }
}
