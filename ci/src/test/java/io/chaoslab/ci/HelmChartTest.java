package io.chaoslab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chaoslab.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator's Helm chart, with the real {@code helm}: lint, what {@code helm template} renders
 * for the values an installer changes, the schema's refusal of typos, and NOTES.txt.
 */
class HelmChartTest {
  private static final String CHART = "helm/chaoslab-operator";
  private static final String NAMESPACE = "chaoslab-system";
  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The value sets the tests render: defaults, and each switch an installer is likely to flip. */
  private static final List<List<String>> VARIANTS =
      List.of(
          List.of(),
          List.of("replicaCount=2"),
          List.of("watchNamespaces={shop-a,shop-b}"),
          List.of("serviceMonitor.enabled=true"));

  private static Command.Result helm(List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ExternalTool.HELM.require().toString());
    command.addAll(args);
    return Command.run(QUICK, command);
  }

  /** {@code helm template} with {@code --set} for each of {@code sets}: the rendered objects. */
  private static List<JsonNode> render(List<String> sets) throws IOException {
    List<String> args = new ArrayList<>(List.of("template", "chaoslab", CHART, "-n", NAMESPACE));
    sets.forEach(s -> args.addAll(List.of("--set", s)));
    Command.Result result = helm(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        YAML.readerFor(JsonNode.class).readValues(result.output())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
          objects.add(doc);
        }
      }
    }
    return objects;
  }

  private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  private static JsonNode container(List<JsonNode> objects) {
    List<JsonNode> deployments = ofKind(objects, "Deployment");
    assertThat(deployments).hasSize(1);
    JsonNode containers = deployments.get(0).at("/spec/template/spec/containers");
    assertThat(containers.size()).isEqualTo(1);
    return containers.get(0);
  }

  /** The container's environment: name to value, or to "fieldRef:PATH" for a downward-API value. */
  private static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new TreeMap<>();
    for (JsonNode var : container.path("env")) {
      String fieldRef = var.at("/valueFrom/fieldRef/fieldPath").asText("");
      env.put(
          var.path("name").asText(),
          fieldRef.isEmpty() ? var.path("value").asText() : "fieldRef:" + fieldRef);
    }
    return env;
  }

  @Test
  void lintIsCleanEvenStrict() throws IOException {
    for (List<String> variant : VARIANTS) {
      List<String> args = new ArrayList<>(List.of("lint", "--strict", CHART));
      variant.forEach(s -> args.addAll(List.of("--set", s)));

      Command.Result result = helm(args);

      assertThat(result.exitCode()).as("%s: %s", variant, result).isZero();
      assertThat(result.output()).as("%s", variant).doesNotContain("[WARNING]", "[ERROR]");
    }
  }

  @Test
  void defaultsRunOneReplicaOfTheAppVersionWatchingAllNamespaces() throws IOException {
    List<JsonNode> objects = render(List.of());
    JsonNode container = container(objects);

    assertThat(container.path("image").asText()).isEqualTo("chaoslab/operator:0.1.0");
    assertThat(container.path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(ofKind(objects, "Deployment").get(0).at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(env(container))
        .containsEntry("WATCH_NAMESPACES", "")
        .containsEntry("LOG_LEVEL", "INFO")
        .containsEntry("HTTP_PORT", "8080")
        .doesNotContainKeys("LEADER_ELECTION", "LEADER_ELECTION_NAMESPACE");
    // all namespaces: the reconcilers' rules cluster-wide, no Role anywhere, no Lease rights
    assertThat(ofKind(objects, "ClusterRole"))
        .extracting(o -> o.at("/metadata/name").asText())
        .containsExactlyInAnyOrder(
            "chaoslab-chaoslab-operator", "chaoslab-chaoslab-operator-cluster");
    assertThat(ofKind(objects, "Role")).isEmpty();
    assertThat(ofKind(objects, "ServiceMonitor")).isEmpty();
  }

  @Test
  void moreThanOneReplicaElectsALeaderInTheReleaseNamespace() throws IOException {
    List<JsonNode> objects = render(List.of("replicaCount=2"));

    assertThat(env(container(objects)))
        .containsEntry("LEADER_ELECTION", "true")
        .containsEntry("LEADER_ELECTION_NAMESPACE", "fieldRef:metadata.namespace")
        .containsEntry("LEADER_ELECTION_ID", "chaoslab-chaoslab-operator");
    List<JsonNode> roles = ofKind(objects, "Role");
    assertThat(roles).hasSize(1);
    assertThat(roles.get(0).at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
    assertThat(rules(roles.get(0)))
        .containsExactlyInAnyOrder(
            "coordination.k8s.io/leases create", "coordination.k8s.io/leases get update patch");
    // the lease's name in the Role is the one the operator is told to use
    assertThat(roles.get(0).at("/rules/1/resourceNames/0").asText())
        .isEqualTo("chaoslab-chaoslab-operator");
  }

  @Test
  void listedNamespacesGetOneRoleEachAndNothingClusterWideButReads() throws IOException {
    List<JsonNode> objects = render(List.of("watchNamespaces={shop-a,shop-b}"));
    List<String> clusterWide =
        rules(
            ofKind(render(List.of()), "ClusterRole").stream()
                .filter(r -> !r.at("/metadata/name").asText().endsWith("-cluster"))
                .findFirst()
                .orElseThrow());

    assertThat(env(container(objects))).containsEntry("WATCH_NAMESPACES", "shop-a,shop-b");
    List<JsonNode> roles = ofKind(objects, "Role");
    assertThat(roles)
        .extracting(r -> r.at("/metadata/namespace").asText())
        .containsExactlyInAnyOrder("shop-a", "shop-b");
    for (JsonNode role : roles) {
      assertThat(rules(role)).as("the same rules as cluster-wide").isEqualTo(clusterWide);
    }
    assertThat(ofKind(objects, "RoleBinding"))
        .extracting(b -> b.at("/metadata/namespace").asText())
        .containsExactlyInAnyOrder("shop-a", "shop-b");
    List<JsonNode> clusterRoles = ofKind(objects, "ClusterRole");
    assertThat(clusterRoles).hasSize(1);
    assertThat(rules(clusterRoles.get(0)))
        .containsExactlyInAnyOrder(
            "/namespaces get", "apiextensions.k8s.io/customresourcedefinitions get");
    for (JsonNode rule : clusterRoles.get(0).path("rules")) {
      assertThat(rule.path("resourceNames").isEmpty())
          .as("cluster-wide reads are limited by name: %s", rule)
          .isFalse();
    }
    assertThat(clusterRoles.get(0).at("/rules/0/resourceNames").toString())
        .isEqualTo("[\"shop-a\",\"shop-b\"]");
  }

  @Test
  void serviceMonitorScrapesTheMetricsServiceHonouringItsLabelsWhenEnabled() throws IOException {
    List<JsonNode> objects = render(List.of("serviceMonitor.enabled=true"));

    List<JsonNode> monitors = ofKind(objects, "ServiceMonitor");
    assertThat(monitors).hasSize(1);
    JsonNode monitor = monitors.get(0);
    JsonNode service = ofKind(objects, "Service").get(0);
    assertThat(monitor.at("/spec/selector/matchLabels"))
        .isEqualTo(service.at("/spec/selector"))
        .isEqualTo(ofKind(objects, "Deployment").get(0).at("/spec/selector/matchLabels"));
    assertThat(monitor.at("/spec/endpoints/0/port").asText())
        .isEqualTo(service.at("/spec/ports/0/name").asText());
    assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    // the chaos and ShopStack metrics' own `namespace` label, not renamed to exported_namespace
    assertThat(monitor.at("/spec/endpoints/0/honorLabels").isBoolean()).isTrue();
    assertThat(monitor.at("/spec/endpoints/0/honorLabels").asBoolean()).isTrue();
  }

  @Test
  void everyContainerHasResourcesProbesAndTheRestrictedSecurityContext() throws IOException {
    for (List<String> variant : VARIANTS) {
      for (JsonNode pod : podSpecs(render(variant))) {
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as("%s", variant).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText())
            .isEqualTo("RuntimeDefault");
        for (JsonNode c : pod.path("containers")) {
          String what = variant + " " + c.path("name").asText();
          for (String path :
              List.of(
                  "/resources/requests/cpu",
                  "/resources/requests/memory",
                  "/resources/limits/cpu",
                  "/resources/limits/memory",
                  "/livenessProbe/httpGet/path",
                  "/readinessProbe/httpGet/path")) {
            assertThat(c.at(path).isMissingNode()).as("%s has %s", what, path).isFalse();
          }
          assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
          assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
          JsonNode sc = c.path("securityContext");
          assertThat(sc.path("runAsNonRoot").asBoolean()).as(what).isTrue();
          assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).as(what).isTrue();
          assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).as(what).isFalse();
          assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
          assertThat(sc.at("/capabilities/drop").toString()).as(what).isEqualTo("[\"ALL\"]");
          assertThat(sc.path("capabilities").has("add")).as(what).isFalse();
          assertThat(sc.at("/seccompProfile/type").asText()).as(what).isEqualTo("RuntimeDefault");
        }
      }
    }
  }

  @Test
  void rbacHasNoWildcards() throws IOException {
    for (List<String> variant : VARIANTS) {
      for (JsonNode object : render(variant)) {
        for (JsonNode rule : object.path("rules")) {
          assertThat(rule.toString()).as("%s: %s", variant, rule).doesNotContain("\"*\"");
        }
      }
    }
  }

  @Test
  void theChartsCrdsAreTheGeneratedOnes() throws IOException {
    Path generated = Command.REPO.resolve("crds");
    Path chart = Command.REPO.resolve(CHART).resolve("crds");
    Set<String> generatedNames = yamlNames(generated);

    assertThat(yamlNames(chart)).isEqualTo(generatedNames).isNotEmpty();
    for (String name : generatedNames) {
      assertThat(Files.readAllBytes(chart.resolve(name)))
          .as("%s/crds/%s differs from crds/%s: cp crds/*.yml %s/crds/", CHART, name, name, CHART)
          .isEqualTo(Files.readAllBytes(generated.resolve(name)));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "replicaCont=2, '', replicaCont",
    "image.tga=1.0, /image, tga",
    "serviceMonitor.enable=true, /serviceMonitor, enable",
    "resources.limits.cpus=2, /resources/limits, cpus",
  })
  void aTypoInValuesIsRejected(String set, String at, String key) throws IOException {
    Command.Result result = helm(List.of("template", "chaoslab", CHART, "--set", set));

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.output())
        .contains("at '" + at + "': additional properties '" + key + "' not allowed");
  }

  @Test
  void aWrongValueIsRejected() throws IOException {
    Command.Result result =
        helm(List.of("template", "chaoslab", CHART, "--set", "logLevel=VERBOSE"));

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.output()).contains("/logLevel");
  }

  @Test
  void notesSayWhatToApplyNextAndTheFilesExist() throws IOException {
    Command.Result result =
        helm(
            List.of(
                "install",
                "chaoslab",
                CHART,
                "-n",
                NAMESPACE,
                "--dry-run=client",
                "--set",
                "replicaCount=2",
                "--set",
                "watchNamespaces={shop-a}"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String notes = result.output().substring(result.output().indexOf("NOTES:"));
    assertThat(notes)
        .contains("deployment/chaoslab-chaoslab-operator")
        .contains("the namespaces shop-a")
        .contains("2 replicas")
        .contains("chaoslab.io/chaos=enabled");
    Matcher applied = Pattern.compile("kubectl apply -n \\S+ -f (\\S+)").matcher(notes);
    int files = 0;
    while (applied.find()) {
      files++;
      assertThat(Command.REPO.resolve(applied.group(1))).as("NOTES.txt applies it").isRegularFile();
    }
    assertThat(files).isEqualTo(2);
  }

  /** Each rule as "group/resource,... verb ...", in the rendered order. */
  private static List<String> rules(JsonNode role) {
    List<String> rules = new ArrayList<>();
    for (JsonNode rule : role.path("rules")) {
      List<String> resources = new ArrayList<>();
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          resources.add(group.asText() + "/" + resource.asText());
        }
      }
      List<String> verbs = new ArrayList<>();
      rule.path("verbs").forEach(v -> verbs.add(v.asText()));
      rules.add(String.join(",", resources) + " " + String.join(" ", verbs));
    }
    return rules;
  }

  private static List<JsonNode> podSpecs(List<JsonNode> objects) {
    List<JsonNode> pods = new ArrayList<>();
    for (JsonNode object : objects) {
      JsonNode pod = object.at("/spec/template/spec");
      if (pod.has("containers")) {
        pods.add(pod);
      }
    }
    assertThat(pods).isNotEmpty();
    return pods;
  }

  private static Set<String> yamlNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return new java.util.TreeSet<>(
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
              .toList());
    }
  }
}
