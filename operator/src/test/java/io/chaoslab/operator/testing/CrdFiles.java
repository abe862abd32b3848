package io.chaoslab.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's CRDs as committed in {@code crds/}: the custom resources the mock cluster serves,
 * read from the files so that a new CRD (ChaosExperiment after ShopStack) needs no code here.
 */
final class CrdFiles {

  private CrdFiles() {}

  /** {@code crds/}: the build passes it in; the default serves a run from the module directory. */
  static Path committedDir() {
    return Path.of(System.getProperty("crds.committed.dir", "../crds"));
  }

  /** The CRD files ({@code *.yml}, {@code *.yaml}) directly in {@code dir}, sorted by name. */
  static List<Path> in(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One CRD; fails on a file that is not a {@code apiextensions.k8s.io/v1} CRD. */
  static CustomResourceDefinition read(Path file) {
    CustomResourceDefinition crd;
    try (InputStream in = Files.newInputStream(file)) {
      crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!"CustomResourceDefinition".equals(crd.getKind())
        || !"apiextensions.k8s.io/v1".equals(crd.getApiVersion())) {
      throw new IllegalArgumentException(file + " is not an apiextensions.k8s.io/v1 CRD");
    }
    return crd;
  }
}
