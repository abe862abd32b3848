package io.chaoslab.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoslab.common.config.ConfigException;
import io.chaoslab.common.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invalid configuration fails at start, naming the variable, before anything listens. */
class StartupTest {

  @Test
  void rejectsAnInvalidHistorySize() {
    for (String value : new String[] {"0", "1000001", "lots"}) {
      assertThatThrownBy(
              () ->
                  NotificationService.start(
                      Env.of(Map.of("PORT", "0", "NOTIFICATION_HISTORY", value))))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("NOTIFICATION_HISTORY");
    }
  }

  @Test
  void rejectsAnInvalidPort() {
    assertThatThrownBy(() -> NotificationService.start(Env.of(Map.of("PORT", "70000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PORT");
  }
}
