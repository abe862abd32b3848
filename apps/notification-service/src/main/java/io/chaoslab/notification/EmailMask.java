package io.chaoslab.notification;

/** Hides an e-mail address in logs: {@code ada@example.com} becomes {@code a***@example.com}. */
final class EmailMask {
  private EmailMask() {}

  static String mask(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    // The first character, whole even outside the BMP (never half a surrogate pair).
    return email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
  }
}
