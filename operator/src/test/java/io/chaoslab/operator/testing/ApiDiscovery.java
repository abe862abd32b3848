package io.chaoslab.operator.testing;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.ServerAddressByClientCIDRBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The discovery documents kubectl reads before anything else: which group versions exist and, per
 * group version, its resources with kind, short names, scope, verbs and subresources. fabric8's
 * mock lists custom resources without short names or verbs and knows no built-in kinds, so kubectl
 * answers {@code the server doesn't have a resource type "shop"}. This catalogue holds the core,
 * apps, policy, discovery, coordination and apiextensions resources an operator touches, plus every
 * served version of the given CRDs.
 */
final class ApiDiscovery {

  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> NAMESPACE_VERBS =
      List.of("create", "delete", "get", "list", "patch", "update", "watch");
  private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  /** {@code v2}, {@code v1beta1}, {@code v1alpha3}: the versions Kubernetes sorts by stability. */
  private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  /**
   * Kubernetes' version priority (the first is the preferred version): GA before beta before alpha,
   * then the higher major, then the higher minor; other names last, alphabetically.
   */
  static final Comparator<String> PRIORITY =
      Comparator.comparingInt(ApiDiscovery::stability)
          .thenComparingInt(v -> versionNumber(v, 1))
          .thenComparingInt(v -> versionNumber(v, 3))
          .reversed()
          .thenComparing(Comparator.naturalOrder());

  /** Resource lists by group version ({@code v1}, {@code apps/v1} ...), in discovery order. */
  private final Map<String, List<APIResource>> resources;

  private ApiDiscovery(Map<String, List<APIResource>> resources) {
    this.resources = resources;
  }

  /** The built-in catalogue and the custom resources of {@code crds}. */
  static ApiDiscovery of(List<CustomResourceDefinition> crds) {
    Map<String, List<APIResource>> resources = new LinkedHashMap<>();
    resources.put(
        "v1",
        List.of(
            namespaced("pods", "Pod", ALL_VERBS, "po"),
            subresource("pods/status", "Pod", true),
            resource("pods/eviction", "", "Eviction", true, List.of("create"), List.of())
                .edit()
                .withGroup("policy")
                .withVersion("v1")
                .build(),
            namespaced("services", "Service", ALL_VERBS, "svc"),
            subresource("services/status", "Service", true),
            namespaced("endpoints", "Endpoints", ALL_VERBS, "ep"),
            namespaced("secrets", "Secret", ALL_VERBS),
            namespaced("configmaps", "ConfigMap", ALL_VERBS, "cm"),
            namespaced("serviceaccounts", "ServiceAccount", ALL_VERBS, "sa"),
            namespaced("persistentvolumeclaims", "PersistentVolumeClaim", ALL_VERBS, "pvc"),
            subresource("persistentvolumeclaims/status", "PersistentVolumeClaim", true),
            namespaced("events", "Event", ALL_VERBS, "ev"),
            resource("namespaces", "namespace", "Namespace", false, NAMESPACE_VERBS, List.of("ns")),
            subresource("namespaces/status", "Namespace", false)));
    resources.put("apps/v1", workloads());
    resources.put(
        "policy/v1",
        List.of(
            namespaced("poddisruptionbudgets", "PodDisruptionBudget", ALL_VERBS, "pdb"),
            subresource("poddisruptionbudgets/status", "PodDisruptionBudget", true)));
    resources.put(
        "discovery.k8s.io/v1", List.of(namespaced("endpointslices", "EndpointSlice", ALL_VERBS)));
    resources.put("coordination.k8s.io/v1", List.of(namespaced("leases", "Lease", ALL_VERBS)));
    resources.put(
        "apiextensions.k8s.io/v1",
        List.of(
            resource(
                "customresourcedefinitions",
                "customresourcedefinition",
                "CustomResourceDefinition",
                false,
                ALL_VERBS,
                List.of("crd", "crds")),
            subresource("customresourcedefinitions/status", "CustomResourceDefinition", false)));
    for (CustomResourceDefinition crd : crds) {
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        if (Boolean.TRUE.equals(version.getServed())) {
          resources
              .computeIfAbsent(
                  crd.getSpec().getGroup() + "/" + version.getName(), gv -> new ArrayList<>())
              .addAll(customResources(crd, version));
        }
      }
    }
    return new ApiDiscovery(resources);
  }

  /** {@code GET /version}: a 1.32 server, the version of the kubectl this fixture drives. */
  String version() {
    return Serialization.asJson(
        Map.of(
            "major", "1",
            "minor", "32",
            "gitVersion", "v1.32.0+fabric8-mock",
            "platform", "linux/amd64"));
  }

  /** {@code GET /api}: the core group's versions. */
  String apiVersions() {
    return Serialization.asJson(
        new APIVersionsBuilder()
            .withVersions("v1")
            .withServerAddressByClientCIDRs(
                new ServerAddressByClientCIDRBuilder()
                    .withClientCIDR("0.0.0.0/0")
                    .withServerAddress("127.0.0.1")
                    .build())
            .build());
  }

  /** {@code GET /apis}: every named group with its versions, the preferred one first. */
  String apiGroupList() {
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    for (String groupVersion : resources.keySet()) {
      int slash = groupVersion.indexOf('/');
      if (slash > 0) {
        versionsByGroup
            .computeIfAbsent(groupVersion.substring(0, slash), g -> new ArrayList<>())
            .add(groupVersion.substring(slash + 1));
      }
    }
    APIGroupListBuilder groups = new APIGroupListBuilder();
    versionsByGroup.forEach(
        (group, versions) -> {
          List<GroupVersionForDiscovery> byPriority =
              versions.stream()
                  .sorted(PRIORITY)
                  .map(v -> new GroupVersionForDiscovery(group + "/" + v, v))
                  .toList();
          groups.addToGroups(
              new APIGroupBuilder()
                  .withName(group)
                  .withVersions(byPriority)
                  .withPreferredVersion(byPriority.getFirst())
                  .build());
        });
    return Serialization.asJson(groups.build());
  }

  /** {@code GET /api/v1} or {@code GET /apis/<group>/<version>}; empty for an unknown one. */
  Optional<String> resourceList(String groupVersion) {
    return Optional.ofNullable(resources.get(groupVersion))
        .map(
            list ->
                Serialization.asJson(
                    new APIResourceListBuilder()
                        .withGroupVersion(groupVersion)
                        .withResources(list)
                        .build()));
  }

  private static List<APIResource> workloads() {
    List<APIResource> workloads = new ArrayList<>();
    for (String[] kind :
        new String[][] {
          {"deployments", "Deployment", "deploy"},
          {"statefulsets", "StatefulSet", "sts"},
          {"replicasets", "ReplicaSet", "rs"},
          {"daemonsets", "DaemonSet", "ds"}
        }) {
      workloads.add(namespaced(kind[0], kind[1], ALL_VERBS, kind[2]));
      workloads.add(subresource(kind[0] + "/status", kind[1], true));
      if (!"daemonsets".equals(kind[0])) {
        workloads.add(
            subresource(kind[0] + "/scale", "Scale", true)
                .edit()
                .withGroup("autoscaling")
                .withVersion("v1")
                .build());
      }
    }
    workloads.add(namespaced("controllerrevisions", "ControllerRevision", ALL_VERBS));
    return workloads;
  }

  private static List<APIResource> customResources(
      CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    CustomResourceDefinitionNames names = crd.getSpec().getNames();
    boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
    List<APIResource> list = new ArrayList<>();
    list.add(
        resource(
                names.getPlural(),
                names.getSingular(),
                names.getKind(),
                namespaced,
                ALL_VERBS,
                names.getShortNames())
            .edit()
            .withCategories(names.getCategories())
            .build());
    if (version.getSubresources() != null && version.getSubresources().getStatus() != null) {
      list.add(subresource(names.getPlural() + "/status", names.getKind(), namespaced));
    }
    if (version.getSubresources() != null && version.getSubresources().getScale() != null) {
      list.add(
          subresource(names.getPlural() + "/scale", "Scale", namespaced)
              .edit()
              .withGroup("autoscaling")
              .withVersion("v1")
              .build());
    }
    return list;
  }

  private static APIResource namespaced(
      String plural, String kind, List<String> verbs, String... shortNames) {
    return resource(plural, kind.toLowerCase(), kind, true, verbs, List.of(shortNames));
  }

  private static APIResource subresource(String name, String kind, boolean namespaced) {
    return resource(name, "", kind, namespaced, SUBRESOURCE_VERBS, List.of());
  }

  private static APIResource resource(
      String name,
      String singular,
      String kind,
      boolean namespaced,
      List<String> verbs,
      List<String> shortNames) {
    return new APIResourceBuilder()
        .withName(name)
        .withSingularName(singular)
        .withKind(kind)
        .withNamespaced(namespaced)
        .withVerbs(verbs)
        .withShortNames(shortNames)
        .build();
  }

  private static int stability(String version) {
    Matcher m = KUBE_VERSION.matcher(version);
    if (!m.matches()) {
      return 0;
    }
    return m.group(2) == null ? 3 : "beta".equals(m.group(2)) ? 2 : 1;
  }

  private static int versionNumber(String version, int group) {
    Matcher m = KUBE_VERSION.matcher(version);
    return m.matches() && m.group(group) != null ? Integer.parseInt(m.group(group)) : 0;
  }
}
