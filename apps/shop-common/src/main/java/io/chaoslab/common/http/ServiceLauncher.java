package io.chaoslab.common.http;

import io.chaoslab.common.config.ConfigException;
import io.chaoslab.common.config.Env;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's {@code main}: starts it from the environment and stops it gracefully on SIGTERM.
 * Exits 2 on invalid configuration (one log line naming the variable, no stack trace) and 1 when it
 * cannot start (for example the database stayed unreachable).
 */
public final class ServiceLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

  private ServiceLauncher() {}

  public static void launch(String service, Function<Env, ShopServer> start) {
    ShopServer server;
    try {
      server = start.apply(Env.system());
    } catch (ConfigException e) {
      LOG.atError()
          .addKeyValue("service", service)
          .addKeyValue("reason", e.getMessage())
          .log("invalid configuration, not starting: " + e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      LOG.atError()
          .addKeyValue("service", service)
          .addKeyValue("reason", e.getMessage())
          .setCause(e)
          .log("cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, service + "-shutdown"));
  }
}
