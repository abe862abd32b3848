package io.chaoslab.operator.runtime;

import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.chaoslab.operator.testing.MockOperator;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.ZonedDateTime;

/** What the operator's tests need from fabric8's mock API server (CRUD mode). */
final class MockApiServer {
  private MockApiServer() {}

  /**
   * JOSDK asks, before it elects, whether it may use Leases (a SelfSubjectRulesReview); the CRUD
   * mock does not know that resource, so it gets a fixed answer: everything on leases.
   */
  static void allowLeases(KubernetesMockServer server) {
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .withIncomplete(false)
                .addNewResourceRule()
                .withApiGroups("coordination.k8s.io")
                .withResources("leases")
                .withVerbs("*")
                .endResourceRule()
                .endStatus()
                .build())
        .always();
  }

  /** An operator for the mock, which implements neither server-side apply nor field managers. */
  static ChaosLabOperator operator(Settings settings, KubernetesClient client) {
    return new ChaosLabOperator(settings, client, MockOperator.WITHOUT_SERVER_SIDE_APPLY);
  }

  /**
   * Hands the Lease to someone else for five minutes, as a rival replica would. Read and write are
   * tried again on a 409: the leader renews the Lease meanwhile.
   */
  static void takeLease(KubernetesClient client, String namespace, String name) {
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(
            () -> {
              Lease lease = client.leases().inNamespace(namespace).withName(name).get();
              lease.getSpec().setHolderIdentity("usurper");
              lease.getSpec().setRenewTime(ZonedDateTime.now().plusMinutes(5));
              client.resource(lease).update();
              return true;
            });
  }

  /** {@code crds/examples/shopstack.yaml}, created. */
  static ShopStack createExampleShop(KubernetesClient client) {
    return client.resource(MockOperator.exampleShop(client)).create();
  }

  /** The sum over every series of a counter: JOSDK tags its counters by kind, retries ... */
  static double count(MeterRegistry registry, String counter) {
    return registry.find(counter).counters().stream().mapToDouble(Counter::count).sum();
  }
}
