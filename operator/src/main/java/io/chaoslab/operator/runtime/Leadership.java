package io.chaoslab.operator.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's part in leader election: JOSDK's configuration, whether this replica leads, and
 * what happens when the lease goes.
 *
 * <p>JOSDK's own {@code withExitOnStopLeading(true)} is not used: it calls {@code System.exit} from
 * inside {@code Operator.stop()} on the leader, and in a shutdown hook (SIGTERM) that call blocks
 * forever, so the pod would hang until Kubernetes kills it. Instead JOSDK's flag is off and {@link
 * #stoppedLeading()} ends the process only when the lease is lost while running (at once, as
 * JOSDK's exit and controller-runtime do); during a shutdown the leader stops normally and then
 * {@linkplain #release hands the lease back}, so the standby takes over at its next retry instead
 * of after the lease expires.
 */
final class Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  private final LeaderElectionSettings settings;
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();

  Leadership(LeaderElectionSettings settings) {
    this.settings = settings;
  }

  LeaderElectionConfiguration configuration() {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
        .withLeaseNamespace(settings.namespace())
        .withIdentity(settings.identity())
        .withLeaseDuration(settings.leaseDuration())
        .withRenewDeadline(settings.renewDeadline())
        .withRetryPeriod(settings.retryPeriod())
        .withLeaderCallbacks(
            new LeaderCallbacks(this::startedLeading, this::stoppedLeading, leader -> {}))
        .withExitOnStopLeading(false)
        .build();
  }

  boolean isLeader() {
    return leading.get();
  }

  /** From now on, losing the lease is part of stopping, not a reason to exit. */
  void stopping() {
    stopping.set(true);
  }

  private void startedLeading() {
    leading.set(true);
    LOG.atInfo()
        .addKeyValue("lease", settings.namespace() + "/" + settings.leaseName())
        .addKeyValue("identity", settings.identity())
        .log("leading: this replica reconciles");
  }

  private void stoppedLeading() {
    boolean wasLeading = leading.getAndSet(false);
    if (stopping.get() || !wasLeading) {
      return;
    }
    LOG.atError()
        .addKeyValue("lease", settings.namespace() + "/" + settings.leaseName())
        .addKeyValue("identity", settings.identity())
        .log("lost the lease: another replica may reconcile now");
    if (settings.exitOnLostLease()) {
      // No graceful stop: reconciliations in flight must not go on next to the new leader's.
      Runtime.getRuntime().halt(1);
    }
  }

  /**
   * Gives the lease up if this replica still holds it, after the operator stopped: the update
   * carries the resource version read, so a lease another replica took meanwhile is left alone.
   * When this fails the standby simply waits for the lease to expire.
   */
  void release(KubernetesClient client) {
    try {
      Lease current =
          client.leases().inNamespace(settings.namespace()).withName(settings.leaseName()).get();
      if (current == null || !settings.identity().equals(current.getSpec().getHolderIdentity())) {
        return;
      }
      current.getSpec().setHolderIdentity(null);
      current.getSpec().setLeaseDurationSeconds(1);
      client.resource(current).update();
      LOG.atInfo().addKeyValue("identity", settings.identity()).log("released the lease");
    } catch (KubernetesClientException e) {
      LOG.atWarn()
          .addKeyValue("identity", settings.identity())
          .addKeyValue("reason", e.getMessage())
          .log("could not release the lease; a standby takes over when it expires");
    }
  }
}
