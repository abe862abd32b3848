package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ComponentSpec;
import io.chaoslab.operator.api.shopstack.ImageSpec;
import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Deployment of one shop service, as the operator wants it.
 *
 * <p>Tuned for fast, lossless recovery: readiness every 2 s, out of the Service after 2 failures;
 * liveness restarts after 3 failed checks of {@code /health}; a startup probe gives a cold JVM 60 s
 * before liveness counts. Rolling updates add a pod before removing one (never below the desired
 * ready pods). The grace period covers the service's own drain (5 s with {@code /ready} at 503)
 * plus its wait for in-flight requests (20 s). The pod meets the restricted Pod Security Standard;
 * {@code /tmp} is the only writable path.
 */
final class ServiceDeployment {
  static final int GRACE_PERIOD_SECONDS = 30;

  /** The images' user ({@code distroless :nonroot}). */
  static final long IMAGE_USER = 65532;

  private static final ResourceRequirements DEFAULT_RESOURCES =
      new ResourceRequirementsBuilder()
          .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")))
          .withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("512Mi")))
          .build();

  private ServiceDeployment() {}

  static Deployment desired(ShopStack shop, Component component) {
    ComponentSpec spec = component.spec(shop.getSpec());
    return new DeploymentBuilder()
        .withMetadata(ShopObjects.metadata(shop, component.id()))
        .withNewSpec()
        .withReplicas(spec.getReplicas() != null ? spec.getReplicas() : 2)
        .withNewSelector()
        .withMatchLabels(ShopObjects.selector(shop, component.id()))
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxUnavailable(new IntOrString(0))
        .withMaxSurge(new IntOrString(1))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(ShopObjects.labels(shop, component.id()))
        .withAnnotations(
            Map.of(
                "prometheus.io/scrape", "true",
                "prometheus.io/port", String.valueOf(component.port()),
                "prometheus.io/path", "/metrics"))
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds((long) GRACE_PERIOD_SECONDS)
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(
            new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(IMAGE_USER)
                .withRunAsGroup(IMAGE_USER)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build())
        .withContainers(container(shop, component, spec))
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Container container(ShopStack shop, Component component, ComponentSpec spec) {
    ImageSpec image =
        shop.getSpec().getImage() != null ? shop.getSpec().getImage() : new ImageSpec();
    return new ContainerBuilder()
        .withName(component.id())
        .withImage(image.getRegistry() + "/" + component.imageName() + ":" + image.getTag())
        .withImagePullPolicy(image.getPullPolicy().name())
        .addNewPort()
        .withName("http")
        .withContainerPort(component.port())
        .withProtocol("TCP")
        .endPort()
        .withEnv(env(shop, component, spec))
        .withResources(spec.getResources() != null ? spec.getResources() : DEFAULT_RESOURCES)
        .withStartupProbe(probe("/health", 1, 60))
        .withLivenessProbe(probe("/health", 5, 3))
        .withReadinessProbe(probe("/ready", 2, 2))
        .withSecurityContext(
            new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .build())
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /** The operator's variables first; the user's extra ones (never the same names) after. */
  private static List<EnvVar> env(ShopStack shop, Component component, ComponentSpec spec) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("PORT", String.valueOf(component.port()), null));
    if (component == Component.ORDER) {
      env.add(new EnvVar("INVENTORY_URL", serviceUrl(shop, Component.INVENTORY), null));
      env.add(new EnvVar("NOTIFICATION_URL", serviceUrl(shop, Component.NOTIFICATION), null));
    }
    if (component.usesDatabase()) {
      String secret = DatabaseSecret.name(shop);
      for (String key : DatabaseSecret.KEYS) {
        env.add(
            new EnvVarBuilder()
                .withName(key)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secret)
                .withKey(key)
                .endSecretKeyRef()
                .endValueFrom()
                .build());
      }
    }
    if (spec.getEnv() != null) {
      env.addAll(spec.getEnv());
    }
    return env;
  }

  static String serviceUrl(ShopStack shop, Component component) {
    return "http://" + ShopObjects.name(shop, component.id()) + ":" + component.port();
  }
}
