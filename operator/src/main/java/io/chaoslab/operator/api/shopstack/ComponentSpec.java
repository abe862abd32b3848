package io.chaoslab.operator.api.shopstack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** One of the three services: how many pods, their requests and limits, extra environment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentSpec {

  /**
   * The variables the operator sets itself to wire the services together; a user value would
   * silently break that wiring, so the CRD's rule below refuses them (a test checks it does).
   */
  public static final List<String> OPERATOR_ENV =
      List.of(
          "DATABASE_URL",
          "DATABASE_USER",
          "DATABASE_PASSWORD",
          "INVENTORY_URL",
          "NOTIFICATION_URL",
          "PORT");

  @JsonPropertyDescription("Number of pods (0 stops the service).")
  @Min(0)
  @Max(50)
  @Default("2")
  private Integer replicas = 2;

  @JsonPropertyDescription("CPU and memory requests and limits of the service container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Extra environment variables of the service container, e.g. LOG_LEVEL or"
          + " INVENTORY_TIMEOUT_MS. Those the operator sets (DATABASE_URL, DATABASE_USER,"
          + " DATABASE_PASSWORD, INVENTORY_URL, NOTIFICATION_URL, PORT) are refused.")
  @Size(max = 64)
  @ValidationRule(
      value = "self.all(e, has(e.name) && e.name != '')",
      message = "every env entry needs a name")
  @ValidationRule(
      value =
          "self.all(e, !has(e.name) || !(e.name in ['DATABASE_URL', 'DATABASE_USER',"
              + " 'DATABASE_PASSWORD', 'INVENTORY_URL', 'NOTIFICATION_URL', 'PORT']))",
      message =
          "env must not set DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD, INVENTORY_URL,"
              + " NOTIFICATION_URL or PORT: the operator sets them to wire the shop together")
  private List<EnvVar> env;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }
}
