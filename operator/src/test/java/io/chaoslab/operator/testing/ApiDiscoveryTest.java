package io.chaoslab.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The discovery catalogue: built-in kinds plus what CRDs declare, versions in Kubernetes order. */
class ApiDiscoveryTest {

  private static final CustomResourceDefinition WIDGETS =
      new CustomResourceDefinitionBuilder()
          .withNewMetadata()
          .withName("widgets.example.io")
          .endMetadata()
          .withNewSpec()
          .withGroup("example.io")
          .withScope("Cluster")
          .withNewNames()
          .withKind("Widget")
          .withPlural("widgets")
          .withSingular("widget")
          .withShortNames("wd")
          .withCategories("all")
          .endNames()
          .withVersions(
              version("v1alpha1", true).build(),
              version("v1", true)
                  .withNewSubresources()
                  .withNewStatus()
                  .endStatus()
                  .withNewScale()
                  .withSpecReplicasPath(".spec.replicas")
                  .withStatusReplicasPath(".status.replicas")
                  .endScale()
                  .endSubresources()
                  .build(),
              version("v2beta1", false).build())
          .endSpec()
          .build();

  private final ApiDiscovery discovery = ApiDiscovery.of(List.of(WIDGETS));

  @Test
  void ordersVersionsTheWayKubernetesPrefersThem() {
    assertThat(
            Stream.of("v1alpha1", "foo", "v2", "v1beta1", "v1", "v1beta2", "v10alpha1")
                .sorted(ApiDiscovery.PRIORITY))
        .containsExactly("v2", "v1", "v1beta2", "v1beta1", "v10alpha1", "v1alpha1", "foo");
  }

  @Test
  void listsTheServedVersionsOfACrdGroupWithTheMostStablePreferred() {
    APIGroup group =
        Serialization.unmarshal(discovery.apiGroupList(), APIGroupList.class).getGroups().stream()
            .filter(g -> g.getName().equals("example.io"))
            .findFirst()
            .orElseThrow();

    assertThat(group.getVersions())
        .extracting(v -> v.getGroupVersion())
        .containsExactly("example.io/v1", "example.io/v1alpha1");
    assertThat(group.getPreferredVersion().getVersion()).isEqualTo("v1");
    assertThat(discovery.resourceList("example.io/v2beta1")).isEmpty();
  }

  @Test
  void describesACustomResourceWithItsNamesScopeVerbsAndSubresources() {
    List<APIResource> resources =
        Serialization.unmarshal(
                discovery.resourceList("example.io/v1").orElseThrow(), APIResourceList.class)
            .getResources();

    assertThat(resources)
        .extracting(APIResource::getName)
        .containsExactly("widgets", "widgets/status", "widgets/scale");
    APIResource widgets = resources.getFirst();
    assertThat(widgets.getKind()).isEqualTo("Widget");
    assertThat(widgets.getSingularName()).isEqualTo("widget");
    assertThat(widgets.getShortNames()).containsExactly("wd");
    assertThat(widgets.getCategories()).containsExactly("all");
    assertThat(widgets.getNamespaced()).isFalse();
    assertThat(widgets.getVerbs()).contains("get", "list", "watch", "create", "patch", "delete");
    assertThat(resources.get(1).getVerbs()).containsExactly("get", "patch", "update");
    assertThat(resources.get(2).getKind()).isEqualTo("Scale");
    assertThat(resources.get(2).getGroup()).isEqualTo("autoscaling");
  }

  private static CustomResourceDefinitionVersionBuilder version(String name, boolean served) {
    return new CustomResourceDefinitionVersionBuilder()
        .withName(name)
        .withServed(served)
        .withStorage(name.equals("v1"));
  }
}
