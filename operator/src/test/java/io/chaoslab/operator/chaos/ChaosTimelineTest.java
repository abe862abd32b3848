package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.KillTruth;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The measured timeline against the fixture's truth: every time within 100 ms. */
@EnableKubernetesMockClient(crud = true)
class ChaosTimelineTest {
  private static final long TOLERANCE_MS = 100;

  KubernetesMockServer server;
  KubernetesClient client;
  private ChaosHarness shop;

  @BeforeEach
  void startShop() {
    shop = ChaosHarness.start(client, server);
  }

  @AfterEach
  void stopShop() {
    shop.close();
  }

  @Test
  void oneKillIsMeasuredAgainstTheTruthWithin100Milliseconds() {
    FakeWorkload order =
        shop.run(ShopComponent.ORDER, PodLifecycle.delaysMillis(150, 300, 600, 1200, 1400));

    ChaosExperimentStatus status =
        shop.runToCompletion(shop.experiment("kill-order", spec -> spec.setSeed(7L)));

    assertThat(status.getPhase()).as(status.getMessage()).isEqualTo(ExperimentPhase.Passed);
    assertThat(status.getKills()).hasSize(1);
    KillStatus kill = status.getKills().get(0);
    KillTruth truth = order.kill(kill.getPod()).orElseThrow();
    assertThat(kill.getUid()).isEqualTo(truth.uid());
    assertThat(kill.getReplacement()).isEqualTo(truth.replacement().orElseThrow());
    near(kill.getKilledAt(), Optional.of(truth.killedAt()));
    near(kill.getCreatedAt(), truth.createdAt());
    near(kill.getScheduledAt(), truth.scheduledAt());
    near(kill.getStartedAt(), truth.startedAt());
    near(kill.getReadyAt(), truth.readyAt());
    near(kill.getServingAt(), truth.servingAt());
    double trueRecovery =
        Duration.between(truth.killedAt(), truth.readyAt().orElseThrow()).toMillis() / 1000.0;
    assertThat(kill.getRecoverySeconds()).isCloseTo(trueRecovery, within());
    assertThat(status.getRecovery().getMaxSeconds()).isEqualTo(kill.getRecoverySeconds());
    assertThat(status.getKillCount()).isEqualTo(1);
    assertThat(status.getSeed()).isEqualTo(7L);
    // the measured recovery, to a tenth: 1.2 s, or a little more when the fixture runs late
    Matcher message =
        Pattern.compile("^recovered in (\\d+(\\.\\d)?) s \\(SLO 30 s\\)")
            .matcher(status.getMessage());
    assertThat(message.find()).as(status.getMessage()).isTrue();
    assertThat(Double.parseDouble(message.group(1)))
        .isCloseTo(kill.getRecoverySeconds(), offset(0.051));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(TOLERANCE_MS / 1000.0);
  }

  private static void near(String measured, Optional<Instant> truth) {
    assertThat(measured).isNotNull();
    long error = Duration.between(truth.orElseThrow(), Instant.parse(measured)).toMillis();
    assertThat(Math.abs(error))
        .as("%s vs truth %s", measured, truth.get())
        .isLessThanOrEqualTo(TOLERANCE_MS);
  }
}
