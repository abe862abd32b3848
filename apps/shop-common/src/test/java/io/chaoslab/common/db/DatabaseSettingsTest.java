package io.chaoslab.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoslab.common.config.ConfigException;
import io.chaoslab.common.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

  @Test
  void databaseSettingsNeverShowThePassword() {
    DatabaseSettings settings =
        DatabaseSettings.fromEnv(
            Env.of(
                Map.of(
                    "DATABASE_URL", "jdbc:postgresql://db:5432/shop?password=hunter2",
                    "DATABASE_PASSWORD", "hunter2")));
    assertThat(settings.toString()).doesNotContain("hunter2");
    assertThat(settings.redactedUrl()).doesNotContain("hunter2");
    assertThatThrownBy(
            () ->
                DatabaseSettings.fromEnv(
                    Env.of(Map.of("DATABASE_URL", "mysql://x?password=hunter2"))))
        .isInstanceOf(ConfigException.class)
        .message()
        .doesNotContain("hunter2");
  }
}
