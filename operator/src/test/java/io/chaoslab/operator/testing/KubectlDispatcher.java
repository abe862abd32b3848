package io.chaoslab.operator.testing;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits before the mock's CRUD dispatcher and fills the gaps kubectl falls into:
 *
 * <ul>
 *   <li>Discovery ({@code /version}, {@code /api}, {@code /api/v1}, {@code /apis}, {@code
 *       /apis/<group>/<version>}) is answered from an {@link ApiDiscovery}, whatever the query:
 *       kubectl always adds one ({@code ?timeout=10s}).
 *   <li>{@code /openapi/v2} and {@code /openapi/v3} answer 404, as on a server without OpenAPI
 *       documents; the mock would answer them, like any path it cannot parse, with every object it
 *       stores, which kubectl then fails to read as a schema.
 *   <li>A write to a {@code /status} subresource reaches the mock without its query: kubectl sends
 *       {@code ?fieldManager=kubectl-patch}, and the mock, which recognises a status write by the
 *       path's end, would then treat {@code kubectl patch --subresource=status} as a write to the
 *       resource itself and silently drop the status.
 * </ul>
 *
 * Everything else goes to the mock unchanged.
 */
final class KubectlDispatcher extends Dispatcher {

  private static final Pattern GROUP_VERSION = Pattern.compile("/apis/([^/]+/[^/]+)");

  private final Dispatcher delegate;
  private final ApiDiscovery discovery;

  KubectlDispatcher(Dispatcher delegate, ApiDiscovery discovery) {
    this.delegate = delegate;
    this.discovery = discovery;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = pathOf(request.getPath());
    if (request.method() == HttpMethod.GET && path.startsWith("/openapi/")) {
      return new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND);
    } else if (request.method() == HttpMethod.GET) {
      Optional<String> document = document(path);
      if (document.isPresent()) {
        return new MockResponse()
            .setResponseCode(HttpURLConnection.HTTP_OK)
            .setHeader("Content-Type", "application/json")
            .setBody(document.get());
      }
    } else if (path.endsWith("/status") && !path.equals(request.getPath())) {
      return delegate.dispatch(
          new RecordedRequest(
              request.getHttpVersion(),
              request.method(),
              path,
              request.getHeaders(),
              request.getBody()));
    }
    return delegate.dispatch(request);
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  private Optional<String> document(String path) {
    return switch (path) {
      case "/version" -> Optional.of(discovery.version());
      case "/api" -> Optional.of(discovery.apiVersions());
      case "/apis" -> Optional.of(discovery.apiGroupList());
      case "/api/v1" -> discovery.resourceList("v1");
      default -> {
        Matcher groupVersion = GROUP_VERSION.matcher(path);
        yield groupVersion.matches()
            ? discovery.resourceList(groupVersion.group(1))
            : Optional.empty();
      }
    };
  }

  private static String pathOf(String pathAndQuery) {
    int query = pathAndQuery.indexOf('?');
    return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
  }
}
