package io.chaoslab.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * Kubernetes Events on the operator's resources, for what a person wants in {@code kubectl
 * describe}: a ShopStack became Ready or lost pods, an experiment killed a pod or reached its
 * verdict. An Event that cannot be written is logged, never a reason to fail the work it reports.
 */
public final class ResourceEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceEvents.class);
  public static final String SOURCE = "chaoslab-operator";
  private static final int MAX_NAME = 253;

  private final Clock clock;

  public ResourceEvents(Clock clock) {
    this.clock = clock;
  }

  public void record(
      KubernetesClient client,
      HasMetadata resource,
      boolean warning,
      String reason,
      String message) {
    String now =
        DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    String namespace = resource.getMetadata().getNamespace();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name(resource.getMetadata().getName()))
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(resource.getApiVersion())
                    .withKind(resource.getKind())
                    .withName(resource.getMetadata().getName())
                    .withNamespace(namespace)
                    .withUid(resource.getMetadata().getUid())
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
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      if (Thread.currentThread().isInterrupted()) {
        // the call was interrupted, not refused: the operator is stopping, and so is the caller
        LOG.atInfo()
            .addKeyValue("name", resource.getMetadata().getName())
            .addKeyValue("reason", reason)
            .log("event not recorded: the operator is stopping");
        return;
      }
      LOG.atWarn()
          .addKeyValue("kind", resource.getKind())
          .addKeyValue("name", resource.getMetadata().getName())
          .addKeyValue("namespace", namespace)
          .addKeyValue("reason", reason)
          .log("could not record an event: " + e.getMessage());
    }
  }

  /**
   * {@code NAME.<uuid>}, with NAME shortened when the whole would pass the 253 characters the API
   * server allows an Event's name (a resource's own name may have 253).
   */
  static String name(String resourceName) {
    String suffix = "." + UUID.randomUUID();
    String prefix =
        resourceName.length() + suffix.length() <= MAX_NAME
            ? resourceName
            : resourceName.substring(0, MAX_NAME - suffix.length()).replaceAll("[-.]+$", "");
    return prefix + suffix;
  }
}
