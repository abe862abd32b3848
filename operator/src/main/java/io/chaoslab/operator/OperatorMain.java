package io.chaoslab.operator;

import io.chaoslab.common.config.ConfigException;
import io.chaoslab.operator.runtime.ChaosLabOperator;
import io.chaoslab.operator.runtime.Settings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar chaoslab-operator.jar}: the operator, configured by environment variables, on
 * the cluster of the pod's service account or of the current kubeconfig context.
 *
 * <p>Exit status: 2 for invalid configuration (one line on stderr), 1 when it cannot start or loses
 * the lease while running, 143 after SIGTERM (the JVM's status for it, like the shop services).
 */
public final class OperatorMain {
  private OperatorMain() {}

  public static void main(String[] args) {
    Settings settings;
    try {
      if (args.length > 0) {
        throw new ConfigException(
            "takes no arguments, only environment variables (see operator/README.md)");
      }
      settings = Settings.fromEnvironment();
    } catch (ConfigException e) {
      // Before any logger exists: logback itself reads LOG_LEVEL, which may be the bad value.
      System.err.println("chaoslab-operator: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Logger log = LoggerFactory.getLogger(OperatorMain.class);
    try {
      KubernetesClient client = new KubernetesClientBuilder().build();
      ChaosLabOperator operator = new ChaosLabOperator(settings, client);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    operator.stop();
                    client.close();
                  },
                  "operator-shutdown"));
      operator.start();
    } catch (RuntimeException e) {
      log.atError().setCause(e).log("cannot start: " + describe(e));
      System.exit(1);
    }
  }

  /**
   * The causes' messages in order, without JOSDK's and the executors' wrappers (whose message only
   * repeats their cause): "Error starting operator: Couldn't start informer for shopstacks...:
   * ConnectException".
   */
  private static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    Throwable t = e;
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      boolean wrapper =
          t.getCause() != null && Objects.equals(t.getMessage(), t.getCause().toString());
      if (!wrapper) {
        parts.add(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
      }
    }
    return String.join(": ", parts);
  }
}
