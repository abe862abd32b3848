package io.chaoslab.operator.api.shopstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the generated and the committed CRDs live, and how the tests read them. */
final class Crds {

  /** Copies the CRDs generated from the model over the committed ones in {@code crds/}. */
  static final String REFRESH_COMMAND = "./mvnw -B -pl operator -Pupdate-crds process-classes";

  static final String SHOPSTACK_FILE = "shopstacks.chaoslab.io-v1.yml";

  private static final ObjectMapper YAML = new YAMLMapper();

  private Crds() {}

  /** The generator's output; the build passes it in, the default serves a run from an IDE. */
  static Path generatedDir() {
    return Path.of(System.getProperty("crds.generated.dir", "target/classes/META-INF/fabric8"));
  }

  static Path committedDir() {
    return Path.of(System.getProperty("crds.committed.dir", "../crds"));
  }

  static Path examplesDir() {
    return committedDir().resolve("examples");
  }

  /** The CRD files ({@code *.yml}) directly in {@code dir}. */
  static List<Path> crdFiles(Path dir) {
    return list(dir, ".yml");
  }

  static List<Path> examples() {
    return list(examplesDir(), ".yaml");
  }

  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readYaml(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generated ShopStack CRD, as written for {@code kubectl apply}. */
  static JsonNode shopStackCrd() {
    return readYaml(generatedDir().resolve(SHOPSTACK_FILE));
  }

  /** The openAPIV3Schema of ShopStack's only version. */
  static JsonNode shopStackSchema() {
    return shopStackCrd().at("/spec/versions/0/schema/openAPIV3Schema");
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
