package io.chaoslab.operator.api.shopstack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.Map;

/** Prometheus Operator integration; off by default since that CRD is not on every cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoringSpec {

  @JsonPropertyDescription(
      "Create a ServiceMonitor scraping the services' /metrics (only where the Prometheus"
          + " Operator's CRD exists).")
  @Default("false")
  private Boolean serviceMonitor = false;

  @JsonPropertyDescription(
      "Extra labels on the ServiceMonitor: those your Prometheus selects ServiceMonitors by, e.g."
          + " release: kube-prometheus-stack (its default serviceMonitorSelector). The operator's"
          + " own app.kubernetes.io labels cannot be overridden.")
  private Map<String, String> serviceMonitorLabels;

  public Boolean getServiceMonitor() {
    return serviceMonitor;
  }

  public void setServiceMonitor(Boolean serviceMonitor) {
    this.serviceMonitor = serviceMonitor;
  }

  public Map<String, String> getServiceMonitorLabels() {
    return serviceMonitorLabels;
  }

  public void setServiceMonitorLabels(Map<String, String> serviceMonitorLabels) {
    this.serviceMonitorLabels = serviceMonitorLabels;
  }
}
