package io.chaoslab.operator.chaos;

/**
 * The experiment cannot run, or cannot go on: it ends {@code Error} with this reason (CamelCase,
 * for the conditions) and message (for a person). No pod is touched after it is thrown.
 */
final class CannotRun extends Exception {
  static final String INVALID_SPEC = "InvalidSpec";
  static final String NAMESPACE_NOT_ENABLED = "NamespaceNotEnabled";
  static final String TARGET_NOT_FOUND = "TargetNotFound";
  static final String TARGET_NOT_READY = "TargetNotReady";
  static final String PROBE_FAILED = "ProbeFailed";
  static final String KILLS_REFUSED = "KillsRefused";

  private final String reason;

  CannotRun(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
