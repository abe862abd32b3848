package io.chaoslab.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chaoslab.operator.api.chaos.Action;
import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ShopComponent;
import io.chaoslab.operator.api.shopstack.ShopStack;
import io.chaoslab.operator.shopstack.ShopStackReconciler;
import io.chaoslab.operator.testing.Experiments;
import io.chaoslab.operator.testing.FakeWorkloads;
import io.chaoslab.operator.testing.MockOperator;
import io.chaoslab.operator.testing.Namespaces;
import io.chaoslab.operator.testing.PodLifecycle;
import io.chaoslab.testsupport.ExternalTool;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC against what the operator really calls. The operator (leader election on, all
 * namespaces) runs a ShopStack through its life on fabric8's mock API server: deployed with its
 * ServiceMonitor, an object it no longer wants of each bulk kind, a pod-kill and a pod-evict
 * experiment, a move to an external database, monitoring turned off, a clean stop. Every request it
 * made, as (API group, resource, verb), must be allowed by the rules {@code helm template} renders,
 * and every rendered verb must be used by some request: a rule too narrow and a rule too wide both
 * fail, with the list of what drifted.
 */
@EnableKubernetesMockClient(crud = true)
class RbacCoverageTest {
  private static final Path CHART = Path.of("../helm/chaoslab-operator");
  private static final String RELEASE_NS = "ops";
  private static final String NS = "shop";
  private static final String SHOP = "demo";
  private static final String USER_AGENT = "chaoslab-operator-under-test";
  private static final Duration WAIT = Duration.ofSeconds(30);

  KubernetesMockServer server;
  KubernetesClient client;

  /** One authorization question: may it do {@code verb} on {@code resource}? */
  record Access(String group, String resource, String verb, String namespace, String name) {
    String key() {
      return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
    }
  }

  /** A rendered rule, and where it applies: a Role's namespace, or every namespace. */
  record Rule(
      Optional<String> namespace,
      List<String> groups,
      List<String> resources,
      List<String> verbs,
      List<String> names) {
    boolean allows(Access a) {
      return namespace.map(ns -> ns.equals(a.namespace())).orElse(true)
          && groups.contains(a.group())
          && resources.contains(a.resource())
          && verbs.contains(a.verb())
          && (names.isEmpty() || names.contains(a.name()));
    }
  }

  @Test
  void theChartGrantsExactlyWhatTheOperatorCalls() throws Exception {
    Path helm = ExternalTool.HELM.require();
    List<JsonNode> rendered = render(helm);
    List<Rule> rules = rules(rendered);
    String leaseName = leaderElectionId(rendered);

    runTheOperatorThroughAShopsLife(leaseName);

    Set<Access> calls = new java.util.HashSet<>();
    RecordedRequest request;
    while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      if (USER_AGENT.equals(request.getHeader("User-Agent"))) {
        calls.addAll(asProduction(access(request)));
      }
    }
    // Every authenticated account may review its own rules (system:basic-user); JOSDK asks one
    // before it elects.
    calls.removeIf(a -> a.group().equals("authorization.k8s.io"));
    assertThat(calls).as("requests recorded").hasSizeGreaterThan(20);

    Set<String> denied =
        calls.stream()
            .filter(a -> rules.stream().noneMatch(r -> r.allows(a)))
            .map(a -> a.key() + " (namespace " + a.namespace() + ", name " + a.name() + ")")
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> used = calls.stream().map(Access::key).collect(Collectors.toSet());
    Set<String> unused = new TreeSet<>();
    for (Rule rule : rules) {
      for (String group : rule.groups()) {
        for (String resource : rule.resources()) {
          for (String verb : rule.verbs()) {
            Access granted = new Access(group, resource, verb, "", "");
            if (!used.contains(granted.key())) {
              unused.add(granted.key());
            }
          }
        }
      }
    }
    assertThat(denied)
        .as("calls the chart's RBAC does not allow (add a rule to templates/rbac.yaml)")
        .isEmpty();
    assertThat(unused)
        .as("granted but never called (remove it from templates/rbac.yaml, or exercise it here)")
        .isEmpty();
  }

  private void runTheOperatorThroughAShopsLife(String leaseName) throws Exception {
    MockApiServer.allowLeases(server);
    Namespaces.create(client, RELEASE_NS);
    Experiments.enabledNamespace(client, NS);
    MockOperator.installServiceMonitorCrd(client);

    KubernetesClient own =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(server.createClient().getConfiguration())
                    .withUserAgent(USER_AGENT)
                    .build())
            .build();
    LeaderElectionSettings election =
        new LeaderElectionSettings(
            RELEASE_NS,
            leaseName,
            "chaoslab-operator-0",
            Duration.ofSeconds(2),
            Duration.ofMillis(1500),
            Duration.ofMillis(500),
            false);
    ChaosLabOperator operator =
        MockApiServer.operator(new Settings(Set.of(), Optional.of(election), 0), own);
    FakeWorkloads cluster = null;
    try {
      operator.start();
      MockApiServer.createExampleShop(client);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  client.apps().deployments().inNamespace(NS).list().getItems().size() == 3
                      && client.apps().statefulSets().inNamespace(NS).list().getItems().size() == 1
                      && monitor() != null);

      // An object of each bulk kind that the shop no longer wants (a component renamed, say).
      retire(client.apps().deployments().inNamespace(NS).withName(SHOP + "-order").get());
      retire(client.services().inNamespace(NS).withName(SHOP + "-order").get());
      retire(
          client
              .policy()
              .v1()
              .podDisruptionBudget()
              .inNamespace(NS)
              .withName(SHOP + "-order")
              .get());
      await()
          .atMost(WAIT)
          .until(
              () ->
                  client.apps().deployments().inNamespace(NS).withName(retired()).get() == null
                      && client.services().inNamespace(NS).withName(retired()).get() == null
                      && client
                              .policy()
                              .v1()
                              .podDisruptionBudget()
                              .inNamespace(NS)
                              .withName(retired())
                              .get()
                          == null);

      cluster = FakeWorkloads.start(client, server);
      cluster.deployment(NS, SHOP + "-order").lifecycle(PodLifecycle.FAST).start();
      cluster.statefulSet(NS, SHOP + "-database").lifecycle(PodLifecycle.FAST).start();
      runToCompletion(experiment("kill-order", ShopComponent.ORDER, Action.POD_KILL));
      runToCompletion(experiment("evict-database", ShopComponent.DATABASE, Action.POD_EVICT));

      // To an external database: the managed one's StatefulSet and Secret go.
      client
          .secrets()
          .inNamespace(NS)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("shop-db")
                  .endMetadata()
                  .addToStringData("DATABASE_URL", "jdbc:postgresql://db.example:5432/shop")
                  .addToStringData("DATABASE_USER", "shop")
                  .addToStringData("DATABASE_PASSWORD", "secret")
                  .build())
          .create();
      editShop(
          shop -> {
            shop.getSpec().getDatabase().setManaged(false);
            shop.getSpec().getDatabase().setStorage(null);
            shop.getSpec().getDatabase().setSecretRef("shop-db");
          });
      editShop(shop -> shop.getSpec().getMonitoring().setServiceMonitor(false));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(client.apps().statefulSets().inNamespace(NS).list().getItems())
                    .as(
                        "%s",
                        client
                            .resources(ShopStack.class)
                            .inNamespace(NS)
                            .withName(SHOP)
                            .get()
                            .getStatus()
                            .getConditions())
                    .extracting(set -> set.getMetadata().getName())
                    .isEmpty();
                assertThat(client.secrets().inNamespace(NS).list().getItems())
                    .extracting(secret -> secret.getMetadata().getName())
                    .containsExactly("shop-db");
                assertThat(monitor()).isNull();
              });
    } finally {
      if (cluster != null) {
        cluster.close();
      }
      operator.stop(); // hands the Lease back: an update
      own.close();
    }
  }

  private Object monitor() {
    return client
        .genericKubernetesResources(
            new ResourceDefinitionContext.Builder()
                .withGroup("monitoring.coreos.com")
                .withVersion("v1")
                .withKind("ServiceMonitor")
                .withPlural("servicemonitors")
                .withNamespaced(true)
                .build())
        .inNamespace(NS)
        .withName(SHOP)
        .get();
  }

  private static String retired() {
    return SHOP + "-retired";
  }

  /** A copy of {@code object}, labelled as the shop's, under a name the shop does not want. */
  private <T extends HasMetadata> void retire(T object) {
    object.setMetadata(
        new ObjectMetaBuilder()
            .withName(retired())
            .withNamespace(NS)
            .withLabels(object.getMetadata().getLabels())
            .withOwnerReferences(object.getMetadata().getOwnerReferences())
            .build());
    if (object instanceof Deployment d) {
      d.setStatus(null);
    } else if (object instanceof PodDisruptionBudget p) {
      p.setStatus(null);
    }
    client.resource(object).create();
  }

  private void editShop(Consumer<ShopStack> change) {
    UnaryOperator<ShopStack> edit =
        shop -> {
          change.accept(shop);
          return shop;
        };
    await()
        .atMost(WAIT)
        .ignoreExceptionsInstanceOf(KubernetesClientException.class) // 409: the status moved on
        .until(
            () -> {
              client.resources(ShopStack.class).inNamespace(NS).withName(SHOP).edit(edit);
              return true;
            });
  }

  private static ChaosExperiment experiment(String name, ShopComponent component, Action action) {
    return Experiments.of(
        NS,
        name,
        SHOP,
        spec -> {
          spec.getTarget().setComponent(component);
          spec.setAction(action);
        });
  }

  private void runToCompletion(ChaosExperiment experiment) {
    Experiments.runToCompletion(client, experiment, WAIT);
  }

  /** What an API server authorizes for {@code request}: group, resource[/subresource], verb. */
  static Access access(RecordedRequest request) {
    String[] pathAndQuery = request.getPath().split("\\?", 2);
    String query = pathAndQuery.length > 1 ? pathAndQuery[1] : "";
    List<String> parts =
        new ArrayList<>(Arrays.asList(pathAndQuery[0].replaceFirst("^/", "").split("/")));
    String group;
    if (parts.get(0).equals("api")) {
      group = "";
      parts = parts.subList(2, parts.size()); // api, v1
    } else {
      group = parts.get(1);
      parts = parts.subList(3, parts.size()); // apis, group, version
    }
    String namespace = "";
    if (parts.size() > 2 && parts.get(0).equals("namespaces")) {
      namespace = parts.get(1);
      parts = parts.subList(2, parts.size());
    }
    String resource = parts.get(0);
    String name = parts.size() > 1 ? parts.get(1) : "";
    if (parts.size() > 2) {
      resource += "/" + parts.get(2);
    }
    if (resource.equals("namespaces")) {
      namespace = name;
    }
    boolean watch = Arrays.asList(query.split("&")).contains("watch=true");
    String verb =
        switch (request.getMethod()) {
          case "GET" -> !name.isEmpty() ? "get" : watch ? "watch" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
          default -> throw new AssertionError("unexpected request " + request.getRequestLine());
        };
    return new Access(group, resource, verb, namespace, name);
  }

  /**
   * The calls as production makes them. The mock lacks server-side apply, so the tests run JOSDK's
   * dependents without it: a create is a POST and an update a PUT there. In production both are an
   * apply (a PATCH), which the API server authorizes as patch, and as create too when the object is
   * new. Which kinds are dependents comes from the reconciler's {@code @Workflow}.
   */
  private static List<Access> asProduction(Access call) {
    if (!dependentKinds().contains(call.group() + "/" + call.resource())) {
      return List.of(call);
    }
    return switch (call.verb()) {
      case "create" -> List.of(call, withVerb(call, "patch"));
      case "update" -> List.of(withVerb(call, "patch"));
      default -> List.of(call);
    };
  }

  private static Access withVerb(Access a, String verb) {
    return new Access(a.group(), a.resource(), verb, a.namespace(), a.name());
  }

  /** group/plural of every kind the ShopStack reconciler's workflow manages as a dependent. */
  static Set<String> dependentKinds() {
    Set<String> kinds = new TreeSet<>();
    for (Dependent dependent :
        ShopStackReconciler.class.getAnnotation(Workflow.class).dependents()) {
      Class<? extends HasMetadata> kind = resourceType(dependent.type());
      kinds.add(HasMetadata.getGroup(kind) + "/" + HasMetadata.getPlural(kind));
    }
    return kinds;
  }

  /** The first type argument of the nearest generic superclass: the dependent's resource kind. */
  @SuppressWarnings("unchecked")
  private static Class<? extends HasMetadata> resourceType(Class<?> dependent) {
    for (Class<?> c = dependent; c != null; c = c.getSuperclass()) {
      Type superclass = c.getGenericSuperclass();
      if (superclass instanceof ParameterizedType p
          && p.getActualTypeArguments()[0] instanceof Class<?> kind
          && HasMetadata.class.isAssignableFrom(kind)) {
        return (Class<? extends HasMetadata>) kind;
      }
    }
    throw new AssertionError("no resource type found for " + dependent);
  }

  private static List<JsonNode> render(Path helm) throws IOException, InterruptedException {
    // Two replicas: leader election on, so its Lease rules are rendered and checked too.
    Process process =
        new ProcessBuilder(
                helm.toString(),
                "template",
                "chaoslab",
                CHART.toString(),
                "-n",
                RELEASE_NS,
                "--set",
                "replicaCount=2")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(output)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.has("kind")) {
          objects.add(doc);
        }
      }
    }
    return objects;
  }

  private static List<Rule> rules(List<JsonNode> objects) {
    List<Rule> rules = new ArrayList<>();
    for (JsonNode object : objects) {
      String kind = object.path("kind").asText();
      if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
        continue;
      }
      Optional<String> namespace =
          kind.equals("Role")
              ? Optional.of(object.at("/metadata/namespace").asText())
              : Optional.empty();
      for (JsonNode rule : object.path("rules")) {
        rules.add(
            new Rule(
                namespace,
                strings(rule.path("apiGroups")),
                strings(rule.path("resources")),
                strings(rule.path("verbs")),
                strings(rule.path("resourceNames"))));
      }
    }
    assertThat(rules).as("rendered rules").isNotEmpty();
    return rules;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /** The Lease name the chart gives the operator (LEADER_ELECTION_ID). */
  private static String leaderElectionId(List<JsonNode> objects) {
    for (JsonNode object : objects) {
      for (JsonNode env : object.at("/spec/template/spec/containers/0/env")) {
        if (env.path("name").asText().equals("LEADER_ELECTION_ID")) {
          return env.path("value").asText();
        }
      }
    }
    throw new AssertionError("the chart sets no LEADER_ELECTION_ID with two replicas");
  }
}
