package io.chaoslab.operator.shopstack;

/**
 * Why the operator does not deploy a ShopStack as asked: a reason in CamelCase for the conditions
 * and events, and a message for a person.
 */
record Problem(String reason, String message) {
  static final String INVALID_SPEC = "InvalidSpec";
  static final String SECRET_MISSING = "DatabaseSecretMissing";
}
