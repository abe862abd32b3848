package io.chaoslab.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the dispatcher answers itself and what it hands the mock, and how. */
class KubectlDispatcherTest {

  private final List<RecordedRequest> delegated = new ArrayList<>();
  private final KubectlDispatcher dispatcher =
      new KubectlDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              delegated.add(request);
              return new MockResponse().setResponseCode(299);
            }
          },
          ApiDiscovery.of(List.of()));

  @Test
  void answersDiscoveryWhateverTheQuery() {
    MockResponse response = dispatch(HttpMethod.GET, "/api/v1?timeout=32s");

    assertThat(response.code()).isEqualTo(200);
    assertThat(response.getHeaders().header("Content-Type")).isEqualTo("application/json");
    assertThat(
            Serialization.unmarshal(response.getBody().readUtf8(), APIResourceList.class)
                .getResources())
        .extracting(APIResource::getName)
        .contains("pods", "pods/status", "namespaces");
    assertThat(dispatch(HttpMethod.GET, "/version?timeout=5s").code()).isEqualTo(200);
    assertThat(dispatch(HttpMethod.GET, "/apis/apps/v1?timeout=5s").code()).isEqualTo(200);
    assertThat(delegated).isEmpty();
  }

  @Test
  void hasNoOpenApiDocuments() {
    assertThat(dispatch(HttpMethod.GET, "/openapi/v3?timeout=10s").code()).isEqualTo(404);
    assertThat(dispatch(HttpMethod.GET, "/openapi/v2").code()).isEqualTo(404);
    assertThat(delegated).isEmpty();
  }

  @Test
  void dropsTheQueryOfAStatusWriteOnly() {
    dispatch(
        HttpMethod.PATCH,
        "/apis/chaoslab.io/v1alpha1/namespaces/shop/shopstacks/demo/status?fieldManager=kubectl-patch");
    dispatch(
        HttpMethod.PATCH,
        "/apis/chaoslab.io/v1alpha1/namespaces/shop/shopstacks/demo?fieldManager=kubectl-patch");
    dispatch(HttpMethod.GET, "/apis/chaoslab.io/v1alpha1/namespaces/shop/shopstacks?watch=true");
    dispatch(HttpMethod.GET, "/apis/unknown.io/v1");

    assertThat(delegated)
        .extracting(RecordedRequest::getPath)
        .containsExactly(
            "/apis/chaoslab.io/v1alpha1/namespaces/shop/shopstacks/demo/status",
            "/apis/chaoslab.io/v1alpha1/namespaces/shop/shopstacks/demo?fieldManager=kubectl-patch",
            "/apis/chaoslab.io/v1alpha1/namespaces/shop/shopstacks?watch=true",
            "/apis/unknown.io/v1");
    assertThat(delegated.getFirst().getUtf8Body()).isEqualTo("{}");
  }

  private MockResponse dispatch(HttpMethod method, String path) {
    return dispatcher.dispatch(
        new RecordedRequest(
            "HTTP/1.1",
            method,
            path,
            Headers.builder().build(),
            new Buffer("{}".getBytes(StandardCharsets.UTF_8))));
  }
}
