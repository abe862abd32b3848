package io.chaoslab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chaoslab.testsupport.Command;
import io.chaoslab.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operator's Helm chart, with the real {@code helm}: lint, what {@code helm template} renders
 * for the values an installer changes, the Grafana dashboards and Prometheus rules it takes from
 * monitoring/ (also once packaged), the schema's refusal of typos, and NOTES.txt.
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
          List.of("serviceMonitor.enabled=true"),
          List.of("monitoring.dashboards.enabled=true", "monitoring.prometheusRule.enabled=true"));

  /** The sources the chart's files/ links to: the one copy of the dashboards and rules. */
  private static final Path DASHBOARDS = Command.REPO.resolve("monitoring/grafana/dashboards");

  private static final Path RULES = Command.REPO.resolve("monitoring/rules");
  private static final List<String> RULE_FILES = List.of("recording.rules.yml", "alerts.rules.yml");

  private static Command.Result helm(List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ExternalTool.HELM.require().toString());
    command.addAll(args);
    return Command.run(QUICK, command);
  }

  /** {@code helm template} with {@code --set} for each of {@code sets}: the rendered objects. */
  private static List<JsonNode> render(List<String> sets) throws IOException {
    return render(CHART, sets);
  }

  /** As {@link #render(List)}, of {@code chart}: a directory or a packaged {@code .tgz}. */
  private static List<JsonNode> render(String chart, List<String> sets) throws IOException {
    List<String> args = new ArrayList<>(List.of("template", "chaoslab", chart, "-n", NAMESPACE));
    sets.forEach(s -> args.addAll(List.of("--set", s)));
    Command.Result result = helm(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        YAML.readerFor(JsonNode.class).readValues(result.output())) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        // objects only: helm's log lines (the files/ links it follows) come first, as text
        if (doc != null && doc.isObject()) {
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
    assertThat(ofKind(objects, "ConfigMap")).as("no dashboards").isEmpty();
    assertThat(ofKind(objects, "PrometheusRule")).isEmpty();
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

  @Test
  void theChartsDashboardsAndRulesAreLinksToMonitoring() throws IOException {
    Path files = Command.REPO.resolve(CHART).resolve("files");

    for (var link : Map.of("dashboards", DASHBOARDS, "rules", RULES).entrySet()) {
      Path path = files.resolve(link.getKey());
      assertThat(path)
          .as("%s/files/%s: a link, never a copy", CHART, link.getKey())
          .isSymbolicLink();
      assertThat(path.toRealPath()).isEqualTo(link.getValue().toRealPath());
    }
  }

  @Test
  void dashboardsAreOneConfigMapEachForGrafanasSidecarByteForByte() throws IOException {
    List<JsonNode> objects =
        render(
            List.of(
                "monitoring.dashboards.enabled=true",
                "monitoring.dashboards.labels.team=sre",
                "monitoring.dashboards.annotations.grafana_folder=ChaosLab",
                "monitoring.dashboards.namespace=monitoring"));

    List<JsonNode> configMaps = ofKind(objects, "ConfigMap");
    assertThatDashboardsAreTheFiles(configMaps);
    for (JsonNode configMap : configMaps) {
      assertThat(configMap.at("/metadata/namespace").asText()).isEqualTo("monitoring");
      assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
      assertThat(configMap.at("/metadata/labels/team").asText()).isEqualTo("sre");
      assertThat(configMap.at("/metadata/annotations/grafana_folder").asText())
          .isEqualTo("ChaosLab");
    }
    assertThat(ofKind(objects, "PrometheusRule")).isEmpty();
    // by default: in the release's namespace, no annotations
    for (JsonNode configMap :
        ofKind(render(List.of("monitoring.dashboards.enabled=true")), "ConfigMap")) {
      assertThat(configMap.at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
      assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
      assertThat(configMap.at("/metadata").has("annotations")).isFalse();
    }
  }

  @Test
  void thePrometheusRuleHasTheRuleFilesGroupsWithTheirAlertTemplatesUntouched() throws IOException {
    List<JsonNode> objects =
        render(
            List.of(
                "monitoring.prometheusRule.enabled=true",
                "monitoring.prometheusRule.labels.release=kube-prometheus-stack"));

    List<JsonNode> rules = ofKind(objects, "PrometheusRule");
    assertThat(rules).hasSize(1);
    JsonNode rule = rules.get(0);
    assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.at("/metadata/namespace").asText()).isEqualTo(NAMESPACE);
    assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
    assertThatGroupsAreTheRuleFiles(rule);
    assertThat(ofKind(objects, "ConfigMap")).isEmpty();
  }

  @Test
  void thePackagedChartHasTheDashboardsAndRulesButNotTheRuleTests(@TempDir Path dir)
      throws IOException {
    Command.Result result = helm(List.of("package", CHART, "-d", dir.toString()));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    Path archive = dir.resolve("chaoslab-operator-0.1.0.tgz");

    Map<String, byte[]> packaged = TarGz.files(archive);
    String files = "chaoslab-operator/files/";
    for (var dashboard : dashboardFiles().entrySet()) {
      assertThat(packaged.get(files + "dashboards/" + dashboard.getKey()))
          .as(dashboard.getKey())
          .isEqualTo(dashboard.getValue());
    }
    for (String ruleFile : RULE_FILES) {
      assertThat(packaged.get(files + "rules/" + ruleFile))
          .as(ruleFile)
          .isEqualTo(Files.readAllBytes(RULES.resolve(ruleFile)));
    }
    assertThat(RULES.resolve("tests")).as("what .helmignore leaves out").isDirectory();
    assertThat(packaged.keySet()).noneMatch(p -> p.startsWith(files + "rules/tests"));
    // and the package, its links resolved, renders them as the directory does
    List<JsonNode> objects =
        render(
            archive.toString(),
            List.of(
                "monitoring.dashboards.enabled=true", "monitoring.prometheusRule.enabled=true"));
    assertThatDashboardsAreTheFiles(ofKind(objects, "ConfigMap"));
    assertThatGroupsAreTheRuleFiles(ofKind(objects, "PrometheusRule").get(0));
  }

  /** One ConfigMap per dashboard file, its one key the file's name, its value the file's bytes. */
  private static void assertThatDashboardsAreTheFiles(List<JsonNode> configMaps)
      throws IOException {
    Map<String, byte[]> expected = dashboardFiles();
    Map<String, byte[]> rendered = new TreeMap<>();
    for (JsonNode configMap : configMaps) {
      JsonNode data = configMap.path("data");
      assertThat(data.size()).as("%s: one dashboard", configMap.at("/metadata/name")).isEqualTo(1);
      String name = data.fieldNames().next();
      rendered.put(name, data.path(name).asText().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(rendered.keySet()).isEqualTo(expected.keySet()).isNotEmpty();
    for (String name : expected.keySet()) {
      assertThat(rendered.get(name)).as(name).isEqualTo(expected.get(name));
    }
  }

  /**
   * The groups of recording.rules.yml then alerts.rules.yml, as parsed; and the alerts' templates
   * ({@code {{ $labels.x }}}) are still there, for Prometheus to expand and not Helm.
   */
  private static void assertThatGroupsAreTheRuleFiles(JsonNode prometheusRule) throws IOException {
    ArrayNode expected = YAML.createArrayNode();
    for (String ruleFile : RULE_FILES) {
      expected.addAll((ArrayNode) YAML.readTree(RULES.resolve(ruleFile).toFile()).path("groups"));
    }
    JsonNode groups = prometheusRule.at("/spec/groups");

    assertThat(expected.size()).as("a group or more per file").isGreaterThanOrEqualTo(2);
    assertThat(groups).isEqualTo(expected);
    List<String> summaries = new ArrayList<>();
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          summaries.add(rule.at("/annotations/summary").asText());
        }
      }
    }
    assertThat(summaries).isNotEmpty().anyMatch(summary -> summary.contains("{{ $labels."));
    assertThat(groups.toString()).contains("{{ $labels.namespace }}", "{{ $value");
  }

  private static Map<String, byte[]> dashboardFiles() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(DASHBOARDS)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".json")).toList()) {
        files.put(path.getFileName().toString(), Files.readAllBytes(path));
      }
    }
    return files;
  }

  @ParameterizedTest
  @CsvSource({
    "replicaCont=2, '', replicaCont",
    "image.tga=1.0, /image, tga",
    "serviceMonitor.enable=true, /serviceMonitor, enable",
    "resources.limits.cpus=2, /resources/limits, cpus",
    "monitoring.dashboard.enabled=true, /monitoring, dashboard",
    "monitoring.prometheusRules.enabled=true, /monitoring, prometheusRules",
    "monitoring.prometheusRule.label.release=kps, /monitoring/prometheusRule, label",
  })
  void aTypoInValuesIsRejected(String set, String at, String key) throws IOException {
    Command.Result result = helm(List.of("template", "chaoslab", CHART, "--set", set));

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.output())
        .contains("at '" + at + "': additional properties '" + key + "' not allowed");
  }

  @ParameterizedTest
  @CsvSource({
    "logLevel=VERBOSE, /logLevel",
    "monitoring.dashboards.enabled=yes, /monitoring/dashboards/enabled",
    "monitoring.dashboards.labels.grafana_dashboard=1, /monitoring/dashboards/labels",
    "monitoring.dashboards.annotations=ChaosLab, /monitoring/dashboards/annotations",
    "monitoring.dashboards.namespace=Monitoring, /monitoring/dashboards/namespace",
    "monitoring.prometheusRule.enabled=1, /monitoring/prometheusRule/enabled",
    "monitoring.prometheusRule.labels.release=true, /monitoring/prometheusRule/labels",
  })
  void aWrongValueIsRejected(String set, String at) throws IOException {
    Command.Result result = helm(List.of("template", "chaoslab", CHART, "--set", set));

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.output()).contains("at '" + at);
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
