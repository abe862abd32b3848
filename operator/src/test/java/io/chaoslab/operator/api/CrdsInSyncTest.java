package io.chaoslab.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CRDs in {@code crds/} are what users apply, so they must be exactly what the build generates
 * from the model classes: a model change without a refreshed {@code crds/} fails here.
 */
class CrdsInSyncTest {

  @Test
  void everyGeneratedCrdIsCommittedUnchanged() throws IOException {
    List<Path> generated = Crds.crdFiles(Crds.generatedDir());
    assertThat(generated).as("CRDs generated into %s", Crds.generatedDir()).isNotEmpty();

    for (Path file : generated) {
      Path committed = Crds.committedDir().resolve(file.getFileName());
      assertThat(committed)
          .as("crds/%s is missing; create it with: %s", file.getFileName(), Crds.REFRESH_COMMAND)
          .exists();
      List<String> want = Files.readAllLines(file);
      List<String> have = Files.readAllLines(committed);
      assertThat(have)
          .as(
              "crds/%s differs from the CRD generated from the model classes (%s); refresh crds/"
                  + " with: %s",
              file.getFileName(), firstDifference(want, have), Crds.REFRESH_COMMAND)
          .isEqualTo(want);
    }
  }

  @Test
  void everyCommittedCrdIsStillGenerated() {
    for (Path committed : Crds.crdFiles(Crds.committedDir())) {
      assertThat(Crds.generatedDir().resolve(committed.getFileName()))
          .as(
              "crds/%s is no longer generated from the model classes: delete it",
              committed.getFileName())
          .exists();
    }
  }

  private static String firstDifference(List<String> generated, List<String> committed) {
    for (int i = 0; i < Math.max(generated.size(), committed.size()); i++) {
      String want = i < generated.size() ? generated.get(i) : "<end of file>";
      String have = i < committed.size() ? committed.get(i) : "<end of file>";
      if (!want.equals(have)) {
        return "line %d: generated '%s', committed '%s'"
            .formatted(i + 1, want.strip(), have.strip());
      }
    }
    return "no difference";
  }
}
