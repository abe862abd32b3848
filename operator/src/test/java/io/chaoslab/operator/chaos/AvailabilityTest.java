package io.chaoslab.operator.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AvailabilityTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private static Availability.Probe probe(long atMillis, boolean ok, long latencyMillis) {
    return new Availability.Probe(T0.plusMillis(atMillis), ok, Duration.ofMillis(latencyMillis));
  }

  @Test
  void noProbeIsFullAvailability() {
    Availability.Summary s = new Availability().summary();

    assertThat(s.probes()).isZero();
    assertThat(s.percent()).isEqualTo(100.0);
    assertThat(s.longestOutageSeconds()).isZero();
  }

  @Test
  void anOutageRunsFromTheFirstFailureToTheNextSuccess() {
    Availability a = new Availability();
    // every 250 ms: up, down at 500..1000, up again at 1250; down 1750 (short), up 2000
    long[] down = {500, 750, 1000, 1750};
    for (long t = 0; t <= 2250; t += 250) {
      final long at = t;
      boolean failed = java.util.Arrays.stream(down).anyMatch(d -> d == at);
      a.record(probe(t, !failed, failed ? 1000 : 5));
    }

    Availability.Summary s = a.summary();

    assertThat(s.probes()).isEqualTo(10);
    assertThat(s.failures()).isEqualTo(4);
    assertThat(s.percent()).isCloseTo(60.0, within(1e-9));
    assertThat(s.longestOutageSeconds()).isCloseTo(0.75, within(1e-9)); // 500 -> 1250
    assertThat(s.latencyP95Millis()).isEqualTo(1000.0);
    assertThat(s.latencyP99Millis()).isEqualTo(1000.0);
  }

  @Test
  void anOutageStillOpenAtTheEndLastsToItsLastFailure() {
    Availability a = new Availability();
    a.record(probe(0, true, 3));
    a.record(probe(100, false, 50));
    a.record(probe(200, false, 50));
    a.record(probe(300, false, 50));

    assertThat(a.summary().longestOutageSeconds()).isCloseTo(0.2, within(1e-9));
    assertThat(a.percentSoFar()).isCloseTo(25.0, within(1e-9));
  }
}
