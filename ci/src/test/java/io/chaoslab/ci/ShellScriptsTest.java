package io.chaoslab.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoslab.testsupport.Command;
import io.chaoslab.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository's shell scripts: shellcheck-clean, strict, and clear about bad arguments. A script
 * under a {@code lib/} directory is sourced by others, so it has no shebang of its own.
 */
class ShellScriptsTest {
  private static final Duration QUICK = Duration.ofSeconds(30);

  static List<Path> scripts() throws IOException {
    List<Path> scripts = new ArrayList<>();
    for (String dir : List.of("ci", "bench", "monitoring")) {
      try (Stream<Path> files = Files.walk(Command.REPO.resolve(dir))) {
        files
            .filter(p -> p.toString().endsWith(".sh"))
            .filter(p -> !p.toString().contains("/target/"))
            .sorted()
            .forEach(scripts::add);
      }
    }
    scripts.add(Command.REPO.resolve(".ci/run"));
    return scripts;
  }

  private static boolean sourced(Path script) {
    return script.getParent().getFileName().toString().equals("lib");
  }

  @Test
  void everyScriptPassesShellcheck() throws IOException {
    Path shellcheck = ExternalTool.SHELLCHECK.require();
    List<String> command = new ArrayList<>(List.of(shellcheck.toString(), "-x"));
    scripts().forEach(s -> command.add(Command.REPO.relativize(s).toString()));

    Command.Result result = Command.run(QUICK, command);

    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  @Test
  void shellcheckCatchesAMistake(@TempDir Path dir) throws IOException {
    Path shellcheck = ExternalTool.SHELLCHECK.require();
    Path bad = dir.resolve("bad.sh");
    Files.writeString(bad, "#!/usr/bin/env bash\ntarget=$1\nrm -rf $target/cache\n");

    Command.Result result = Command.run(QUICK, List.of(shellcheck.toString(), bad.toString()));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("SC2086"); // the unquoted $target
  }

  @Test
  void everyRunnableScriptIsExecutableAndStrict() throws IOException {
    for (Path script : scripts()) {
      if (sourced(script)) {
        continue;
      }
      String text = Files.readString(script);
      assertThat(text).as("%s: shebang", script).startsWith("#!/usr/bin/env bash\n");
      assertThat(text).as("%s: strict mode", script).contains("\nset -euo pipefail\n");
      assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
    }
  }

  static Stream<Arguments> unknownOptions() {
    return Stream.of(
        Arguments.of(List.of("bench/order-flow.sh", "--no-such-option")),
        Arguments.of(List.of("bench/cross-check.sh", "--no-such-option")),
        Arguments.of(List.of("bench/operator-scale.sh", "--no-such-option")),
        Arguments.of(List.of("bench/chaos-accuracy.sh", "--no-such-option")),
        Arguments.of(List.of("ci/build-images.sh", "--no-such-option")),
        Arguments.of(List.of("ci/image-sizes.sh", "--no-such-option")),
        Arguments.of(List.of("ci/startup-time.sh", "order-service", "--no-such-option")),
        Arguments.of(List.of("ci/training-run.sh", "order-service", "--no-such-option")),
        Arguments.of(List.of("ci/prerequisites.sh", "--no-such-option")),
        Arguments.of(List.of("ci/build.sh", "--no-such-option")),
        Arguments.of(List.of("ci/kind-cluster.sh", "--no-such-option")),
        Arguments.of(List.of("ci/install-operator.sh", "--no-such-option")),
        Arguments.of(List.of("ci/deploy-shop.sh", "--no-such-option")),
        Arguments.of(List.of("ci/traffic.sh", "start", "--no-such-option")),
        Arguments.of(List.of("ci/run-chaos.sh", "--no-such-option")),
        Arguments.of(List.of("ci/wait-and-report.sh", "kill-order", "--no-such-option")),
        Arguments.of(List.of("ci/archive.sh", "--no-such-option")),
        Arguments.of(List.of("ci/demo.sh", "--no-such-option")),
        Arguments.of(List.of("monitoring/screenshot.sh", "--no-such-option")));
  }

  @ParameterizedTest
  @MethodSource("unknownOptions")
  void anUnknownOptionIsRefusedWithItsName(List<String> invocation) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash"));
    command.addAll(invocation);

    Command.Result result = Command.run(QUICK, command);

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.output()).as(result.toString()).contains("--no-such-option");
  }

  @Test
  void theDemoStopsAtOnceWithoutDockerAndPointsToTheDevstack(@TempDir Path bin) throws IOException {
    // A docker CLI whose engine is not there, first on the PATH: what a CI agent like this one
    // shows (and on a machine with Docker, the test must not start a real demo).
    Path docker = bin.resolve("docker");
    Files.writeString(
        docker,
        "#!/bin/sh\necho 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock' >&2\n"
            + "exit 1\n");
    assertThat(docker.toFile().setExecutable(true)).isTrue();

    Command.Result result =
        Command.run(
            QUICK,
            List.of("bash", "ci/demo.sh"),
            Map.of("PATH", bin + ":" + System.getenv("PATH")));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.output())
        .startsWith("demo: this demo needs a running Docker engine")
        .contains("java -jar apps/devstack/target/devstack.jar");
    assertThat(result.output()).as("nothing was run").doesNotContain("+ ");
  }

  @Test
  void prerequisitesNameEveryMissingToolAndWhereToGetIt(@TempDir Path emptyBin) throws IOException {
    Command.Result result =
        Command.run(
            QUICK,
            List.of("/bin/bash", "ci/prerequisites.sh"),
            Map.of("PATH", emptyBin.toString()));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.output())
        .contains("missing on the PATH: docker kind kubectl helm java")
        .contains("https://kind.sigs.k8s.io/", "https://helm.sh/", "JDK 21 or newer");
  }

  @Test
  void theImageBuildsStaticChecksPass() throws IOException {
    Command.Result result =
        Command.run(Duration.ofMinutes(1), List.of("bash", "ci/build-images.sh", "--check-only"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output()).contains("the three Dockerfiles agree");
  }
}
