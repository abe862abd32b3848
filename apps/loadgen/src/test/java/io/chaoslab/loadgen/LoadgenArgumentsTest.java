package io.chaoslab.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line: bad values are exit code 2 with a message naming the option. */
class LoadgenArgumentsTest {

  static Stream<Arguments> badArguments() {
    return Stream.of(
        bad("--rate", "--rate", "0"),
        bad("--rate", "--rate", "-5"),
        bad("--rate", "--rate", "abc"),
        bad("--rate", "--rate", "100001"),
        bad("--duration", "--duration", "5x"),
        bad("--duration", "--duration", "-5s"),
        bad("--duration", "--duration", "0s"),
        bad("--duration and --count", "--duration", "10s", "--count", "5"),
        bad("--count", "--count", "0"),
        bad("--count", "--count", "many"),
        bad("--warmup", "--warmup", "soon"),
        bad("--concurrency", "--concurrency", "0"),
        bad("--products", "--products", "keyboard:0"),
        bad("--products", "--products", "keyboard,mouse:-2"),
        bad("--products", "--products", "mouse:x"),
        bad("--products", "--products", "keyboard,,mouse"),
        bad("--products", "--products", "keyboard,keyboard:2"),
        bad("--quantity", "--quantity", "0"),
        bad("--quantity", "--quantity", "1001"),
        bad("--timeout", "--timeout", "0s"),
        bad("--timeout", "--timeout", "ten"),
        bad("--ledger-timeout", "--ledger-timeout", "1y"),
        bad("--max-error-percent", "--max-error-percent", "101"),
        bad("--max-error-percent", "--max-error-percent", "-1"),
        bad("--url", "--url", "localhost:5000"),
        bad("--url", "--url", "ftp://localhost:5000"),
        bad("--url", "--url", "http://local host:5000"),
        bad("--inventory-url", "--inventory-url", "http://"),
        bad("--seed", "--seed", "x"),
        bad("--no-such-option", "--no-such-option"));
  }

  private static Arguments bad(String named, String... args) {
    return Arguments.of(named, args);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badArguments")
  void aBadValueIsExitCode2WithAMessageNamingTheOption(String named, String[] args) {
    Loadgen.Result result = Loadgen.run(args);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err()).as(result.toString()).startsWith("loadgen: ").contains(named);
    assertThat(result.err()).contains("Try 'loadgen --help'");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void badValuesAreExplained() {
    assertThat(Loadgen.run("--rate", "0").err())
        .contains("--rate must be from 1 to 100000 orders/s, got 0");
    assertThat(Loadgen.run("--duration", "5x").err())
        .contains("'5x' is not a duration; write for example 500ms, 30s, 2m or 1h");
    assertThat(Loadgen.run("--products", "keyboard:0").err())
        .contains("the weight of 'keyboard' must be a whole number from 1 to 1000000, got '0'");
    assertThat(Loadgen.run("--url", "localhost:5000").err())
        .contains("--url must be an http:// or https:// URL such as http://localhost:5000");
  }

  @Test
  void helpDocumentsEveryOptionWithItsDefault() {
    Loadgen.Result help = Loadgen.run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out().replaceAll("\\s+", " ")) // whatever the line breaks
        .contains("--url=<orderUrl>", "default: http://localhost:5000")
        .contains("--inventory-url", "default: http://localhost:5001")
        .contains("--rate", "default: 100")
        .contains("--duration", "default: 30s")
        .contains("--count", "--warmup", "--concurrency", "default: 512")
        .contains("--products", "--quantity", "--timeout", "default: 10s")
        .contains("--seed", "--json", "--quiet", "--no-ledger", "--ledger-timeout", "default: 60s")
        .contains("--max-error-percent")
        .contains("nobody else orders the same products")
        .contains("Exit codes:")
        .contains("3 the ledger is broken");
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    Settings s = Loadgen.settings();

    assertThat(s.orderUrl()).isEqualTo("http://localhost:5000");
    assertThat(s.inventoryUrl()).isEqualTo("http://localhost:5001");
    assertThat(s.rate()).isEqualTo(100);
    assertThat(s.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.count()).isNull();
    assertThat(s.schedule().measuredRequests()).isEqualTo(3000);
    assertThat(s.warmup()).isZero();
    assertThat(s.concurrency()).isEqualTo(512);
    assertThat(s.products()).isNull();
    assertThat(s.quantity()).isEqualTo(1);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.ledger()).isTrue();
    assertThat(s.ledgerTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.maxErrorPercent()).isNull();
    assertThat(Loadgen.settings("--url", "http://shop:8080/").orderUrl())
        .isEqualTo("http://shop:8080");
  }
}
