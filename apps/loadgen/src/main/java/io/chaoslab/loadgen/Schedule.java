package io.chaoslab.loadgen;

import java.time.Duration;

/**
 * When each request of an open-loop run is due, whatever happened to the requests before it. The
 * run starts with an optional warm-up whose rate ramps linearly from a tenth of {@code rate} up to
 * {@code rate}: a cold JVM (the shop's, and loadgen's own) given full traffic at once falls behind
 * and then gets the backlog as a burst, which is an overload test rather than a warm-up. After the
 * warm-up, request {@code i} is due at {@code warmupEnd + (i - warmupRequests) / rate}. The first
 * {@link #warmupRequests()} requests are the warm-up; the {@link #measuredRequests()} after them
 * are measured.
 */
record Schedule(int rate, long warmupNanos, long warmupRequests, long measuredRequests) {
  private static final double NANOS_PER_SECOND = 1e9;
  private static final double RAMP_START_SHARE = 0.1;

  Schedule {
    if (rate < 1 || warmupNanos < 0 || warmupRequests < 0 || measuredRequests < 1) {
      throw new IllegalArgumentException(
          "rate %d, warmup %d ns with %d requests, measured %d"
              .formatted(rate, warmupNanos, warmupRequests, measuredRequests));
    }
  }

  /** The requests due within {@code duration} at {@code rate} per second (at least one). */
  static long requestsIn(int rate, Duration duration) {
    return ceil(rate * seconds(duration.toNanos()));
  }

  static Schedule of(int rate, Duration warmup, long measuredRequests) {
    long nanos = warmup.toNanos();
    long warmupRequests = nanos == 0 ? 0 : ceil((rampStart(rate) + rate) / 2 * seconds(nanos));
    return new Schedule(rate, nanos, warmupRequests, measuredRequests);
  }

  long totalRequests() {
    return warmupRequests + measuredRequests;
  }

  /** Nanoseconds after the start when request {@code index} is due. */
  long dueOffsetNanos(long index) {
    if (index >= warmupRequests) {
      return warmupNanos + (long) ((index - warmupRequests) * NANOS_PER_SECOND / rate);
    }
    // the ramp: n(t) = r0 t + (rate - r0) t^2 / 2W requests by time t, solved for t
    double r0 = rampStart(rate);
    double halfSlope = (rate - r0) / (2 * seconds(warmupNanos));
    double t =
        halfSlope == 0
            ? index / r0
            : (-r0 + Math.sqrt(r0 * r0 + 4 * halfSlope * index)) / (2 * halfSlope);
    return Math.min((long) (t * NANOS_PER_SECOND), warmupNanos);
  }

  boolean isWarmup(long index) {
    return index < warmupRequests;
  }

  private static double rampStart(int rate) {
    return Math.max(1, rate * RAMP_START_SHARE);
  }

  private static double seconds(long nanos) {
    return nanos / NANOS_PER_SECOND;
  }

  // ceil, but 300/s for 10 s is 3000 requests even when the double comes out as 3000.0000001
  private static long ceil(double exact) {
    return Math.max(1, (long) Math.ceil(exact - 1e-6));
  }
}
