package io.chaoslab.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, validated access to a process's configuration (a shop service's, the operator's), read
 * from environment variables. Blank means unset.
 *
 * <p>Every accessor names the variable and the accepted range in its error, so a misconfigured pod
 * fails at start with a message an operator can act on instead of a stack trace later.
 */
public final class Env {
  private final Map<String, String> values;

  private Env(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The process environment. */
  public static Env system() {
    return new Env(System.getenv());
  }

  /** A fixed set of values: for tests and for running several services in one JVM. */
  public static Env of(Map<String, String> values) {
    return new Env(values);
  }

  public Optional<String> optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new ConfigException(name + " is required"));
  }

  public int integer(String name, int defaultValue, int min, int max) {
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
        "%s must be an integer between %d and %d, got '%s'".formatted(name, min, max, raw.get()));
  }

  /** A duration given in milliseconds (variables are named {@code ..._MS}). */
  public Duration millis(String name, Duration defaultValue, Duration min, Duration max) {
    int value =
        integer(
            name,
            (int) defaultValue.toMillis(),
            (int) min.toMillis(),
            (int) Math.min(Integer.MAX_VALUE, max.toMillis()));
    return Duration.ofMillis(value);
  }

  /** A duration given in whole seconds (variables are named {@code ..._SECONDS}). */
  public Duration seconds(String name, Duration defaultValue, Duration min, Duration max) {
    return Duration.ofSeconds(
        integer(
            name, (int) defaultValue.toSeconds(), (int) min.toSeconds(), (int) max.toSeconds()));
  }

  public boolean bool(String name, boolean defaultValue) {
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
  public List<String> list(String name) {
    return optional(name).stream()
        .flatMap(raw -> Arrays.stream(raw.split(",")))
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .toList();
  }

  /** An absolute http(s) URL; a trailing slash is removed so paths can be appended. */
  public URI httpUrl(String name, String defaultValue) {
    String raw = string(name, defaultValue);
    try {
      URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigException(name + " must be an http(s) URL, got '" + raw + "'");
  }
}
