package io.chaoslab.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoslab.common.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {
  @TempDir Path dir;

  private Settings parse(Map<String, String> env) {
    return Settings.from(env, dir.resolve("no-service-account"));
  }

  @Test
  void defaultsWatchEveryNamespaceWithoutLeaderElectionOn8080() {
    Settings settings = parse(Map.of());

    assertThat(settings.watchesAllNamespaces()).isTrue();
    assertThat(settings.leaderElection()).isEmpty();
    assertThat(settings.httpPort()).isEqualTo(8080);
  }

  @Test
  void watchNamespacesIsACommaListWithBlanksAndRepeatsDropped() {
    Settings settings = parse(Map.of("WATCH_NAMESPACES", " shop, chaos-1 ,,shop"));

    assertThat(settings.watchesAllNamespaces()).isFalse();
    assertThat(settings.watchNamespaces()).containsExactlyInAnyOrder("shop", "chaos-1");
  }

  @Test
  void leaderElectionUsesTheGivenNamespaceAndTheDefaultLease() {
    LeaderElectionSettings le =
        parse(Map.of("LEADER_ELECTION", "true", "LEADER_ELECTION_NAMESPACE", "ops"))
            .leaderElection()
            .orElseThrow();

    assertThat(le.namespace()).isEqualTo("ops");
    assertThat(le.leaseName()).isEqualTo("chaoslab-operator");
    assertThat(le.identity()).endsWith("-" + ProcessHandle.current().pid());
    assertThat(le.leaseDuration()).hasSeconds(15);
    assertThat(le.renewDeadline()).hasSeconds(10);
    assertThat(le.retryPeriod()).hasSeconds(2);
    assertThat(le.exitOnLostLease()).isTrue();
  }

  @Test
  void theLeaseNamespaceDefaultsToThePodsNamespace() throws IOException {
    Path serviceAccount = Files.writeString(dir.resolve("namespace"), "from-file\n");
    Map<String, String> on = Map.of("LEADER_ELECTION", "yes", "HOSTNAME", "operator-7d9f-x2x9q");

    LeaderElectionSettings fromFile = Settings.from(on, serviceAccount).leaderElection().get();
    assertThat(fromFile.namespace()).isEqualTo("from-file");
    assertThat(fromFile.identity()).startsWith("operator-7d9f-x2x9q-");

    Map<String, String> downwardApi = Map.of("LEADER_ELECTION", "1", "POD_NAMESPACE", "from-env");
    assertThat(Settings.from(downwardApi, serviceAccount).leaderElection().get().namespace())
        .isEqualTo("from-env");
  }

  @Test
  void leaderElectionOutsideAPodNeedsItsNamespace() {
    assertThatThrownBy(() -> parse(Map.of("LEADER_ELECTION", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "LEADER_ELECTION_NAMESPACE is required when LEADER_ELECTION is true outside a pod");
  }

  @Test
  void leaderElectionVariablesAreNotReadWhenItIsOff() {
    Settings settings =
        parse(Map.of("LEADER_ELECTION", "false", "LEADER_ELECTION_ID", "Not A Lease"));

    assertThat(settings.leaderElection()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          HTTP_PORT                 | eighty  | HTTP_PORT must be an integer between 0 and 65535, got 'eighty'
          HTTP_PORT                 | 70000   | HTTP_PORT must be an integer between 0 and 65535, got '70000'
          LEADER_ELECTION           | maybe   | LEADER_ELECTION must be true or false, got 'maybe'
          LOG_LEVEL                 | verbose | LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, got 'verbose'
          WATCH_NAMESPACES          | shop,Ops| WATCH_NAMESPACES must hold namespace names (lowercase letters, digits and '-', at most 63 characters), got 'Ops'
          WATCH_NAMESPACES          | a_b     | WATCH_NAMESPACES must hold namespace names (lowercase letters, digits and '-', at most 63 characters), got 'a_b'
          """)
  void aBadValueNamesTheVariableTheRuleAndTheValue(String name, String value, String message) {
    assertThatThrownBy(() -> parse(Map.of(name, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          LEADER_ELECTION_NAMESPACE | -ops     | LEADER_ELECTION_NAMESPACE must hold namespace names (lowercase letters, digits and '-', at most 63 characters), got '-ops'
          POD_NAMESPACE             | Ops      | POD_NAMESPACE must hold namespace names (lowercase letters, digits and '-', at most 63 characters), got 'Ops'
          LEADER_ELECTION_ID        | my_lease | LEADER_ELECTION_ID must be a Lease name (lowercase letters, digits, '-' and '.', at most 253 characters), got 'my_lease'
          """)
  void aBadLeaderElectionValueIsAnErrorWhenItIsOn(String name, String value, String message) {
    Map<String, String> env =
        new HashMap<>(Map.of("LEADER_ELECTION", "true", "POD_NAMESPACE", "ops"));
    env.put(name, value);
    assertThatThrownBy(() -> parse(env)).isInstanceOf(ConfigException.class).hasMessage(message);
  }
}
