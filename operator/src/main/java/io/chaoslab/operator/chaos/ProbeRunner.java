package io.chaoslab.operator.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Calls the experiment's steady-state probe every {@code interval} on a virtual thread and records
 * each call into an {@link Availability}. A call succeeds, as a Kubernetes HTTP probe does, when it
 * answers 200 to 399 within its timeout (the interval, at least 1 s and at most 5 s). Calls are
 * made one after the other: a call slower than the interval delays the next, it never piles up
 * connections on a struggling service.
 */
final class ProbeRunner implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final HttpRequest request;
  private final Duration interval;
  private final Availability availability;
  private volatile boolean stopping;
  private Thread thread;

  private ProbeRunner(URI url, Duration interval, Availability availability) {
    this.interval = interval;
    this.availability = availability;
    Duration timeout = Duration.ofMillis(Math.min(5000, Math.max(1000, interval.toMillis())));
    this.request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
  }

  /** One call now: empty when it succeeded, else what went wrong. */
  static Optional<String> check(URI url) {
    ProbeRunner probe = new ProbeRunner(url, Duration.ofSeconds(2), new Availability());
    Call call = probe.call();
    return call.ok() ? Optional.empty() : Optional.of("probe " + url + " " + call.outcome());
  }

  /** Starts calling every {@code interval}, recording into {@code availability}. */
  static ProbeRunner start(URI url, Duration interval, Availability availability) {
    ProbeRunner probe = new ProbeRunner(url, interval, availability);
    probe.thread = Thread.ofVirtual().name("probe " + url).start(probe::loop);
    return probe;
  }

  private void loop() {
    Instant next = Instant.now();
    while (!stopping) {
      Instant at = Instant.now();
      Call call = call();
      if (stopping && call.interrupted()) {
        return;
      }
      availability.record(new Availability.Probe(at, call.ok(), call.latency()));
      next = next.plus(interval);
      long sleep = Duration.between(Instant.now(), next).toMillis();
      if (sleep < 0) {
        next = Instant.now(); // fell behind: start again from now rather than bursting
        continue;
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private record Call(boolean ok, Duration latency, String outcome, boolean interrupted) {}

  private Call call() {
    long start = System.nanoTime();
    try {
      int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      return new Call(status >= 200 && status < 400, latency, "answered " + status, false);
    } catch (IOException e) {
      return new Call(false, Duration.ofNanos(System.nanoTime() - start), "failed: " + e, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Call(false, Duration.ofNanos(System.nanoTime() - start), "interrupted", true);
    }
  }

  /** Stops calling; the call in flight, if any, is not recorded. */
  @Override
  public void close() {
    stopping = true;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(6));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
