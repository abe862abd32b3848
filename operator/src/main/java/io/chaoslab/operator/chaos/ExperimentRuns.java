package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.conditions.Conditions;
import io.chaoslab.operator.events.ResourceEvents;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiments running in this operator, one virtual thread each, at most one per experiment.
 * Closing interrupts them: each stops where it is and leaves its status {@code Running}, so the
 * next operator (after a restart, or a new leader) carries it on.
 */
public final class ExperimentRuns implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRuns.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final ExperimentContext context;
  private final Map<String, Thread> running = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param operatorClient the operator's client; the runs use a copy of its configuration that does
   *     not retry a 429, so a refused eviction is seen at once (fabric8 retries 429s by default)
   */
  public ExperimentRuns(KubernetesClient operatorClient, MeterRegistry registry, Clock clock) {
    this.client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(operatorClient.getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    this.context =
        new ExperimentContext(
            client,
            new Preflight(client),
            new ExperimentOutcome(new Conditions(clock)),
            new ExperimentStatusWriter(client),
            new ResourceEvents(clock),
            new ChaosMetrics(registry));
    Gauge.builder("chaoslab.experiments.running", running, Map::size)
        .description("Chaos experiments running in this operator now")
        .register(registry);
  }

  /** Starts the experiment's run unless it runs already (or the runs are closed). */
  void ensureRunning(ChaosExperiment experiment) {
    if (closed) {
      return;
    }
    String uid = experiment.getMetadata().getUid();
    // the run owns a copy: the informer's cached object must not change under it
    ChaosExperiment copy = client.getKubernetesSerialization().clone(experiment);
    Thread[] created = new Thread[1];
    running.computeIfAbsent(
        uid,
        key ->
            created[0] =
                Thread.ofVirtual()
                    .name(
                        "experiment-"
                            + experiment.getMetadata().getNamespace()
                            + "/"
                            + experiment.getMetadata().getName())
                    .unstarted(
                        () -> {
                          try {
                            new ExperimentRun(context, copy).run();
                          } finally {
                            running.remove(key);
                          }
                        }));
    if (created[0] != null) {
      created[0].start();
    }
  }

  /** Experiments running now. */
  public int running() {
    return running.size();
  }

  @Override
  public void close() {
    closed = true;
    List<Thread> threads = List.copyOf(running.values());
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        if (!thread.join(STOP_WAIT)) {
          LOG.atWarn()
              .addKeyValue("thread", thread.getName())
              .log("experiment did not stop in time");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    client.close();
  }
}
