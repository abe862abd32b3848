package io.chaoslab.loadgen;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as people type them on a command line: {@code 500ms}, {@code 30s}, {@code 1.5s}, {@code
 * 2m}, {@code 1h}, or a bare number of seconds.
 */
final class Durations implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration; write for example 500ms, 30s, 2m or 1h");
    }
    long nanosPerUnit =
        switch (m.group(2) == null ? "s" : m.group(2)) {
          case "ms" -> 1_000_000L;
          case "m" -> 60_000_000_000L;
          case "h" -> 3_600_000_000_000L;
          default -> 1_000_000_000L;
        };
    BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
    if (nanos.compareTo(BigDecimal.valueOf(Duration.ofDays(365).toNanos())) > 0) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is too long a duration (at most a year)");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** {@code 250ms}, {@code 30s}, {@code 1.5s}, {@code 2m}, {@code 1h30m}: short and exact. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toMillis() < 1000 && d.toNanos() % 1_000_000 == 0) {
      return d.toMillis() + "ms";
    }
    if (d.toNanos() % 1_000_000_000L != 0 || d.toSeconds() < 60) {
      return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }
    long seconds = d.toSeconds();
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 > 0) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }
}
