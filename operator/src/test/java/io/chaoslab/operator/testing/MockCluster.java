package io.chaoslab.operator.testing;

import io.chaoslab.testsupport.ExternalTool;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * fabric8's mock API server (CRUD mode) as a cluster the real kubectl can drive: discovery that
 * kubectl understands, the project's CRDs from {@code crds/} installed, and streaming watches
 * through a {@link WatchFront}. Tests act through {@link #kubectl()} the way a user or a pipeline
 * would, and through {@link #client()} the way a controller would (and to check what kubectl did).
 *
 * <p>Start it in {@code @BeforeAll} and close it in {@code @AfterAll}: closing kills kubectl
 * processes still running, ends open watches, stops both servers and deletes the temporary files.
 * kubectl missing from the PATH skips the tests ({@link ExternalTool}).
 *
 * <p>What the mock does not do still applies: no server-side apply, no strategic merge patch (so
 * re-applying a changed built-in object fails, custom resources use a merge patch and work), no
 * garbage collection, no defaulting or schema validation (hence {@code apply --validate=false}), no
 * server-side printing ({@code kubectl get} shows NAME and AGE only).
 */
public final class MockCluster implements AutoCloseable {

  private final Path workDir;
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final WatchFront front;
  private final Kubectl kubectl;

  private MockCluster(
      Path workDir,
      KubernetesMockServer server,
      KubernetesClient client,
      WatchFront front,
      Kubectl kubectl) {
    this.workDir = workDir;
    this.server = server;
    this.client = client;
    this.front = front;
    this.kubectl = kubectl;
  }

  /**
   * Starts a cluster serving the CRDs in {@code crds/} and {@code extraCrdFiles} (for instance a
   * CRD of another project the operator reacts to).
   */
  public static MockCluster start(Path... extraCrdFiles) {
    Path binary = ExternalTool.KUBECTL.require();
    List<Path> crdFiles = new ArrayList<>(CrdFiles.in(CrdFiles.committedDir()));
    crdFiles.addAll(List.of(extraCrdFiles));
    List<CustomResourceDefinition> crds = crdFiles.stream().map(CrdFiles::read).toList();

    Path workDir = createWorkDir();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubectlDispatcher(new KubernetesCrudDispatcher(), ApiDiscovery.of(crds)),
            false);
    KubernetesClient client = null;
    WatchFront front = null;
    try {
      server.start();
      client = server.createClient();
      for (CustomResourceDefinition crd : crds) {
        // Stored in the mock, a CRD also makes the mock honour its status subresource.
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      }
      front = WatchFront.start(URI.create("http://127.0.0.1:" + server.getPort()));
      Kubectl kubectl = Kubectl.forServer(binary, front.url(), workDir);
      return new MockCluster(workDir, server, client, front, kubectl);
    } catch (RuntimeException e) {
      if (front != null) {
        front.close();
      }
      if (client != null) {
        client.close();
      }
      server.destroy();
      deleteRecursively(workDir);
      throw e;
    }
  }

  /** The real kubectl, configured for this cluster. */
  public Kubectl kubectl() {
    return kubectl;
  }

  /** A fabric8 client talking to the mock directly. */
  public KubernetesClient client() {
    return client;
  }

  /** Watches streamed to kubectl so far: await an increase to know a kubectl wait listens. */
  public long watchesStarted() {
    return front.watchesStarted();
  }

  /** Watches streaming now; back to 0 shortly after their kubectl has exited. */
  public int watchesOpen() {
    return front.watchesOpen();
  }

  @Override
  public void close() {
    kubectl.close();
    front.close();
    client.close();
    server.destroy();
    deleteRecursively(workDir);
  }

  private static Path createWorkDir() {
    try {
      return Files.createTempDirectory("chaoslab-mock-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
