package io.chaoslab.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas on one mock API server, each with its own client and metrics: which one
 * reconciles is read from each replica's own {@code operator_sdk_reconciliations_started} counter,
 * and who leads from the Lease. Lease timings are short (2 s, renew 1.5 s, retry 0.5 s).
 */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {
  private static final String LEASE_NAMESPACE = "ops";
  private static final String LEASE = "chaoslab-operator";
  private static final Duration WAIT = Duration.ofSeconds(20);

  KubernetesMockServer server;
  KubernetesClient client;
  private final List<ChaosLabOperator> replicas = new ArrayList<>();
  private final List<KubernetesClient> clients = new ArrayList<>();

  @BeforeEach
  void allowLeases() {
    MockApiServer.allowLeases(server);
  }

  @AfterEach
  void stopReplicas() {
    replicas.forEach(ChaosLabOperator::stop);
    clients.forEach(KubernetesClient::close);
  }

  private ChaosLabOperator startReplica(String identity) {
    LeaderElectionSettings election =
        new LeaderElectionSettings(
            LEASE_NAMESPACE,
            LEASE,
            identity,
            Duration.ofSeconds(2),
            Duration.ofMillis(1500),
            Duration.ofMillis(500),
            false);
    KubernetesClient own = server.createClient();
    clients.add(own);
    ChaosLabOperator replica =
        MockApiServer.operator(new Settings(Set.of(), Optional.of(election), 0), own);
    replicas.add(replica);
    replica.start();
    return replica;
  }

  private Optional<String> holder() {
    Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(LEASE).get();
    return Optional.ofNullable(lease).map(l -> l.getSpec().getHolderIdentity());
  }

  private static double reconciliations(ChaosLabOperator replica) {
    return MockApiServer.count(replica.meterRegistry(), "operator.sdk.reconciliations.started");
  }

  private static double eventsSeen(ChaosLabOperator replica) {
    return MockApiServer.count(replica.meterRegistry(), "operator.sdk.events.received");
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace("shop").withName(name).get();
  }

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWhenItStops() {
    ChaosLabOperator a = startReplica("replica-a");
    await().atMost(WAIT).until(() -> holder().equals(Optional.of("replica-a")) && a.reconciling());
    ChaosLabOperator b = startReplica("replica-b");

    MockApiServer.createExampleShop(client);
    await().atMost(WAIT).until(() -> reconciliations(a) >= 1 && deployment("demo-order") != null);
    await().atMost(WAIT).until(() -> eventsSeen(b) >= 1);
    // b has the ShopStack in its cache and tries for the lease every retry period, yet waits
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                reconciliations(b) == 0
                    && !b.reconciling()
                    && holder().equals(Optional.of("replica-a")));
    assertThat(b.notReadyReason()).as("a standby is ready").isEmpty();

    a.stop();
    await().atMost(WAIT).until(() -> holder().equals(Optional.of("replica-b")) && b.reconciling());
    await().atMost(WAIT).until(() -> reconciliations(b) >= 1);
    client.apps().deployments().inNamespace("shop").withName("demo-order").delete();
    await().atMost(WAIT).until(() -> deployment("demo-order") != null);
  }

  @Test
  void aStoppedLeaderHandsTheLeaseBack() {
    ChaosLabOperator a = startReplica("replica-a");
    await().atMost(WAIT).until(() -> holder().equals(Optional.of("replica-a")));

    a.stop();

    assertThat(holder()).as("holder after a clean stop").isEmpty();
  }

  @Test
  void aLeaderWhoseLeaseIsTakenStopsReconciling() {
    ChaosLabOperator a = startReplica("replica-a");
    await().atMost(WAIT).until(a::reconciling);

    MockApiServer.takeLease(client, LEASE_NAMESPACE, LEASE);

    await().atMost(WAIT).until(() -> !a.reconciling());
    assertThat(holder()).contains("usurper");
  }
}
