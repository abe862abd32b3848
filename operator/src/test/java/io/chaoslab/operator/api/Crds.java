package io.chaoslab.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the generated and the committed CRDs live, and how the tests read them. */
public final class Crds {

  /** Copies the CRDs generated from the model over the committed ones in {@code crds/}. */
  public static final String REFRESH_COMMAND =
      "./mvnw -B -pl operator -Pupdate-crds process-classes";

  public static final String SHOPSTACK_FILE = "shopstacks.chaoslab.io-v1.yml";
  public static final String CHAOS_EXPERIMENT_FILE = "chaosexperiments.chaoslab.io-v1.yml";

  private static final ObjectMapper YAML = new YAMLMapper();

  private Crds() {}

  /** The generator's output; the build passes it in, the default serves a run from an IDE. */
  public static Path generatedDir() {
    return Path.of(System.getProperty("crds.generated.dir", "target/classes/META-INF/fabric8"));
  }

  public static Path committedDir() {
    return Path.of(System.getProperty("crds.committed.dir", "../crds"));
  }

  public static Path examplesDir() {
    return committedDir().resolve("examples");
  }

  /** The CRD files ({@code *.yml}) directly in {@code dir}. */
  public static List<Path> crdFiles(Path dir) {
    return list(dir, ".yml");
  }

  /** The examples ({@code *.yaml} in {@code crds/examples/}) of one kind. */
  public static List<Path> examples(String kind) {
    return list(examplesDir(), ".yaml").stream()
        .filter(example -> kind.equals(readYaml(example).path("kind").asText()))
        .toList();
  }

  public static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode readYaml(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A resource of {@code kind} in namespace {@code shop} with {@code spec}, a YAML flow map. */
  public static JsonNode resource(String kind, String spec) {
    return readYaml(
        "{apiVersion: chaoslab.io/v1alpha1, kind: %s, metadata: {name: demo, namespace: shop},"
                .formatted(kind)
            + " spec: "
            + spec
            + "}");
  }

  /** A generated CRD, as written for {@code kubectl apply}. */
  public static JsonNode crd(String file) {
    return readYaml(generatedDir().resolve(file));
  }

  /** The openAPIV3Schema of a generated CRD's only version. */
  public static JsonNode schema(String file) {
    return crd(file).at("/spec/versions/0/schema/openAPIV3Schema");
  }

  /** A CRD's printer columns, each as {@code "Name .json.path type"}, in the CRD's order. */
  public static List<String> printerColumns(JsonNode crd) {
    List<String> columns = new ArrayList<>();
    crd.at("/spec/versions/0/additionalPrinterColumns")
        .forEach(
            c ->
                columns.add(
                    String.join(
                        " ",
                        c.get("name").asText(),
                        c.get("jsonPath").asText(),
                        c.get("type").asText())));
    return columns;
  }

  /** The property names of an object schema's {@code properties} node, in order. */
  public static List<String> fieldNames(JsonNode properties) {
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The texts of a JSON array, such as a schema's {@code enum}, in order. */
  public static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
