package io.chaoslab.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.testing.FakeWorkload;
import io.chaoslab.operator.testing.FakeWorkloads;
import io.chaoslab.operator.testing.Kubectl;
import io.chaoslab.operator.testing.MockCluster;
import io.chaoslab.operator.testing.MockOperator;
import io.chaoslab.operator.testing.PodLifecycle;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * "Jenkins waits on CR status": the pipeline's own {@code ci/wait-and-report.sh}, with the real
 * kubectl, against the real operator on the mock API server, the fixture playing the cluster. The
 * script waits for {@code Complete}, reads {@code Succeeded}, writes JUnit XML in the format
 * Jenkins' JUnit plugin reads (validated against an XSD of it) and exits 0 only for Passed.
 */
class WaitAndReportTest {
  private static final Path SCRIPTS = Path.of("../ci");
  private static final Duration SCRIPT_DEADLINE = Duration.ofSeconds(90);

  @TempDir Path dir;
  private MockCluster cluster;
  private Kubectl kubectl;
  private KubernetesClient client;
  private MockOperator.Running operator;
  private FakeWorkloads workloads;
  private FakeWorkload order;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    kubectl = cluster.kubectl();
    client = cluster.client();
    operator = MockOperator.start(client, new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    if (workloads != null) {
      workloads.close();
    }
    operator.close();
    cluster.close();
  }

  @Test
  void aPassedExperimentIsAPassingTestcaseTimedByItsRecovery() throws Exception {
    shop(true, PodLifecycle.delaysMillis(50, 100, 200, 300, 350));
    apply(experiment("kill-order", "slo: {maxRecoverySeconds: 30}", 60));

    Run run = waitAndReport("--timeout", "30s", "kill-order");

    assertThat(run.exitCode()).as(run.output()).isZero();
    ChaosExperimentStatus status = status("kill-order");
    assertThat(status.getPhase().name()).isEqualTo("Passed");
    Element testcase = onlyTestcase(run.junit(), 0);
    assertThat(testcase.getAttribute("name")).isEqualTo("kill-order");
    assertThat(testcase.getAttribute("classname")).isEqualTo("chaos.shop");
    assertThat(Double.parseDouble(testcase.getAttribute("time")))
        .isEqualTo(status.getRecovery().getMaxSeconds(), within(0.0005))
        .isBetween(0.25, 5.0); // the fixture's replacement turns Ready 300 ms after the kill
    assertThat(testcase.getElementsByTagName("failure").getLength()).isZero();
    assertThat(text(testcase, "system-out"))
        .contains("phase Passed (SloMet)", status.getMessage(), "round 1: ")
        .contains(status.getKills().getFirst().getPod());
    assertThat(run.output()).contains("kill-order: Passed");

    // and the pipeline's next step archives the experiment and its timeline
    Path artifacts = dir.resolve("artifacts");
    Run archived = script("archive.sh", null, List.of("-n", "shop", "--dir", artifacts.toString()));
    assertThat(archived.exitCode()).as(archived.output()).isZero();
    assertThat(artifacts.resolve("experiments/kill-order.yaml"))
        .content()
        .contains("name: kill-order", "phase: Passed", "recoverySeconds: ");
    assertThat(artifacts.resolve("experiments/kill-order.timeline.txt"))
        .content()
        .startsWith("round 1: " + status.getKills().getFirst().getPod() + " killed at ")
        .contains("recovered in ");
    assertThat(artifacts.resolve("cluster/shopstacks.yaml")).content().contains("name: demo");
  }

  @Test
  void aMissedSloIsAFailureWithTheExperimentsMessage() throws Exception {
    shop(true, PodLifecycle.delaysMillis(100, 200, 400, 700, 750));
    apply(experiment("kill-order-strict", "slo: {maxRecoverySeconds: 0.1}", 60));

    Run run = waitAndReport("--timeout", "30s", "kill-order-strict");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    ChaosExperimentStatus status = status("kill-order-strict");
    assertThat(status.getPhase().name()).isEqualTo("Failed");
    Element testcase = onlyTestcase(run.junit(), 1);
    Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("SloMissed");
    assertThat(failure.getAttribute("message"))
        .startsWith("Failed (SloMissed): ")
        .contains(status.getMessage());
    assertThat(failure.getTextContent()).contains(status.getMessage(), "round 1: ");
    assertThat(Double.parseDouble(testcase.getAttribute("time")))
        .isEqualTo(status.getRecovery().getMaxSeconds(), within(0.0005))
        .isGreaterThan(0.1);
  }

  @Test
  void anExperimentThatCouldNotRunIsAFailure() throws Exception {
    shop(false, PodLifecycle.FAST); // the namespace is not labelled chaoslab.io/chaos=enabled
    apply(experiment("kill-order", "slo: {maxRecoverySeconds: 30}", 60));

    Run run = waitAndReport("--timeout", "30s", "kill-order");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(status("kill-order").getPhase().name()).isEqualTo("Error");
    Element failure =
        (Element) onlyTestcase(run.junit(), 1).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("NamespaceNotEnabled");
    assertThat(failure.getAttribute("message")).startsWith("Error (NamespaceNotEnabled): ");
    assertThat(order.kills()).as("pods killed").isEmpty();
  }

  @Test
  void anExperimentStillRunningAtTheScriptsTimeoutIsAFailure() throws Exception {
    shop(true, PodLifecycle.delaysMillis(50, 100, 150, 200, 250).neverReadyReplacement());
    apply(experiment("kill-order", "slo: {maxRecoverySeconds: 30}", 120));

    Run run = waitAndReport("--timeout", "3s", "kill-order");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.elapsed()).isLessThan(Duration.ofSeconds(20));
    assertThat(status("kill-order").getPhase().name()).isEqualTo("Running");
    Element failure =
        (Element) onlyTestcase(run.junit(), 1).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("NotComplete");
    assertThat(failure.getAttribute("message"))
        .startsWith("not Complete after waiting 3s in all (--timeout 3s): phase Running so far");
    assertThat(failure.getTextContent()).containsPattern("round 1: demo-order-\\S+ killed at ");
    assertThat(failure.getTextContent()).contains("not Ready (yet)");
    assertThat(run.output()).contains("kill-order: not Complete after waiting 3s");
  }

  @Test
  void allReportsEveryExperimentOfTheNamespaceAndFailsIfOneFailed() throws Exception {
    shop(true, PodLifecycle.delaysMillis(100, 200, 400, 700, 750));
    // two components, so neither experiment's kill meets the other's disruption budget
    apply(experiment("kill-order", "order", "slo: {maxRecoverySeconds: 30}", 60));
    apply(experiment("kill-inventory-strict", "inventory", "slo: {maxRecoverySeconds: 0.1}", 60));

    Run run = waitAndReport("--timeout", "60s", "--all");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    Document junit = run.junit();
    Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    NodeList cases = junit.getElementsByTagName("testcase");
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element testcase = (Element) cases.item(i);
      outcomes.add(
          testcase.getAttribute("name")
              + "="
              + (testcase.getElementsByTagName("failure").getLength() == 0 ? "pass" : "fail"));
    }
    assertThat(outcomes).containsExactlyInAnyOrder("kill-order=pass", "kill-inventory-strict=fail");
  }

  @Test
  void badUsageIsRefusedBeforeWaiting() throws Exception {
    Run noName = waitAndReport();
    Run both = waitAndReport("--all", "kill-order");
    Run badTimeout = waitAndReport("--timeout", "soon", "kill-order");

    assertThat(noName.exitCode()).isEqualTo(2);
    assertThat(noName.output()).contains("no experiment to wait for");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(badTimeout.exitCode()).isEqualTo(2);
    assertThat(badTimeout.output()).contains("--timeout 'soon' is not a duration");
  }

  @Test
  void theSchemaRefusesWhatJenkinsCouldNotRead() throws IOException {
    Path good = dir.resolve("good.xml");
    Files.writeString(good, JUNIT.formatted("failures=\"0\" errors=\"0\"", "0.35"));
    Path badTime = dir.resolve("bad-time.xml");
    Files.writeString(badTime, JUNIT.formatted("failures=\"0\" errors=\"0\"", "n/a"));
    Path noCounts = dir.resolve("no-counts.xml");
    Files.writeString(noCounts, JUNIT.formatted("", "0.35"));

    assertThatCode(() -> validate(good)).doesNotThrowAnyException();
    assertThatThrownBy(() -> validate(badTime)).hasMessageContaining("n/a");
    assertThatThrownBy(() -> validate(noCounts)).hasMessageContaining("failures");
  }

  private static final String JUNIT =
      """
      <testsuites><testsuite name="chaos.shop" tests="1" %s>
        <testcase classname="chaos.shop" name="kill-order" time="%s"/>
      </testsuite></testsuites>
      """;

  /** Validates {@code junit} against the JUnit format Jenkins reads (an XSD in test resources). */
  private static void validate(Path junit) throws SAXException, IOException {
    URL xsd = WaitAndReportTest.class.getResource("/pipeline/jenkins-junit.xsd");
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(xsd)
        .newValidator()
        .validate(new StreamSource(junit.toFile()));
  }

  /**
   * Namespace shop (labelled for chaos or not), the example ShopStack, and its order and inventory
   * pods played with {@code lifecycle}.
   */
  private void shop(boolean chaosEnabled, PodLifecycle lifecycle) {
    kubectl.applyNamespace("shop");
    if (chaosEnabled) {
      kubectl.run("label", "namespace", "shop", "chaoslab.io/chaos=enabled").requireSuccess();
    }
    kubectl
        .run("apply", "--validate=false", "-f", "../crds/examples/shopstack.yaml")
        .requireSuccess();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> client.apps().deployments().inNamespace("shop").list().getItems().size() == 3);
    workloads = FakeWorkloads.start(client);
    order = workloads.deployment("shop", "demo-order").lifecycle(lifecycle).start();
    workloads.deployment("shop", "demo-inventory").lifecycle(lifecycle).start();
  }

  private static String experiment(String name, String slo, int timeoutSeconds) {
    return experiment(name, "order", slo, timeoutSeconds);
  }

  private static String experiment(String name, String component, String slo, int timeoutSeconds) {
    return """
        apiVersion: chaoslab.io/v1alpha1
        kind: ChaosExperiment
        metadata: {name: %s, namespace: shop}
        spec:
          target: {shopStack: demo, component: %s}
          action: pod-kill
          seed: 42
          %s
          timeoutSeconds: %d
        """
        .formatted(name, component, slo, timeoutSeconds);
  }

  private void apply(String yaml) {
    kubectl.runWithInput(yaml, "apply", "--validate=false", "-f", "-").requireSuccess();
  }

  private ChaosExperimentStatus status(String name) {
    return client
        .resources(ChaosExperiment.class)
        .inNamespace("shop")
        .withName(name)
        .get()
        .getStatus();
  }

  private record Run(int exitCode, String output, Path junitFile, Duration elapsed) {
    /** The JUnit XML, validated against the plugin's schema first. */
    Document junit() throws Exception {
      assertThat(junitFile).as(output).exists();
      validate(junitFile);
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return factory.newDocumentBuilder().parse(junitFile.toFile());
    }
  }

  /** Runs wait-and-report as a pipeline stage would, with kubectl set up for the mock cluster. */
  private Run waitAndReport(String... args) throws IOException, InterruptedException {
    Path junit = dir.resolve("out/chaos-junit.xml");
    List<String> options = new ArrayList<>(List.of("-n", "shop", "--junit", junit.toString()));
    options.addAll(List.of(args));
    return script("wait-and-report.sh", junit, options);
  }

  private Run script(String name, Path junit, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(name).toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(kubectl.environment());
    Path log = Files.createTempFile(dir, name, ".log");
    builder.redirectOutput(log.toFile());
    long started = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(SCRIPT_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          name + " still running after " + SCRIPT_DEADLINE + ":\n" + read(log));
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    return new Run(process.exitValue(), read(log), junit, elapsed);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Element onlyTestcase(Document junit, int failures) {
    Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("1");
    assertThat(suite.getAttribute("failures")).isEqualTo(String.valueOf(failures));
    NodeList cases = junit.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(1);
    return (Element) cases.item(0);
  }

  private static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent();
  }
}
