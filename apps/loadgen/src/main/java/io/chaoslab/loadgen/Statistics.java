package io.chaoslab.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What happened to the requests, recorded from many threads at once: latency histograms (from each
 * request's due time, in microseconds), counts per status, late starts, and per product the
 * quantities the shop confirmed. Warm-up requests show in the progress and count for the ledger,
 * but not in the figures.
 */
final class Statistics {
  static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
  static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  static final int SAMPLE_SIZE = 50;
  private static final int ERROR_INDEX = 600;

  private final Recorder interval = new Recorder(1, HIGHEST_MICROS, 3);
  private final Recorder measured = new Recorder(1, HIGHEST_MICROS, 3);
  private final Histogram measuredTotal = new Histogram(1, HIGHEST_MICROS, 3);
  private Histogram intervalRecycled;
  private Histogram measuredRecycled;

  private final LongAdder[] statusCounts = new LongAdder[ERROR_INDEX + 1];
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final LongAdder sent = new LongAdder();
  private final LongAdder warmupSent = new LongAdder();
  private final LongAdder okAll = new LongAdder();
  private final LongAdder failedAll = new LongAdder();
  private final LongAdder warmupOk = new LongAdder();
  private final LongAdder warmupFailed = new LongAdder();
  private final LongAdder inFlight = new LongAdder();
  private final LongAdder lateStarts = new LongAdder();
  private final LongAccumulator worstLatenessNanos = new LongAccumulator(Math::max, 0);
  private final LongAccumulator maxLatencyNanos = new LongAccumulator(Math::max, 0);
  private final LongAccumulator lastMeasuredAnswerNanos =
      new LongAccumulator(Math::max, Long.MIN_VALUE);

  private final LongAdder[] confirmedUnits;
  private final LongAdder[] confirmedOrders;
  private final Queue<Request> unknownOutcomes = new ConcurrentLinkedQueue<>();
  private final List<String> sample = new ArrayList<>(SAMPLE_SIZE);
  private long sampleSeen;

  Statistics(int products) {
    for (int i = 0; i < statusCounts.length; i++) {
      statusCounts[i] = new LongAdder();
    }
    confirmedUnits = new LongAdder[products];
    confirmedOrders = new LongAdder[products];
    for (int i = 0; i < products; i++) {
      confirmedUnits[i] = new LongAdder();
      confirmedOrders[i] = new LongAdder();
    }
  }

  /** A request leaves, {@code latenessNanos} after it was due. */
  void sent(boolean warmup, long latenessNanos) {
    inFlight.increment();
    if (warmup) {
      warmupSent.increment();
      return;
    }
    sent.increment();
    if (latenessNanos > LATE_NANOS) {
      lateStarts.increment();
      worstLatenessNanos.accumulate(latenessNanos);
    }
  }

  /**
   * The answer (or failure) to request {@code seq} arrived at {@code nowNanos}; it was due at
   * {@code dueNanos}.
   */
  void answered(
      long seq, boolean warmup, int product, OrderAnswer answer, long dueNanos, long nowNanos) {
    inFlight.decrement();
    if (answer.outcomeUnknown()) {
      unknownOutcomes.add(new Request(seq, product));
    }
    long latencyNanos = Math.max(0, nowNanos - dueNanos);
    long micros = Math.clamp(TimeUnit.NANOSECONDS.toMicros(latencyNanos), 1, HIGHEST_MICROS);
    interval.recordValue(micros);
    (answer.success() ? okAll : failedAll).increment();
    if (answer.status() == OrderAnswer.NO_ANSWER) {
      failures.computeIfAbsent(answer.failure(), k -> new LongAdder()).increment();
    }
    if (answer.created()) {
      confirmed(product, answer.quantity());
      offerToSample(answer.orderId());
    }
    if (warmup) {
      (answer.success() ? warmupOk : warmupFailed).increment();
      return;
    }
    measured.recordValue(micros);
    maxLatencyNanos.accumulate(latencyNanos);
    lastMeasuredAnswerNanos.accumulate(nowNanos);
    int status = answer.status();
    statusCounts[status > 0 && status < ERROR_INDEX ? status : ERROR_INDEX].increment();
  }

  /** The shop confirmed an order of {@code quantity} units of {@code product}. */
  void confirmed(int product, int quantity) {
    confirmedUnits[product].add(quantity);
    confirmedOrders[product].increment();
  }

  private synchronized void offerToSample(String orderId) {
    if (orderId == null) {
      return;
    }
    sampleSeen++;
    if (sample.size() < SAMPLE_SIZE) {
      sample.add(orderId);
    } else {
      long slot = ThreadLocalRandom.current().nextLong(sampleSeen);
      if (slot < SAMPLE_SIZE) {
        sample.set((int) slot, orderId);
      }
    }
  }

  /** Latencies (µs) of everything answered since the last call; for the progress line. */
  synchronized Histogram takeInterval() {
    intervalRecycled = interval.getIntervalHistogram(intervalRecycled);
    return intervalRecycled;
  }

  /** Latencies (µs) of every measured request answered so far. */
  synchronized Histogram measuredLatencies() {
    measuredRecycled = measured.getIntervalHistogram(measuredRecycled);
    measuredTotal.add(measuredRecycled);
    return measuredTotal.copy();
  }

  long sent() {
    return sent.sum();
  }

  long warmupSent() {
    return warmupSent.sum();
  }

  long okAll() {
    return okAll.sum();
  }

  long failedAll() {
    return failedAll.sum();
  }

  long warmupOk() {
    return warmupOk.sum();
  }

  long warmupFailed() {
    return warmupFailed.sum();
  }

  long inFlight() {
    return inFlight.sum();
  }

  long lateStarts() {
    return lateStarts.sum();
  }

  long worstLatenessNanos() {
    return worstLatenessNanos.get();
  }

  /** The true longest measured latency, also beyond the histogram's 60 s. */
  long maxLatencyNanos() {
    return maxLatencyNanos.get();
  }

  /** When the last measured answer came, or {@link Long#MIN_VALUE} before the first. */
  long lastMeasuredAnswerNanos() {
    return lastMeasuredAnswerNanos.get();
  }

  /** Measured answers per status ({@code 201}, {@code 409}, ..., {@code error}), in order. */
  Map<String, Long> statusCounts() {
    Map<String, Long> counts = new TreeMap<>();
    for (int i = 0; i < statusCounts.length; i++) {
      long n = statusCounts[i].sum();
      if (n > 0) {
        counts.put(i == ERROR_INDEX ? "error" : Integer.toString(i), n);
      }
    }
    return counts;
  }

  /** Requests without an answer, by exception name ({@code HttpTimeoutException}, ...). */
  Map<String, Long> failures() {
    Map<String, Long> counts = new TreeMap<>();
    failures.forEach((name, n) -> counts.put(name, n.sum()));
    return counts;
  }

  long measuredCompleted() {
    long total = 0;
    for (LongAdder n : statusCounts) {
      total += n.sum();
    }
    return total;
  }

  long measuredSuccesses() {
    long total = 0;
    for (int status = 200; status < 300; status++) {
      total += statusCounts[status].sum();
    }
    return total;
  }

  long confirmedUnits(int product) {
    return confirmedUnits[product].sum();
  }

  long confirmedOrders(int product) {
    return confirmedOrders[product].sum();
  }

  /** Requests whose order may or may not have been placed: no answer, or a server error. */
  List<Request> unknownOutcomes() {
    return List.copyOf(unknownOutcomes);
  }

  /** One request: its sequence number (which names its idempotency key) and product index. */
  record Request(long seq, int product) {}

  synchronized List<String> sampleOrderIds() {
    return List.copyOf(sample);
  }
}
