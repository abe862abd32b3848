package io.chaoslab.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus on loopback, configured from the repository's {@code
 * monitoring/prometheus/prometheus.yml} with its rule files: the same jobs and target labels, the
 * targets moved to where a test runs them, scraping and evaluating every second so a test sees
 * rates within seconds. Targets of the file that the test does not run are left out.
 */
public final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START = Duration.ofSeconds(30);

  private final Process process;
  private final Path log;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, Path log, URI base) {
    this.process = process;
    this.log = log;
    this.base = base;
  }

  /**
   * Starts Prometheus with {@code monitoring}'s configuration.
   *
   * @param monitoring the repository's {@code monitoring/} directory
   * @param targets the file's target addresses the test runs, each to the address it runs on (e.g.
   *     {@code localhost:5000 -> 127.0.0.1:41231})
   * @param workDir where the configuration, the data and the log go
   */
  public static PrometheusServer start(Path monitoring, Map<String, String> targets, Path workDir) {
    Path binary = ExternalTool.PROMETHEUS.require();
    try {
      Path config = workDir.resolve("prometheus.yml");
      Files.writeString(config, YAML.writeValueAsString(config(monitoring, targets)));
      int port = freePort();
      Path log = workDir.resolve("prometheus.log");
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + workDir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PrometheusServer server =
          new PrometheusServer(process, log, URI.create("http://127.0.0.1:" + port));
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository's configuration, for this test: 1 s intervals, its targets, absolute paths. */
  static ObjectNode config(Path monitoring, Map<String, String> targets) throws IOException {
    Path file = monitoring.resolve("prometheus/prometheus.yml");
    ObjectNode config = (ObjectNode) YAML.readTree(file.toFile());
    ObjectNode global = (ObjectNode) config.get("global");
    global.put("scrape_interval", "1s");
    global.put("evaluation_interval", "1s");
    JsonNode ruleFiles = config.get("rule_files");
    ArrayNode rules = config.putArray("rule_files");
    for (JsonNode ruleFile : ruleFiles) {
      rules.add(
          file.getParent().resolve(ruleFile.asText()).normalize().toAbsolutePath().toString());
    }
    Iterator<JsonNode> jobs = config.get("scrape_configs").iterator();
    while (jobs.hasNext()) {
      ArrayNode statics = (ArrayNode) jobs.next().get("static_configs");
      Iterator<JsonNode> groups = statics.iterator();
      while (groups.hasNext()) {
        ObjectNode group = (ObjectNode) groups.next();
        ArrayNode moved = JSON.createArrayNode();
        group.get("targets").forEach(t -> moveTarget(t.asText(), targets, moved));
        if (moved.isEmpty()) {
          groups.remove();
        } else {
          group.set("targets", moved);
        }
      }
      if (statics.isEmpty()) {
        jobs.remove();
      }
    }
    return config;
  }

  private static void moveTarget(String target, Map<String, String> targets, ArrayNode moved) {
    String address = targets.get(target);
    if (address != null) {
      moved.add(address);
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(START);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Prometheus exited: " + logTail());
      }
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException("Prometheus not ready after " + START + ": " + logTail());
  }

  /** The scrape targets and their health, as {@code job instance health lastError} lines. */
  public List<String> targets() {
    List<String> lines = new ArrayList<>();
    for (JsonNode t : api("/api/v1/targets?state=active").get("activeTargets")) {
      lines.add(
          t.get("labels").get("job").asText()
              + " "
              + t.get("labels").get("instance").asText()
              + " "
              + t.get("health").asText()
              + " "
              + t.get("lastError").asText());
    }
    return lines;
  }

  /**
   * The instant vector {@code promql} evaluates to now: one element per series (metric labels and
   * value). A query Prometheus refuses (syntax, unknown function) throws with its error.
   */
  public List<JsonNode> query(String promql) {
    JsonNode data = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    List<JsonNode> series = new ArrayList<>();
    if ("vector".equals(data.get("resultType").asText())) {
      data.get("result").forEach(series::add);
    } else if ("scalar".equals(data.get("resultType").asText())) {
      series.add(data);
    }
    return series;
  }

  private JsonNode api(String pathAndQuery) {
    try {
      HttpResponse<String> response = get(pathAndQuery);
      JsonNode body = JSON.readTree(response.body());
      if (!"success".equals(body.path("status").asText())) {
        throw new IllegalArgumentException(
            "Prometheus refused " + pathAndQuery + ": " + body.path("error").asText());
      }
      return body.get("data");
    } catch (IOException e) {
      throw new UncheckedIOException("Prometheus did not answer " + pathAndQuery, e);
    }
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The last lines Prometheus logged, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    http.close();
  }
}
