package io.chaoslab.operator.runtime;

import io.chaoslab.common.config.ConfigException;
import io.chaoslab.common.config.Env;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's settings, read from environment variables and checked before anything starts, so a
 * misconfigured Deployment fails at once with a message naming the variable (see {@code
 * operator/README.md} for the table).
 *
 * @param watchNamespaces the namespaces whose resources the operator reconciles; empty means all
 * @param leaderElection present when replicas elect a leader through a Lease
 * @param httpPort where {@code /healthz}, {@code /readyz} and {@code /metrics} are served (0: any
 *     free port)
 */
public record Settings(
    Set<String> watchNamespaces, Optional<LeaderElectionSettings> leaderElection, int httpPort) {

  /** Where Kubernetes mounts the pod's namespace with its service-account token. */
  public static final Path SERVICE_ACCOUNT_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  static final String DEFAULT_LEASE_NAME = "chaoslab-operator";
  static final int DEFAULT_HTTP_PORT = 8080;
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  public Settings {
    watchNamespaces = Set.copyOf(watchNamespaces);
  }

  /** The process environment, inside a pod or not. */
  public static Settings fromEnvironment() {
    return from(System.getenv(), SERVICE_ACCOUNT_NAMESPACE);
  }

  static Settings from(Map<String, String> environment, Path serviceAccountNamespace) {
    Env env = Env.of(environment);
    checkLogLevel(env);
    Set<String> namespaces = new LinkedHashSet<>();
    for (String namespace : env.list("WATCH_NAMESPACES")) {
      namespaces.add(namespace("WATCH_NAMESPACES", namespace));
    }
    int port = env.integer("HTTP_PORT", DEFAULT_HTTP_PORT, 0, 65535);
    return new Settings(namespaces, leaderElection(env, serviceAccountNamespace), port);
  }

  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }

  /**
   * logback reads {@code LOG_LEVEL} itself (see {@code logback.xml}) and would log at DEBUG after a
   * typo; checking it here turns the typo into an error.
   */
  private static void checkLogLevel(Env env) {
    String level = env.string("LOG_LEVEL", "INFO");
    if (!LOG_LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
      throw new ConfigException(
          "LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, got '" + level + "'");
    }
  }

  /** The LEADER_ELECTION_* variables are read only when leader election is on. */
  private static Optional<LeaderElectionSettings> leaderElection(Env env, Path saNamespace) {
    if (!env.bool("LEADER_ELECTION", false)) {
      return Optional.empty();
    }
    String namespace =
        env.optional("LEADER_ELECTION_NAMESPACE")
            .map(ns -> namespace("LEADER_ELECTION_NAMESPACE", ns))
            .or(() -> env.optional("POD_NAMESPACE").map(ns -> namespace("POD_NAMESPACE", ns)))
            .or(() -> podNamespaceFile(saNamespace))
            .orElseThrow(
                () ->
                    new ConfigException(
                        "LEADER_ELECTION_NAMESPACE is required when LEADER_ELECTION is true outside"
                            + " a pod (no POD_NAMESPACE, no "
                            + saNamespace
                            + ")"));
    String leaseName = env.string("LEADER_ELECTION_ID", DEFAULT_LEASE_NAME);
    if (leaseName.length() > 253 || !DNS_SUBDOMAIN.matcher(leaseName).matches()) {
      throw new ConfigException(
          "LEADER_ELECTION_ID must be a Lease name (lowercase letters, digits, '-' and '.', at"
              + " most 253 characters), got '"
              + leaseName
              + "'");
    }
    return Optional.of(LeaderElectionSettings.of(namespace, leaseName, identity(env)));
  }

  private static Optional<String> podNamespaceFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(namespace(file.toString(), Files.readString(file).trim()));
    } catch (IOException e) {
      throw new ConfigException("cannot read the pod's namespace from " + file + ": " + e);
    }
  }

  private static String namespace(String source, String value) {
    if (!DNS_LABEL.matcher(value).matches()) {
      throw new ConfigException(
          source
              + " must hold namespace names (lowercase letters, digits and '-', at most 63"
              + " characters), got '"
              + value
              + "'");
    }
    return value;
  }

  /**
   * Unique per process: the host name is the pod's name in Kubernetes, and the process id tells two
   * operators on one laptop apart.
   */
  private static String identity(Env env) {
    String host = env.optional("HOSTNAME").orElseGet(Settings::localHostName);
    return host + "-" + ProcessHandle.current().pid();
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "chaoslab-operator";
    }
  }
}
