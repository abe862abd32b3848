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
    "@example.com, ***",
    "nobody, ***"
  })
  void keepsOnlyTheFirstLetterAndTheDomain(String email, String masked) {
    assertThat(EmailMask.mask(email)).isEqualTo(masked);
  }
}
