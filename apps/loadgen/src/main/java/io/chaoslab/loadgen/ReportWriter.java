package io.chaoslab.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The final report as text for people or as one JSON object for scripts. */
final class ReportWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportWriter() {}

  static String text(Report r) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "loadgen: %d orders of %d to %s at %d/s, products %s (seed %d, run %s)",
            r.planned(),
            r.quantity(),
            r.orderUrl(),
            r.rate(),
            r.products(),
            r.seed(),
            r.runId()));
    if (r.stoppedEarly()) {
      lines.add("  STOPPED EARLY: the figures cover the requests sent until then");
    }
    row(lines, "duration", fixed(r.durationSeconds(), 2) + " s");
    String warmup =
        r.warmup().requests() == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "  (and %d warm-up requests, not counted: %d ok, %d not)",
                r.warmup().requests(),
                r.warmup().ok(),
                r.warmup().failed());
    row(lines, "sent", r.sent() + warmup);
    row(lines, "completed", Long.toString(r.completed()));
    row(lines, "throughput", fixed(r.throughput(), 1) + " /s");
    row(lines, "status", counts(r.statusCounts()));
    String failures = r.failures().isEmpty() ? "" : "  (no answer: " + counts(r.failures()) + ")";
    String threshold =
        r.maxErrorPercent() == null ? "" : " (at most " + plain(r.maxErrorPercent()) + " %)";
    row(lines, "not 2xx", fixed(r.errorPercent(), 2) + " %" + threshold + failures);
    Report.Latency l = r.latency();
    row(
        lines,
        "latency (ms)",
        String.format(
            Locale.ROOT,
            "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (from each request's due time)",
            fixed(l.p50(), 2),
            fixed(l.p90(), 2),
            fixed(l.p99(), 2),
            fixed(l.p999(), 2),
            fixed(l.max(), 2)));
    row(
        lines,
        "late starts",
        r.lateStarts()
            + " (worst "
            + fixed(r.worstLatenessMillis(), 1)
            + " ms after due; concurrency limit "
            + r.concurrency()
            + ")");
    ledger(lines, r.ledger());
    row(
        lines,
        "exit code",
        r.stoppedEarly() ? "none: stopped by a signal" : Integer.toString(r.exitCode()));
    return String.join(System.lineSeparator(), lines);
  }

  private static void ledger(List<String> lines, LedgerResult ledger) {
    row(lines, "ledger", ledger.verdict() + ": " + ledger.message());
    OutcomeResolver.Outcome o = ledger.outcomes();
    if (o != null && o.unknown() > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "    %d requests without a definite answer, asked again with their key: %d had been"
                  + " confirmed, %d placed now, %d not placed, %d still unknown",
              o.unknown(),
              o.confirmedEarlier(),
              o.placedNow(),
              o.notPlaced(),
              o.open()));
    }
    for (Ledger.Balance b : ledger.products()) {
      if (!b.balances()) {
        lines.add(String.format(Locale.ROOT, "    %-14s %s", b.productId(), b.problem()));
      }
    }
    for (String problem : ledger.sampleProblems()) {
      lines.add("    " + problem);
    }
  }

  static String json(Report r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("orderUrl", r.orderUrl())
        .put("runId", r.runId())
        .put("seed", r.seed())
        .put("rate", r.rate())
        .put("concurrency", r.concurrency())
        .put("quantity", r.quantity())
        .put("products", r.products())
        .put("planned", r.planned())
        .put("sent", r.sent())
        .put("completed", r.completed())
        .put("stoppedEarly", r.stoppedEarly());
    root.putObject("warmup")
        .put("requests", r.warmup().requests())
        .put("ok", r.warmup().ok())
        .put("failed", r.warmup().failed());
    root.put("durationSeconds", round(r.durationSeconds(), 3))
        .put("throughputPerSecond", round(r.throughput(), 2));
    ObjectNode statuses = root.putObject("statusCounts");
    r.statusCounts().forEach(statuses::put);
    ObjectNode failures = root.putObject("failures");
    r.failures().forEach(failures::put);
    root.put("errorPercent", round(r.errorPercent(), 3));
    if (r.maxErrorPercent() != null) {
      root.put("maxErrorPercent", r.maxErrorPercent());
    }
    Report.Latency l = r.latency();
    root.putObject("latencyMs")
        .put("p50", round(l.p50(), 3))
        .put("p90", round(l.p90(), 3))
        .put("p99", round(l.p99(), 3))
        .put("p999", round(l.p999(), 3))
        .put("max", round(l.max(), 3))
        .put("mean", round(l.mean(), 3));
    root.putObject("lateStarts")
        .put("count", r.lateStarts())
        .put("worstMs", round(r.worstLatenessMillis(), 3));
    root.set("ledger", ledgerJson(r.ledger()));
    if (r.stoppedEarly()) {
      root.putNull("exitCode"); // the process ends with the signal's status
    } else {
      root.put("exitCode", r.exitCode());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode ledgerJson(LedgerResult ledger) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("verdict", ledger.verdict().name()).put("message", ledger.message());
    ArrayNode products = node.putArray("products");
    for (Ledger.Balance b : ledger.products()) {
      ObjectNode p =
          products
              .addObject()
              .put("productId", b.productId())
              .put("balanced", b.balances())
              .put("confirmedOrders", b.confirmedOrders())
              .put("expectedReservedChange", b.confirmedUnits())
              .put("availableBefore", b.before().available())
              .put("reservedBefore", b.before().reserved());
      if (b.after() != null) {
        p.put("availableAfter", b.after().available())
            .put("reservedAfter", b.after().reserved())
            .put("reservedChange", b.reservedChange());
      }
      if (!b.balances()) {
        p.put("problem", b.problem());
      }
    }
    node.putObject("sample")
        .put("readBack", ledger.sampled())
        .put("notConfirmed", ledger.sampleProblems().size());
    OutcomeResolver.Outcome o = ledger.outcomes();
    if (o != null) {
      node.putObject("unknownOutcomes")
          .put("requests", o.unknown())
          .put("confirmedEarlier", o.confirmedEarlier())
          .put("placedNow", o.placedNow())
          .put("notPlaced", o.notPlaced())
          .put("stillUnknown", o.open());
    }
    return node;
  }

  private static void row(List<String> lines, String name, String value) {
    lines.add(String.format(Locale.ROOT, "  %-14s %s", name, value));
  }

  private static String counts(Map<String, Long> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, n) -> parts.add(k + ": " + n));
    return String.join(", ", parts);
  }

  private static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static double round(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }
}
