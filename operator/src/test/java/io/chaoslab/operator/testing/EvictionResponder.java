package io.chaoslab.operator.testing;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Answers {@code POST pods/NAME/eviction} for one pod the way the API server does: 201 and the pod
 * is deleted, or 429 when a PodDisruptionBudget selecting it has no disruption left (for a pod that
 * is not Ready: when the budget is already below its desired healthy count). Runs on the mock's
 * event loop, so it only decides from the fixture's model and hands the DELETE to the fixture's
 * thread; it never calls the mock itself.
 */
final class EvictionResponder implements ResponseProvider<Object> {
  private final FakeWorkloads fixture;
  private final String namespace;
  private final String pod;
  private final ThreadLocal<String> body = new ThreadLocal<>();
  private Headers headers = new Headers.Builder().build();

  EvictionResponder(FakeWorkloads fixture, String namespace, String pod) {
    this.fixture = fixture;
    this.namespace = namespace;
    this.pod = pod;
  }

  @Override
  public int getStatusCode(RecordedRequest request) {
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    FakePod evicted = null;
    int code;
    synchronized (fixture.lock) {
      FakeWorkload workload = fixture.workloadOf(namespace, pod);
      FakePod target = workload == null ? null : workload.find(pod, null);
      String refusal = target == null || !target.active() ? null : refusal(workload, target);
      if (target == null) {
        code = 404;
        body.set(status(404, "NotFound", "pods \"" + pod + "\" not found", null));
      } else if (!target.active()) {
        code = 201;
        body.set(status(201, null, null, null));
      } else if (refusal != null) {
        fixture.refused();
        code = 429;
        body.set(
            status(
                429,
                "TooManyRequests",
                "Cannot evict pod as it would violate the pod's disruption budget.",
                refusal));
      } else {
        fixture.kill(workload, target, KillTruth.Cause.EVICTED, at);
        evicted = target;
        code = 201;
        body.set(status(201, null, null, null));
      }
    }
    if (evicted != null) {
      fixture.deleteEvicted(evicted);
    }
    return code;
  }

  private String refusal(FakeWorkload workload, FakePod target) {
    for (PodDisruptionBudget pdb : fixture.writes().budgets(namespace)) {
      if (!DisruptionBudgetMath.selects(pdb, target.labels)) {
        continue;
      }
      DisruptionBudgetMath math = ClusterWrites.math(pdb, fixture.workloadsIn(workload.namespace));
      boolean allowed =
          target.ready()
              ? math.disruptionsAllowed() > 0
              : math.currentHealthy() >= math.desiredHealthy();
      if (!allowed) {
        return "The disruption budget %s needs %d healthy pods and has %d currently"
            .formatted(pdb.getMetadata().getName(), math.desiredHealthy(), math.currentHealthy());
      }
    }
    return null;
  }

  private static String status(int code, String reason, String message, String cause) {
    StringBuilder json =
        new StringBuilder("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},");
    if (code < 300) {
      return json.append("\"status\":\"Success\",\"code\":").append(code).append('}').toString();
    }
    json.append("\"status\":\"Failure\",\"code\":").append(code);
    json.append(",\"reason\":\"").append(reason).append("\",\"message\":\"");
    json.append(message.replace("\"", "\\\"")).append('"');
    if (cause != null) {
      json.append(",\"details\":{\"causes\":[{\"reason\":\"DisruptionBudget\",\"message\":\"")
          .append(cause)
          .append("\"}]}");
    }
    return json.append('}').toString();
  }

  @Override
  public Object getBody(RecordedRequest request) {
    String answer = body.get();
    body.remove();
    return answer;
  }

  @Override
  public Headers getHeaders() {
    return headers;
  }

  @Override
  public void setHeaders(Headers headers) {
    this.headers = headers;
  }
}
