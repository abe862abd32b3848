package io.chaoslab.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition, as a scrape of {@code /metrics} reads them. */
public final class PrometheusText {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  private PrometheusText() {}

  /** One line of the exposition: a metric, its labels and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** Every sample of {@code name}, comments left out. */
  public static List<Sample> samples(String scrape, String name) {
    return scrape
        .lines()
        .map(SAMPLE::matcher)
        .filter(Matcher::matches)
        .filter(m -> m.group(1).equals(name))
        .map(m -> new Sample(m.group(1), labels(m.group(2)), Double.parseDouble(m.group(3))))
        .toList();
  }

  /** The value of the one sample of {@code name} whose labels are exactly {@code labels}. */
  public static double sample(String scrape, String name, Map<String, String> labels) {
    List<Double> values =
        samples(scrape, name).stream()
            .filter(s -> s.labels().equals(labels))
            .map(Sample::value)
            .toList();
    assertThat(values).as("%s%s in\n%s", name, labels, scrape).hasSize(1);
    return values.get(0);
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new HashMap<>();
    if (text != null) {
      Matcher label = LABEL.matcher(text);
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
    }
    return labels;
  }
}
