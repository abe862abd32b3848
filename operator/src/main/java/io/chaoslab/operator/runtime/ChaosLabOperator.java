package io.chaoslab.operator.runtime;

import io.chaoslab.operator.chaos.ChaosExperimentReconciler;
import io.chaoslab.operator.chaos.ExperimentRuns;
import io.chaoslab.operator.shopstack.ShopStackReconciler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator as a process runs it: JOSDK's {@link Operator} with the ChaosLab reconcilers on the
 * configured namespaces, leader election when asked for, and {@code /healthz}, {@code /readyz},
 * {@code /metrics}.
 *
 * <p>{@code /readyz} answers 200 once the operator started and its informers watch, on a standby
 * replica too: a standby keeps its caches warm to take over at once, so it is as ready as the
 * leader; and nothing routes traffic to an operator, so readiness only gates rollouts, where a
 * standby reported unready would stall the Deployment forever.
 */
public final class ChaosLabOperator {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosLabOperator.class);

  /**
   * How long {@link #stop()} lets reconciliations in flight finish (JOSDK's default interrupts them
   * at once); well inside a pod's 30 s termination grace period.
   */
  static final Duration RECONCILIATIONS_FINISH = Duration.ofSeconds(10);

  private enum State {
    STARTING,
    RUNNING,
    STOPPING
  }

  private final Settings settings;
  private final KubernetesClient client;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final Optional<Leadership> leadership;
  private final Operator operator;
  private final ExperimentRuns experiments;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile State state = State.STARTING;
  private volatile OperatorHttpServer http;

  /**
   * An operator on {@code client}, which stays open after {@link #stop()} (its owner closes it).
   */
  public ChaosLabOperator(Settings settings, KubernetesClient client) {
    this(settings, client, overrider -> {});
  }

  /**
   * @param adjust applied to JOSDK's configuration after ours: tests turn server-side apply off,
   *     which fabric8's mock API server lacks
   */
  ChaosLabOperator(
      Settings settings, KubernetesClient client, Consumer<ConfigurationServiceOverrider> adjust) {
    this.settings = settings;
    this.client = client;
    this.leadership = settings.leaderElection().map(Leadership::new);
    this.operator =
        new Operator(
            overrider -> {
              overrider
                  .withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withReconciliationTerminationTimeout(RECONCILIATIONS_FINISH)
                  .withMetrics(metrics.josdk());
              leadership.ifPresent(
                  l -> overrider.withLeaderElectionConfiguration(l.configuration()));
              adjust.accept(overrider);
            });
    this.experiments = new ExperimentRuns(client, metrics.registry(), Clock.systemUTC());
    register(new ShopStackReconciler(metrics.registry()));
    register(new ChaosExperimentReconciler(experiments));
    metrics.leaderGauge(this::reconciling);
  }

  private <R extends HasMetadata> void register(Reconciler<R> reconciler) {
    operator.register(
        reconciler,
        config -> {
          if (!settings.watchesAllNamespaces()) {
            config.settingNamespaces(settings.watchNamespaces());
          }
        });
  }

  /**
   * Serves HTTP, then starts the operator: informers list and watch; without leader election, or
   * once this replica leads, it reconciles.
   */
  public void start() {
    http = OperatorHttpServer.start(settings.httpPort(), this::notReadyReason, metrics::scrape);
    LOG.atInfo().addKeyValue("port", http.port()).log("serving /healthz /readyz /metrics");
    operator.start();
    state = State.RUNNING;
    LOG.atInfo()
        .addKeyValue(
            "namespaces",
            settings.watchesAllNamespaces() ? "all" : String.join(",", settings.watchNamespaces()))
        .addKeyValue(
            "lease",
            settings
                .leaderElection()
                .map(le -> le.namespace() + "/" + le.leaseName())
                .orElse("off"))
        .log("operator started");
  }

  /**
   * Stops the running experiments (their status says where they are), stops reconciling, waits for
   * the reconciliations in flight, hands the lease back when this replica led, then closes the HTTP
   * server. Safe to call more than once and before {@link #start()} finished (SIGTERM can come at
   * any time).
   */
  public void stop() {
    if (stopped.getAndSet(true)) {
      return;
    }
    state = State.STOPPING;
    leadership.ifPresent(Leadership::stopping);
    boolean wasLeader = leadership.map(Leadership::isLeader).orElse(false);
    // experiments first: they stop where they are, and the next leader carries them on
    experiments.close();
    operator.stop();
    if (wasLeader) {
      leadership.get().release(client);
    }
    if (http != null) {
      http.close();
    }
    metrics.close();
    LOG.info("operator stopped");
  }

  /**
   * The port {@code /healthz}, {@code /readyz} and {@code /metrics} are served on, once started.
   */
  public int httpPort() {
    return http.port();
  }

  public MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  /** Whether this replica reconciles: it leads, or there is no leader election. */
  public boolean reconciling() {
    return state == State.RUNNING && leadership.map(Leadership::isLeader).orElse(true);
  }

  Optional<String> notReadyReason() {
    return switch (state) {
      case STARTING -> Optional.of("starting");
      case STOPPING -> Optional.of("stopping");
      case RUNNING -> unhealthyEventSources();
    };
  }

  private Optional<String> unhealthyEventSources() {
    String unhealthy =
        operator.getRuntimeInfo().unhealthyEventSources().entrySet().stream()
            .filter(controller -> !controller.getValue().isEmpty())
            .map(controller -> controller.getKey() + " " + controller.getValue().keySet())
            .collect(Collectors.joining(", "));
    return unhealthy.isEmpty()
        ? Optional.empty()
        : Optional.of("event sources not watching: " + unhealthy);
  }
}
