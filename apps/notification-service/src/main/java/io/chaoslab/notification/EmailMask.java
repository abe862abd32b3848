package io.chaoslab.notification;

/** Hides an e-mail address in logs: {@code ada@example.com} becomes {@code a***@example.com}. */
final class EmailMask {
  private EmailMask() {}

  static String mask(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    return email.charAt(0) + "***" + email.substring(at);
  }
}
