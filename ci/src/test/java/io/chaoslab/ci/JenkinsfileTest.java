package io.chaoslab.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chaoslab.ci.PipelineOutline.Section;
import io.chaoslab.testsupport.Command;
import io.chaoslab.testsupport.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ci/Jenkinsfile: it lints clean with npm-groovy-lint (syntax and style), and its declarative
 * outline, parsed by Groovy 4, is one Jenkins accepts and does what the pipeline promises: the
 * seed's stages in order, each calling scripts that exist in ci/ with options they accept, the
 * chaos verdicts published as JUnit, and a build that fails when a verdict is not Passed.
 */
class JenkinsfileTest {
  private static final Path JENKINSFILE = Command.REPO.resolve("ci/Jenkinsfile");
  private static final Duration LINT = Duration.ofMinutes(2);

  /** The seed's pipeline (checkout, build, images, kind, deploy, chaos, verdict), in order. */
  private static final List<String> STAGES =
      List.of(
          "Checkout",
          "Build and test",
          "Build images",
          "Kind cluster and images",
          "Install the operator",
          "Deploy the shop",
          "Start traffic",
          "Run chaos",
          "Wait for the verdicts");

  private static final Set<String> PIPELINE_SECTIONS =
      Set.of(
          "agent",
          "options",
          "parameters",
          "environment",
          "triggers",
          "tools",
          "libraries",
          "stages",
          "post");
  private static final Set<String> STAGE_SECTIONS =
      Set.of(
          "agent",
          "environment",
          "when",
          "options",
          "input",
          "tools",
          "steps",
          "post",
          "parallel",
          "stages",
          "matrix",
          "failFast");
  private static final Set<String> POST_CONDITIONS =
      Set.of(
          "always",
          "changed",
          "fixed",
          "regression",
          "aborted",
          "failure",
          "success",
          "unstable",
          "unsuccessful",
          "cleanup");
  private static final Pattern SCRIPT_CALL = Pattern.compile("(?:^|[;&|]\\s*)(ci/[\\w./-]+\\.sh)");
  private static final Pattern OPTION = Pattern.compile("\\s(--[a-z][a-z-]*)");

  private static Section pipeline;
  private static final Map<String, String> HELP = new HashMap<>();

  @BeforeAll
  static void parse() throws IOException {
    List<Section> top = PipelineOutline.parse(Files.readString(JENKINSFILE));
    assertThat(top).extracting(Section::name).containsExactly("pipeline");
    pipeline = top.getFirst();
  }

  @Test
  void npmGroovyLintFindsNoError() throws IOException {
    Command.Result result = lint(JENKINSFILE);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    // (the summary is coloured: ANSI escapes removed first)
    assertThat(result.output().replaceAll("\u001b\\[[0-9;]*m", "")).contains("1 linted files");
  }

  @Test
  void npmGroovyLintCatchesABrokenJenkinsfile(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("Jenkinsfile");
    Files.writeString(
        broken, Files.readString(JENKINSFILE).replaceFirst("stages \\{", "stages {{"));

    Command.Result result = lint(broken);

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
  }

  @Test
  void theOutlineIsDeclarative() {
    assertThat(problems(pipeline)).isEmpty();
  }

  @Test
  void theOutlineCheckCatchesDeclarativeMistakes() {
    Section bad =
        PipelineOutline.parse(
                """
                pipeline {
                  agent any
                  stagess { }
                  stages {
                    stage('both') { steps { sh 'true' }; parallel { } }
                    stage('none') { }
                    stage('bad post') { steps { sh 'true' }; post { sometimes { sh 'true' } } }
                  }
                }
                """)
            .getFirst();

    assertThat(problems(bad))
        .containsExactlyInAnyOrder(
            "pipeline: unknown section 'stagess'",
            "stage 'both': needs exactly one of steps, parallel, stages, matrix",
            "stage 'none': needs exactly one of steps, parallel, stages, matrix",
            "stage 'bad post': unknown post condition 'sometimes'");
  }

  @Test
  void aSyntaxErrorIsReportedByGroovysParser() {
    assertThatThrownBy(() -> PipelineOutline.parse("pipeline { stages { stage('x') { }"))
        .hasMessageContaining("Unexpected input");
  }

  @Test
  void theSeedsStagesRunInOrder() {
    assertThat(stages()).extracting(s -> s.label().orElse("?")).containsExactlyElementsOf(STAGES);
  }

  @Test
  void everyStageCallsAScriptInCi() {
    for (Section stage : stages()) {
      assertThat(scriptsCalled(stage))
          .as("stage '%s' calls a script in ci/", stage.label().orElseThrow())
          .isNotEmpty();
    }
  }

  @Test
  void everyScriptCalledExistsAndAcceptsTheOptionsGiven() throws IOException {
    List<String> steps = pipeline.shellSteps();
    assertThat(steps).hasSizeGreaterThan(STAGES.size());
    for (String step : steps) {
      Matcher scripts = SCRIPT_CALL.matcher(step);
      while (scripts.find()) {
        Path script = Command.REPO.resolve(scripts.group(1));
        assertThat(script).as("called by: %s", step).exists();
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        String help = help(scripts.group(1));
        Matcher options = OPTION.matcher(step.substring(scripts.end()));
        while (options.find()) {
          // a whole word: --time must not pass for --timeout
          assertThat(help)
              .as("'%s' (from %s) in the --help of %s", options.group(1), step, scripts.group(1))
              .containsPattern("(?<![\\w-])" + Pattern.quote(options.group(1)) + "(?![\\w-])");
        }
      }
    }
  }

  @Test
  void aVerdictOtherThanPassedFailsTheBuild() {
    Section wait = stage("Wait for the verdicts");
    List<String> steps = wait.first("steps").orElseThrow().shellSteps();
    // The script's own exit status is the gate: 1 unless every experiment Passed. Nothing may
    // swallow it (`|| true`, returnStatus, catchError) or the build would stay green.
    assertThat(steps)
        .singleElement()
        .asString()
        .startsWith("ci/wait-and-report.sh ")
        .contains("--all")
        .doesNotContain("||", "; true");
    assertThat(wait.calls("catchError")).isEmpty();
    assertThat(wait.calls("sh"))
        .allSatisfy(sh -> assertThat(PipelineOutline.namedArgument(sh, "returnStatus")).isEmpty());
  }

  @Test
  void eachExperimentIsPublishedAsJUnitEvenWhenTheVerdictFails() {
    Section post = stage("Wait for the verdicts").first("post").orElseThrow();
    Section always = post.first("always").orElseThrow();
    List<MethodCallExpression> junit = always.calls("junit");
    assertThat(junit).hasSize(1);
    // where wait-and-report.sh writes by default: $CHAOSLAB_ARTIFACTS/chaos-junit.xml
    String artifacts = environment("CHAOSLAB_ARTIFACTS");
    assertThat(PipelineOutline.namedArgument(junit.getFirst(), "testResults"))
        .contains(artifacts + "/chaos-junit.xml");
  }

  @Test
  void theExperimentsAndTimelinesAreArchivedWhateverHappened() {
    Section always = pipeline.first("post").orElseThrow().first("always").orElseThrow();
    assertThat(always.shellSteps()).anyMatch(s -> s.startsWith("ci/archive.sh "));
    assertThat(always.shellSteps()).anyMatch(s -> s.startsWith("ci/traffic.sh stop"));
    List<MethodCallExpression> archive = always.calls("archiveArtifacts");
    assertThat(archive).hasSize(1);
    assertThat(PipelineOutline.namedArgument(archive.getFirst(), "artifacts"))
        .contains(environment("CHAOSLAB_ARTIFACTS") + "/**");
  }

  private static Command.Result lint(Path file) throws IOException {
    Path lint = ExternalTool.NPM_GROOVY_LINT.require();
    // This JVM's java: left to itself, the linter rejects a Java newer than it knows (25) and
    // tries to download one, which hangs offline.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return Command.run(
        LINT,
        List.of(
            lint.toString(),
            "--noserver",
            "--failon",
            "error",
            "--javaexecutable",
            java,
            file.toString()));
  }

  /** What Jenkins would refuse in the outline: unknown sections, a stage without one body. */
  private static List<String> problems(Section pipeline) {
    List<String> problems = new ArrayList<>();
    for (Section section : pipeline.children()) {
      if (!PIPELINE_SECTIONS.contains(section.name())) {
        problems.add("pipeline: unknown section '" + section.name() + "'");
      }
    }
    if (pipeline.first("agent").isEmpty()) {
      problems.add("pipeline: no agent");
    }
    pipeline.first("post").ifPresent(post -> postProblems("pipeline", post, problems));
    for (Section stages : pipeline.all("stages")) {
      for (Section stage : stages.children()) {
        String name = "stage '" + stage.label().orElse("?") + "'";
        if (!stage.name().equals("stage") || stage.label().isEmpty()) {
          problems.add("stages: '" + stage.name() + "' is not a named stage");
          continue;
        }
        for (Section section : stage.children()) {
          if (!STAGE_SECTIONS.contains(section.name())) {
            problems.add(name + ": unknown section '" + section.name() + "'");
          }
        }
        long bodies =
            stage.children().stream()
                .filter(s -> Set.of("steps", "parallel", "stages", "matrix").contains(s.name()))
                .count();
        if (bodies != 1) {
          problems.add(name + ": needs exactly one of steps, parallel, stages, matrix");
        }
        stage.first("post").ifPresent(post -> postProblems(name, post, problems));
      }
    }
    return problems;
  }

  private static void postProblems(String owner, Section post, List<String> problems) {
    for (Section condition : post.children()) {
      if (!POST_CONDITIONS.contains(condition.name())) {
        problems.add(owner + ": unknown post condition '" + condition.name() + "'");
      }
    }
  }

  private static List<Section> stages() {
    return pipeline.first("stages").orElseThrow().children();
  }

  private static Section stage(String label) {
    return stages().stream()
        .filter(s -> s.label().equals(java.util.Optional.of(label)))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> scriptsCalled(Section stage) {
    List<String> scripts = new ArrayList<>();
    for (String step : stage.shellSteps()) {
      Matcher m = SCRIPT_CALL.matcher(step);
      while (m.find()) {
        scripts.add(m.group(1));
      }
    }
    return scripts;
  }

  private static String environment(String name) {
    Section environment = pipeline.first("environment").orElseThrow();
    List<String> values = new ArrayList<>();
    environment
        .node()
        .visit(
            new org.codehaus.groovy.ast.CodeVisitorSupport() {
              @Override
              public void visitBinaryExpression(org.codehaus.groovy.ast.expr.BinaryExpression e) {
                if (e.getLeftExpression().getText().equals(name)) {
                  values.add(e.getRightExpression().getText());
                }
              }
            });
    assertThat(values).as("environment %s", name).hasSize(1);
    return values.getFirst();
  }

  private static String help(String script) throws IOException {
    if (!HELP.containsKey(script)) {
      Command.Result result =
          Command.run(Duration.ofSeconds(30), List.of("bash", script, "--help"));
      assertThat(result.exitCode()).as("%s --help: %s", script, result).isZero();
      HELP.put(script, result.output());
    }
    return HELP.get(script);
  }
}
