package io.chaoslab.operator.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Namespaces as the tests create them on the mock API server. */
public final class Namespaces {
  private Namespaces() {}

  public static void create(KubernetesClient client, String name) {
    create(client, name, Map.of());
  }

  public static void create(KubernetesClient client, String name, Map<String, String> labels) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }
}
