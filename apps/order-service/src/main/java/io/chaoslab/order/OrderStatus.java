package io.chaoslab.order;

/** Where an order row is in its life; only {@link #CONFIRMED} orders are ever shown to clients. */
enum OrderStatus {
  /** A request is reserving stock for it, or was and vanished: recovery releases it eventually. */
  PENDING,
  /** Stock reserved, order persisted with its notification in the outbox. Final. */
  CONFIRMED,
  /** Recovery is releasing its reservation; the row is deleted once that succeeded. */
  RELEASING
}
