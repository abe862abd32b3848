package io.chaoslab.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chaoslab.common.testing.TestHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service process as Kubernetes runs it: bad configuration, SIGTERM, JSON logs. */
class ServiceLauncherTest {

  private static Process launch(Map<String, String> env, Path output) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                LauncherFixtureMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static List<JsonNode> jsonLines(Path output) throws IOException {
    return Files.readAllLines(output).stream()
        .map(line -> new TestHttp.Response(0, line, "").json())
        .toList();
  }

  @Test
  void invalidConfigurationExitsWithCode2AndOneClearLine(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("out.log");
    Process process = launch(Map.of("PORT", "not-a-port"), output);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isEqualTo(2);
    List<JsonNode> lines = jsonLines(output);
    assertThat(lines).hasSize(1);
    assertThat(lines.getFirst().get("level").asText()).isEqualTo("ERROR");
    assertThat(lines.getFirst().get("message").asText())
        .contains("PORT must be an integer between 0 and 65535, got 'not-a-port'");
    assertThat(lines.getFirst().has("stack_trace")).isFalse();
  }

  @Test
  void sigtermStopsGracefullyAndEveryLogLineIsJson(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path output = dir.resolve("out.log");
    Process process =
        launch(Map.of("PORT", String.valueOf(port), "SHUTDOWN_DRAIN_MS", "300"), output);
    String url = "http://localhost:" + port;
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> TestHttp.get(url + "/health").status() == 200);
    } finally {
      process.destroy();
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("the JVM's exit code after SIGTERM").isEqualTo(143);

    List<String> messages = jsonLines(output).stream().map(l -> l.get("message").asText()).toList();
    assertThat(messages)
        .contains("listening", "stopped")
        .anyMatch(m -> m.startsWith("stopping: /ready now answers 503"));
  }
}
