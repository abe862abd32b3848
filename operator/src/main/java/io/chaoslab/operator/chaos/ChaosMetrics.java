package io.chaoslab.operator.chaos;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.stream.DoubleStream;

/**
 * The contract's chaos metrics, each labelled by namespace, target and action so Grafana can show
 * experiments per target: {@code chaoslab_experiments_total{result}} (Passed, Failed or Error),
 * {@code chaoslab_pods_killed_total}, and {@code chaoslab_recovery_seconds}, a histogram whose
 * buckets resolve 0.5 s to 60 s around the usual 30 s SLO.
 */
public final class ChaosMetrics {
  static final double[] RECOVERY_BUCKETS_SECONDS = {
    0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 25, 30, 40, 50, 60
  };

  private final MeterRegistry registry;

  public ChaosMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The labels of one experiment's series. */
  record Labels(String namespace, String target, String action) {
    Tags tags() {
      return Tags.of("namespace", namespace, "target", target, "action", action);
    }
  }

  void experimentFinished(Labels labels, String result) {
    Counter.builder("chaoslab.experiments")
        .description("Chaos experiments finished, by verdict (Passed, Failed, Error)")
        .tags(labels.tags())
        .tag("result", result)
        .register(registry)
        .increment();
  }

  void podKilled(Labels labels) {
    Counter.builder("chaoslab.pods.killed")
        .description("Pods deleted or evicted by chaos experiments")
        .tags(labels.tags())
        .register(registry)
        .increment();
  }

  void recovered(Labels labels, double seconds) {
    Timer.builder("chaoslab.recovery")
        .description(
            "Time from a kill until the workload was back at its desired number of Ready pods")
        .tags(labels.tags())
        .serviceLevelObjectives(
            DoubleStream.of(RECOVERY_BUCKETS_SECONDS)
                .mapToObj(s -> Duration.ofMillis((long) (s * 1000)))
                .toArray(Duration[]::new))
        .register(registry)
        .record(Duration.ofNanos((long) (seconds * 1e9)));
  }
}
