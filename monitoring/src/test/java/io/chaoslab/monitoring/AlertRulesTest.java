package io.chaoslab.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What an on-call person gets with each alert: a severity, a summary, values, a runbook. */
class AlertRulesTest {
  static Iterable<JsonNode> alerts() {
    return Monitoring.alerts();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alerts")
  void hasASeveritySummaryDescriptionAndRunbook(JsonNode alert) throws IOException {
    String name = alert.get("alert").asText();
    JsonNode annotations = alert.get("annotations");

    assertThat(alert.at("/labels/severity").asText()).isIn(Set.of("critical", "warning", "info"));
    assertThat(annotations.path("summary").asText()).isNotBlank();
    assertThat(annotations.path("description").asText())
        .as("the description of %s says what was measured", name)
        .satisfiesAnyOf(
            d -> assertThat(d).contains("{{ $"),
            d -> assertThat(alert.get("expr").asText()).startsWith("absent("));
    String anchor = name.toLowerCase(Locale.ROOT);
    assertThat(annotations.path("runbook").asText()).isEqualTo("monitoring/README.md#" + anchor);
    assertThat(Files.readString(Monitoring.README))
        .as("monitoring/README.md has a runbook section for %s", name)
        .contains("\n### " + name + "\n");
  }
}
