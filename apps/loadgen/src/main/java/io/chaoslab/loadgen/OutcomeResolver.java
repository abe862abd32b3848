package io.chaoslab.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds out what became of the orders whose request got no answer or a server error: the order may
 * have been confirmed after all (the answer was lost, or the commit failed only as far as the order
 * service could tell). Each is asked again exactly as it was first sent, with the same {@code
 * Idempotency-Key}, as a real client would retry: {@code 200} means it had been confirmed, {@code
 * 201} that it was not and now is, a 4xx that it is not; another 5xx or no answer (the shop is
 * still giving back a half-done order's stock) leaves it for the next round.
 */
final class OutcomeResolver {
  private static final int MAX_IN_FLIGHT = 64;

  private final ShopClient client;
  private final ProductMix mix;
  private final int quantity;
  private final Statistics statistics;
  private final ConcurrentLinkedQueue<Statistics.Request> open = new ConcurrentLinkedQueue<>();
  private final int unknown;
  private final LongAdder confirmedEarlier = new LongAdder();
  private final LongAdder placedNow = new LongAdder();
  private final LongAdder notPlaced = new LongAdder();

  /** What became of the requests with an unknown outcome. */
  record Outcome(long unknown, long confirmedEarlier, long placedNow, long notPlaced, long open) {}

  OutcomeResolver(ShopClient client, ProductMix mix, int quantity, Statistics statistics) {
    this.client = client;
    this.mix = mix;
    this.quantity = quantity;
    this.statistics = statistics;
    List<Statistics.Request> requests = statistics.unknownOutcomes();
    this.unknown = requests.size();
    open.addAll(requests);
  }

  boolean done() {
    return open.isEmpty();
  }

  /** Asks once about every request still open; confirmed orders count for the ledger. */
  void resolveOnce() throws InterruptedException {
    List<Statistics.Request> round = new ArrayList<>(open);
    open.clear();
    Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    List<CompletableFuture<Void>> answers = new ArrayList<>(round.size());
    for (Statistics.Request request : round) {
      slots.acquire();
      answers.add(
          client
              .placeOrder(request.seq(), mix.productId(request.product()), quantity)
              .thenAccept(
                  answer -> {
                    try {
                      settle(request, answer);
                    } finally {
                      slots.release();
                    }
                  }));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
  }

  private void settle(Statistics.Request request, OrderAnswer answer) {
    if (answer.confirmed()) {
      statistics.confirmed(request.product(), answer.quantity());
      (answer.created() ? placedNow : confirmedEarlier).increment();
    } else if (answer.status() == OrderAnswer.NO_ANSWER || answer.status() >= 500) {
      open.add(request);
    } else {
      notPlaced.increment();
    }
  }

  Outcome outcome() {
    return new Outcome(
        unknown, confirmedEarlier.sum(), placedNow.sum(), notPlaced.sum(), open.size());
  }
}
