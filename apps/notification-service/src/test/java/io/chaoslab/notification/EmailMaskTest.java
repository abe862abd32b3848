package io.chaoslab.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailMaskTest {

  @ParameterizedTest
  @CsvSource({
    "ada@example.com, a***@example.com",
    "x@y.io, x***@y.io",
    "first.last+tag@mail.example.org, f***@mail.example.org",
    "😀smile@example.com, 😀***@example.com",
    "a@b@example.com, a***@example.com",
    "@example.com, ***",
    "nobody, ***"
  })
  void keepsOnlyTheFirstLetterAndTheDomain(String email, String masked) {
    assertThat(EmailMask.mask(email)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({"ada.lovelace@example.com", "first.last+tag@mail.example.org", "bob@example.org"})
  void neverContainsTheLocalPart(String email) {
    String localPart = email.substring(0, email.lastIndexOf('@'));
    assertThat(EmailMask.mask(email)).doesNotContain(email).doesNotContain(localPart);
  }
}
