package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on a ShopStack for the transitions a person wants in {@code kubectl describe
 * shop}: it became Ready, it lost pods, its spec or Secret is wrong. An Event that cannot be
 * written is logged, never a reason to fail the reconciliation.
 */
final class ShopEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ShopEvents.class);
  static final String SOURCE = "chaoslab-operator";

  private final Clock clock;

  ShopEvents(Clock clock) {
    this.clock = clock;
  }

  void record(
      KubernetesClient client, ShopStack shop, boolean warning, String reason, String message) {
    String now =
        DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(shop.getMetadata().getName() + "." + UUID.randomUUID())
            .withNamespace(shop.getMetadata().getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(shop.getApiVersion())
                    .withKind(shop.getKind())
                    .withName(shop.getMetadata().getName())
                    .withNamespace(shop.getMetadata().getNamespace())
                    .withUid(shop.getMetadata().getUid())
                    .build())
            .withType(warning ? "Warning" : "Normal")
            .withReason(reason)
            .withMessage(message)
            .withNewSource()
            .withComponent(SOURCE)
            .endSource()
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    try {
      client.v1().events().inNamespace(shop.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.atWarn()
          .addKeyValue("shopStack", shop.getMetadata().getName())
          .addKeyValue("namespace", shop.getMetadata().getNamespace())
          .addKeyValue("reason", reason)
          .log("could not record an event: " + e.getMessage());
    }
  }
}
