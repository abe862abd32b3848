package io.chaoslab.operator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the real kubectl against one server, the way a pipeline would, with nothing from the
 * developer's own setup: its own kubeconfig (no credentials, namespace {@code default}) and its own
 * {@code --cache-dir}, since kubectl caches discovery per host and port and ports get reused. Every
 * call has a kubectl {@code --request-timeout} and a deadline after which the process is killed.
 */
public final class Kubectl implements AutoCloseable {

  /** Deadline of {@link #run}: far above any call against the mock, which take milliseconds. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

  private static final String REQUEST_TIMEOUT = "10s";

  /** How long output may trail the exit: kubectl's pipes close when it exits or is killed. */
  private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(5);

  private final Path binary;
  private final Path kubeconfig;
  private final Path cacheDir;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();

  private Kubectl(Path binary, Path kubeconfig, Path cacheDir) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  /** A kubectl for {@code server}, keeping its kubeconfig and cache in {@code workDir}. */
  static Kubectl forServer(Path binary, URI server, Path workDir) {
    Path kubeconfig = workDir.resolve("kubeconfig");
    String config =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
        users:
        - name: mock
          user: {}
        contexts:
        - name: mock
          context: {cluster: mock, user: mock, namespace: default}
        current-context: mock
        """
            .formatted(server);
    try {
      Files.writeString(kubeconfig, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Kubectl(binary, kubeconfig, workDir.resolve("cache"));
  }

  /**
   * The environment under which a script's own kubectl calls reach this server the way {@link #run}
   * does: this kubeconfig and this discovery cache ({@code KUBECACHEDIR}), not the developer's.
   */
  public Map<String, String> environment() {
    return Map.of("KUBECONFIG", kubeconfig.toString(), "KUBECACHEDIR", cacheDir.toString());
  }

  /** Runs {@code kubectl args...} to the end, within {@link #DEFAULT_DEADLINE}. */
  public Result run(String... args) {
    return start(null, args).await(DEFAULT_DEADLINE);
  }

  /** Runs {@code kubectl args...} with {@code input} on stdin (for {@code apply -f -}). */
  public Result runWithInput(String input, String... args) {
    return start(input, args).await(DEFAULT_DEADLINE);
  }

  /** Starts {@code kubectl args...} in the background, e.g. a {@code wait} to race a change. */
  /**
   * Creates the namespace {@code name} by {@code kubectl apply} from stdin: {@code kubectl create
   * namespace} times out against the mock (its POST is not served).
   */
  public void applyNamespace(String name) {
    runWithInput(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n",
            "apply",
            "--validate=false",
            "-f",
            "-")
        .requireSuccess();
  }

  public Running start(String... args) {
    return start(null, args);
  }

  private Running start(String input, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDir);
    command.add("--request-timeout=" + REQUEST_TIMEOUT);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("KUBECONFIG");
    try {
      long startedAt = System.nanoTime();
      Process process = builder.start();
      running.add(process);
      CompletableFuture<Long> exitedAt =
          process
              .onExit()
              .thenApply(p -> System.nanoTime())
              .whenComplete((t, e) -> running.remove(process));
      CompletableFuture<String> stdout = drain(process.getInputStream());
      CompletableFuture<String> stderr = drain(process.getErrorStream());
      try (OutputStream stdin = process.getOutputStream()) {
        if (input != null) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      return new Running(List.of(args), process, startedAt, exitedAt, stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a stream of kubectl's to its end on a virtual thread, so a full pipe never blocks it. */
  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        task -> Thread.ofVirtual().start(task));
  }

  /** Kills the kubectl processes still running, such as a {@code wait} a failed test left. */
  @Override
  public void close() {
    running.forEach(Process::destroyForcibly);
  }

  /** A kubectl started in the background. */
  public static final class Running {
    private final List<String> args;
    private final Process process;
    private final long startedAt;
    private final CompletableFuture<Long> exitedAt;
    private final CompletableFuture<String> stdout;
    private final CompletableFuture<String> stderr;

    private Running(
        List<String> args,
        Process process,
        long startedAt,
        CompletableFuture<Long> exitedAt,
        CompletableFuture<String> stdout,
        CompletableFuture<String> stderr) {
      this.args = args;
      this.process = process;
      this.startedAt = startedAt;
      this.exitedAt = exitedAt;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /**
     * Waits for kubectl to exit; past {@code deadline} it is killed and the call fails with what it
     * printed, so a test never hangs on kubectl.
     */
    public Result await(Duration deadline) {
      try {
        long exited = exitedAt.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        return new Result(
            args, process.exitValue(), output(stdout), output(stderr), startedAt, exited);
      } catch (TimeoutException e) {
        process.destroyForcibly();
        throw new AssertionError(
            "kubectl %s still running after %s%\nstdout: %s%\nstderr: %s"
                .formatted(String.join(" ", args), deadline, output(stdout), output(stderr)));
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for kubectl " + String.join(" ", args), e);
      } catch (ExecutionException e) {
        throw new AssertionError("kubectl " + String.join(" ", args), e);
      }
    }

    /** What kubectl printed on a stream, once it has closed it (exited or killed). */
    private static String output(CompletableFuture<String> stream) {
      try {
        return stream.get(OUTPUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted reading kubectl's output", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new AssertionError("kubectl's output could not be read", e);
      }
    }
  }

  /**
   * What one kubectl call did; {@code startedAt} and {@code exitedAt} are {@link System#nanoTime}
   * readings, to set against other events of the test.
   */
  public record Result(
      List<String> args,
      int exitCode,
      String stdout,
      String stderr,
      long startedAt,
      long exitedAt) {

    public Duration elapsed() {
      return Duration.ofNanos(exitedAt - startedAt);
    }

    /** This result when kubectl exited 0; otherwise fails with everything it printed. */
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError(this.toString());
      }
      return this;
    }

    @Override
    public String toString() {
      return "kubectl %s -> exit %d in %d ms%nstdout: %s%nstderr: %s"
          .formatted(String.join(" ", args), exitCode, elapsed().toMillis(), stdout, stderr);
    }
  }
}
