package io.chaoslab.operator.api.shopstack;

/** Where a ShopStack stands, in one word for {@code kubectl get shop}; named as on the wire. */
public enum Phase {
  /** Accepted, nothing observed running yet. */
  Pending,
  /** Rolling out: some components are not yet at their desired ready pods. */
  Progressing,
  /** Every component has all its desired pods ready. */
  Ready,
  /** Was ready, and some component has lost ready pods. */
  Degraded,
  /** The spec cannot be deployed (for example the external database's Secret is missing). */
  Failed
}
