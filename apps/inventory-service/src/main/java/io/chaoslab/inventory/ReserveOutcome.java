package io.chaoslab.inventory;

/** The result of a reservation: {@code created} is false when it repeats an earlier one. */
record ReserveOutcome(Reservation reservation, boolean created) {}
