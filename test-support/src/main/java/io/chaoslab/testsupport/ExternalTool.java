package io.chaoslab.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A binary a check runs, found on the PATH. Missing on a developer's laptop, the check is skipped
 * with a message saying how to install it; under {@code CHAOSLAB_REQUIRE_TOOLS=1} (set by {@code
 * .ci/run}, which installs every tool) a missing tool fails the check instead.
 */
public record ExternalTool(String name, String installHint) {

  public static final ExternalTool SHELLCHECK =
      new ExternalTool("shellcheck", "apt-get install shellcheck");
  public static final ExternalTool KUBECTL =
      new ExternalTool("kubectl", "https://kubernetes.io/docs/tasks/tools/");
  public static final ExternalTool HELM =
      new ExternalTool("helm", "https://helm.sh/docs/intro/install/");
  public static final ExternalTool PROMETHEUS =
      new ExternalTool("prometheus", "apt-get install prometheus");
  public static final ExternalTool PROMTOOL =
      new ExternalTool("promtool", "apt-get install prometheus");
  public static final ExternalTool NPM_GROOVY_LINT =
      new ExternalTool("npm-groovy-lint", "npm install --global npm-groovy-lint@16.2.0");

  /** The tool's path; skips or fails the calling test when it is not installed. */
  public Path require() {
    Optional<Path> found = onPath();
    if (found.isPresent()) {
      return found.get();
    }
    String message = name + " is not installed (" + installHint + ")";
    if ("1".equals(System.getenv("CHAOSLAB_REQUIRE_TOOLS"))) {
      return fail(message + " and CHAOSLAB_REQUIRE_TOOLS=1 requires it");
    }
    Assumptions.abort(message + ": check skipped");
    throw new AssertionError("unreachable");
  }

  private Optional<Path> onPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
