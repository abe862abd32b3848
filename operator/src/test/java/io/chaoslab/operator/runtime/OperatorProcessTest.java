package io.chaoslab.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code OperatorMain} as its own JVM, as a pod runs it, on the mock API server through a
 * kubeconfig (the way it runs from a laptop): exit statuses, SIGTERM on the leader, JSON logs.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class OperatorProcessTest {
  private static final String POD = "chaoslab-operator-5d8c7-x2x9q";
  private static final Duration WAIT = Duration.ofSeconds(30);

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;
  private Process process;

  @AfterEach
  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private Process startOperator(Map<String, String> env) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx256m",
                // The production logging configuration, not the tests' one.
                "-Dlogback.configurationFile=logback.xml",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "io.chaoslab.operator.OperatorMain")
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile());
    builder
        .environment()
        .keySet()
        .removeIf(
            k ->
                k.startsWith("KUBE")
                    || k.startsWith("LEADER_ELECTION")
                    || List.of("WATCH_NAMESPACES", "POD_NAMESPACE", "HTTP_PORT", "LOG_LEVEL")
                        .contains(k));
    builder.environment().putAll(env);
    process = builder.start();
    return process;
  }

  /** A leader-electing operator on the mock API server, as pod {@link #POD} in namespace ops. */
  private Process startLeader(int httpPort) throws IOException {
    MockApiServer.allowLeases(server);
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: mock, cluster: {server: "%s"}}]
            users: [{name: tester, user: {token: not-checked}}]
            contexts: [{name: mock, context: {cluster: mock, user: tester}}]
            current-context: mock
            """
                .formatted(server.url("/").replaceAll("/$", "")));
    return startOperator(
        Map.of(
            "KUBECONFIG",
            kubeconfig.toString(),
            "HOSTNAME",
            POD,
            "POD_NAMESPACE",
            "ops",
            "LEADER_ELECTION",
            "true",
            "HTTP_PORT",
            String.valueOf(httpPort)));
  }

  private Optional<String> leaseHolder() {
    Lease lease = client.leases().inNamespace("ops").withName("chaoslab-operator").get();
    return Optional.ofNullable(lease).map(l -> l.getSpec().getHolderIdentity());
  }

  private List<String> lines(String file) throws IOException {
    return Files.readAllLines(dir.resolve(file));
  }

  private List<JsonNode> jsonLogLines() throws IOException {
    ObjectMapper json = new ObjectMapper();
    return lines("stdout.txt").stream()
        .map(
            line -> {
              try {
                return json.readTree(line);
              } catch (IOException e) {
                throw new UncheckedIOException("not a JSON log line: " + line, e);
              }
            })
        .toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void invalidConfigurationExitsWith2AndOneLineOnStderr() throws Exception {
    startOperator(Map.of("HTTP_PORT", "eighty"));

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(lines("stderr.txt"))
        .containsExactly(
            "chaoslab-operator: invalid configuration: HTTP_PORT must be an integer between 0 and"
                + " 65535, got 'eighty'");
    assertThat(lines("stdout.txt")).isEmpty();
  }

  @Test
  void sigtermStopsTheLeaderWhichHandsTheLeaseBackAndExits143() throws Exception {
    int port = freePort();
    startLeader(port);
    String identity = POD + "-" + process.pid();
    await().atMost(WAIT).until(() -> leaseHolder().equals(Optional.of(identity)));
    await().atMost(WAIT).ignoreExceptions().until(() -> get(port, "/readyz").statusCode() == 200);
    assertThat(get(port, "/metrics").body()).contains("chaoslab_operator_leader 1.0");

    process.destroy();

    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
    assertThat(process.exitValue()).as("the JVM's status after SIGTERM").isEqualTo(143);
    assertThat(leaseHolder()).as("lease holder after the leader stopped").isEmpty();
    List<JsonNode> logs = jsonLogLines();
    assertThat(logs)
        .extracting(l -> l.get("message").asText())
        .contains(
            "operator started",
            "leading: this replica reconciles",
            "released the lease",
            "operator stopped");
    assertThat(logs).extracting(l -> l.get("level").asText()).doesNotContain("ERROR");
  }

  @Test
  void aLeaderThatLosesItsLeaseExitsWith1() throws Exception {
    startLeader(freePort());
    await().atMost(WAIT).until(() -> leaseHolder().isPresent());

    MockApiServer.takeLease(client, "ops", "chaoslab-operator");

    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s").isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(jsonLogLines())
        .anySatisfy(
            l -> {
              assertThat(l.get("level").asText()).isEqualTo("ERROR");
              assertThat(l.get("message").asText()).startsWith("lost the lease");
            });
    assertThat(leaseHolder()).contains("usurper");
  }
}
