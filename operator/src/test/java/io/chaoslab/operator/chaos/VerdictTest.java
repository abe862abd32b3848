package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final Verdict.Slo SLO = new Verdict.Slo(30, 99, OptionalDouble.empty());

  private static Verdict.Kill kill(String pod, double seconds) {
    return new Verdict.Kill(pod, OptionalDouble.of(seconds));
  }

  private static Availability.Summary availability(double percent, double longestOutage) {
    return new Availability.Summary(400, 0, percent, longestOutage, 12, 30);
  }

  @Test
  void everyBoundHeldIsPassedWithTheFigures() {
    Verdict v =
        Verdict.of(
            List.of(kill("demo-order-1", 4.2)),
            SLO,
            Optional.of(availability(100, 0)),
            300,
            Optional.empty());

    assertThat(v.passed()).isTrue();
    assertThat(v.reason()).isEqualTo("SloMet");
    assertThat(v.message())
        .isEqualTo("recovered in 4.2 s (SLO 30 s); availability 100.0 % (SLO 99 %)");
  }

  @Test
  void severalKillsReportTheWorstAndTheMean() {
    Verdict v =
        Verdict.of(
            List.of(kill("a", 2.0), kill("b", 4.0), kill("c", 6.0)),
            SLO,
            Optional.empty(),
            300,
            Optional.empty());

    assertThat(v.message()).isEqualTo("3 kills recovered in at most 6 s (mean 4 s; SLO 30 s)");
  }

  @Test
  void aSlowRecoverySaysByHowMuchItMissed() {
    Verdict v =
        Verdict.of(
            List.of(kill("demo-order-1", 4.0), kill("demo-order-2", 41.3)),
            SLO,
            Optional.empty(),
            300,
            Optional.empty());

    assertThat(v.passed()).isFalse();
    assertThat(v.reason()).isEqualTo("SloMissed");
    assertThat(v.message())
        .isEqualTo("demo-order-2 recovered in 41.3 s, 11.3 s over the SLO of 30 s");
  }

  @Test
  void aPodThatNeverRecoveredFailsAtTheTimeout() {
    Verdict v =
        Verdict.of(
            List.of(new Verdict.Kill("demo-order-1", OptionalDouble.empty())),
            SLO,
            Optional.empty(),
            300,
            Optional.empty());

    assertThat(v.passed()).isFalse();
    assertThat(v.reason()).isEqualTo("Timeout");
    assertThat(v.message()).isEqualTo("demo-order-1 did not recover within the timeout of 300 s");
  }

  @Test
  void availabilityAndOutageBoundsAreChecked() {
    Verdict.Slo slo = new Verdict.Slo(30, 99, OptionalDouble.of(2));
    Verdict v =
        Verdict.of(
            List.of(kill("a", 3)),
            slo,
            Optional.of(availability(97.2, 3.4)),
            300,
            Optional.of("stopped after round 1 of 3: availability fell under its SLO"));

    assertThat(v.passed()).isFalse();
    assertThat(v.reason()).isEqualTo("StoppedEarly");
    assertThat(v.message())
        .isEqualTo(
            "availability 97.2 %, 1.8 points under the SLO of 99 %; longest outage 3.4 s, 1.4 s"
                + " over the maximum of 2 s; stopped after round 1 of 3: availability fell under"
                + " its SLO");
  }
}
