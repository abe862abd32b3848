package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The PostgreSQL the operator runs for a shop with {@code database.managed: true}: one pod of the
 * official image in a StatefulSet with a PersistentVolumeClaim, and the Secret that holds its
 * credentials. The restricted Pod Security Standard applies here too: the image's {@code postgres}
 * user, a read-only root filesystem with the socket directory and {@code /tmp} as empty dirs.
 */
final class ManagedDatabase {
  static final String IMAGE = "postgres:18";
  static final int PORT = 5432;
  static final String DATABASE_NAME = "shop";
  static final String USER = "shop";

  /** The {@code postgres} user of the official (Debian) image. */
  static final long POSTGRES_UID = 999;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] PASSWORD_CHARS =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private ManagedDatabase() {}

  /** A Secret with a new random password; created once, never updated (see the dependent). */
  static Secret secret(ShopStack shop) {
    String url =
        "jdbc:postgresql://"
            + ShopObjects.name(shop, ShopObjects.DATABASE)
            + ":"
            + PORT
            + "/"
            + DATABASE_NAME;
    return new SecretBuilder()
        .withMetadata(ShopObjects.metadata(shop, ShopObjects.DATABASE))
        .withType("Opaque")
        .withStringData(
            Map.of(
                DatabaseSecret.URL_KEY, url,
                DatabaseSecret.USER_KEY, USER,
                DatabaseSecret.PASSWORD_KEY, password(32)))
        .build();
  }

  static String password(int length) {
    StringBuilder password = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      password.append(PASSWORD_CHARS[RANDOM.nextInt(PASSWORD_CHARS.length)]);
    }
    return password.toString();
  }

  static StatefulSet statefulSet(ShopStack shop) {
    String name = ShopObjects.name(shop, ShopObjects.DATABASE);
    String storage = shop.getSpec().getDatabase().getStorage();
    return new StatefulSetBuilder()
        .withMetadata(ShopObjects.metadata(shop, ShopObjects.DATABASE))
        .withNewSpec()
        .withServiceName(name)
        .withReplicas(1)
        .withNewSelector()
        .withMatchLabels(ShopObjects.selector(shop, ShopObjects.DATABASE))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(ShopObjects.labels(shop, ShopObjects.DATABASE))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(POSTGRES_UID)
        .withRunAsGroup(POSTGRES_UID)
        .withFsGroup(POSTGRES_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("postgres")
        .withImage(IMAGE)
        .withImagePullPolicy("IfNotPresent")
        .addNewPort()
        .withName("postgres")
        .withContainerPort(PORT)
        .endPort()
        .withEnv(
            fromSecret("POSTGRES_USER", shop, DatabaseSecret.USER_KEY),
            fromSecret("POSTGRES_PASSWORD", shop, DatabaseSecret.PASSWORD_KEY),
            new EnvVar("POSTGRES_DB", DATABASE_NAME, null),
            new EnvVar("PGDATA", "/var/lib/postgresql/data/pgdata", null))
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("256Mi")))
        .withLimits(Map.of("memory", new Quantity("512Mi")))
        .endResources()
        .withReadinessProbe(pgIsReady(2, 3))
        .withLivenessProbe(pgIsReady(10, 6))
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("data")
        .withMountPath("/var/lib/postgresql/data")
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("run")
        .withMountPath("/var/run/postgresql")
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("run")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .addNewVolumeClaimTemplate()
        .withNewMetadata()
        .withName("data")
        .withLabels(ShopObjects.labels(shop, ShopObjects.DATABASE))
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withNewResources()
        .withRequests(Map.of("storage", new Quantity(storage)))
        .endResources()
        .endSpec()
        .endVolumeClaimTemplate()
        .endSpec()
        .build();
  }

  private static EnvVar fromSecret(String name, ShopStack shop, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(DatabaseSecret.name(shop))
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static Probe pgIsReady(int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewExec()
        .withCommand("pg_isready", "-h", "127.0.0.1", "-p", String.valueOf(PORT), "-U", USER)
        .endExec()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
