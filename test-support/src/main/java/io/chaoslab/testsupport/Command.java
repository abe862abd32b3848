package io.chaoslab.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command in the repository's root and returns its exit code and output. */
public final class Command {
  /** The repository's root: tests run in their module's directory, one level below it. */
  public static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private Command() {}

  /** What a finished command left: its exit code and its stdout and stderr, interleaved. */
  public record Result(int exitCode, String output) {
    @Override
    public String toString() {
      return "exit " + exitCode + ":\n" + output;
    }
  }

  public static Result run(Duration timeout, List<String> command) throws IOException {
    return run(timeout, command, Map.of());
  }

  /** As {@link #run(Duration, List)}, with {@code environment} added to (or replacing) ours. */
  public static Result run(Duration timeout, List<String> command, Map<String, String> environment)
      throws IOException {
    Path log = Files.createTempFile("chaoslab-command", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(REPO.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      boolean finished;
      try {
        finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finished = false;
      }
      if (!finished) {
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command)
                + " did not finish within "
                + timeout
                + ":\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
