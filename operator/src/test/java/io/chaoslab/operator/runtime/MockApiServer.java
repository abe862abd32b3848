package io.chaoslab.operator.runtime;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    return new ChaosLabOperator(
        settings,
        client,
        o ->
            o.withSSABasedCreateUpdateMatchForDependentResources(false)
                .withUseSSAToPatchPrimaryResource(false));
  }

  /** {@code crds/examples/shopstack.yaml}, created. */
  static ShopStack createExampleShop(KubernetesClient client) {
    try (InputStream in = Files.newInputStream(Path.of("../crds/examples/shopstack.yaml"))) {
      return client.resource(client.resources(ShopStack.class).load(in).item()).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sum over every series of a counter: JOSDK tags its counters by kind, retries ... */
  static double count(MeterRegistry registry, String counter) {
    return registry.find(counter).counters().stream().mapToDouble(Counter::count).sum();
  }
}
