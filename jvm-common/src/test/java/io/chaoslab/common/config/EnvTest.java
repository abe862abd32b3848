package io.chaoslab.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

  @Test
  void defaultsApplyWhenUnsetOrBlank() {
    Env env = Env.of(Map.of("PORT", " "));
    assertThat(env.integer("PORT", 5000, 0, 65535)).isEqualTo(5000);
    assertThat(env.bool("FLAG", true)).isTrue();
  }

  @Test
  void badNumbersNameTheVariableAndTheRange() {
    Env env = Env.of(Map.of("PORT", "70000", "N", "abc"));
    assertThatThrownBy(() -> env.integer("PORT", 5000, 0, 65535))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PORT must be an integer between 0 and 65535, got '70000'");
    assertThatThrownBy(() -> env.integer("N", 1, 0, 9)).hasMessageContaining("got 'abc'");
  }

  @Test
  void durationsAndUrlsAreValidated() {
    Env env = Env.of(Map.of("T_MS", "250", "URL", "http://inventory:5001/", "BAD", "inventory"));
    assertThat(env.millis("T_MS", Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(env.httpUrl("URL", "http://x").toString()).isEqualTo("http://inventory:5001");
    assertThatThrownBy(() -> env.httpUrl("BAD", "http://x"))
        .hasMessage("BAD must be an http(s) URL, got 'inventory'");
    assertThatThrownBy(() -> Env.of(Map.of("B", "maybe")).bool("B", false))
        .hasMessage("B must be true or false, got 'maybe'");
  }

  @Test
  void listsDropBlanksAndEmptyItems() {
    Env env = Env.of(Map.of("NS", " shop, ,chaos ,", "NONE", " "));
    assertThat(env.list("NS")).containsExactly("shop", "chaos");
    assertThat(env.list("NONE")).isEmpty();
    assertThat(env.list("UNSET")).isEmpty();
  }
}
