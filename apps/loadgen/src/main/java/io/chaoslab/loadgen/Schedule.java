package io.chaoslab.loadgen;

import java.time.Duration;

/**
 * When each request of an open-loop run is due: request {@code i} at {@code start + i / rate},
 * whatever happened to the requests before it. The first {@link #warmupRequests()} requests are the
 * warm-up; the {@link #measuredRequests()} after them are measured.
 */
record Schedule(int rate, long warmupRequests, long measuredRequests) {
  private static final double NANOS_PER_SECOND = 1e9;

  Schedule {
    if (rate < 1 || warmupRequests < 0 || measuredRequests < 1) {
      throw new IllegalArgumentException(
          "rate " + rate + ", warmup " + warmupRequests + ", measured " + measuredRequests);
    }
  }

  /** The requests due within {@code duration} at {@code rate} per second (at least one). */
  static long requestsIn(int rate, Duration duration) {
    double exact = rate * (duration.toNanos() / NANOS_PER_SECOND);
    // ceil, but 300/s for 10 s is 3000 requests even when the double comes out as 3000.0000001
    return Math.max(1, (long) Math.ceil(exact - 1e-6));
  }

  static Schedule of(int rate, Duration warmup, long measuredRequests) {
    long warmupRequests = warmup.isZero() ? 0 : requestsIn(rate, warmup);
    return new Schedule(rate, warmupRequests, measuredRequests);
  }

  long totalRequests() {
    return warmupRequests + measuredRequests;
  }

  /** Nanoseconds after the start when request {@code index} is due. */
  long dueOffsetNanos(long index) {
    return (long) (index * NANOS_PER_SECOND / rate);
  }

  boolean isWarmup(long index) {
    return index < warmupRequests;
  }
}
