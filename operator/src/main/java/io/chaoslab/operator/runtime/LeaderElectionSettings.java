package io.chaoslab.operator.runtime;

import java.time.Duration;

/**
 * Where and how replicas elect the one that reconciles: a Lease {@code namespace/leaseName} held by
 * {@code identity}. The timings are client-go's and JOSDK's defaults in production; tests shorten
 * them.
 *
 * @param exitOnLostLease whether a replica that loses the lease while running ends at once (status
 *     1), so that it can never reconcile next to the new leader; tests keep their JVM and say false
 */
public record LeaderElectionSettings(
    String namespace,
    String leaseName,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    boolean exitOnLostLease) {

  static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
  static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

  /** Production timings, exiting when the lease is lost. */
  static LeaderElectionSettings of(String namespace, String leaseName, String identity) {
    return new LeaderElectionSettings(
        namespace, leaseName, identity, LEASE_DURATION, RENEW_DEADLINE, RETRY_PERIOD, true);
  }
}
