package io.chaoslab.operator.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to environment variables, with the same rules as the shop services' {@code
 * io.chaoslab.common.config.Env}: blank means unset, and every error names the variable and what it
 * accepts. The operator does not depend on shop-common, which would bring the services' web server
 * and database pool along.
 */
final class EnvVars {
  private final Map<String, String> values;

  EnvVars(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  Optional<String> optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  int integer(String name, int defaultValue, int min, int max) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    throw new ConfigException(
        "%s must be an integer from %d to %d, got '%s'".formatted(name, min, max, raw.get()));
  }

  boolean bool(String name, boolean defaultValue) {
    Optional<String> raw = optional(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw new ConfigException(name + " must be true or false, got '" + raw.get() + "'");
    };
  }

  /** A comma-separated list; blanks around items and empty items are dropped. */
  List<String> list(String name) {
    return optional(name).stream()
        .flatMap(raw -> Arrays.stream(raw.split(",")))
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .toList();
  }
}
