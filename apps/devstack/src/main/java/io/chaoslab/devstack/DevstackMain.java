package io.chaoslab.devstack;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar devstack.jar}: runs the shop locally until Ctrl-C. */
@Command(
    name = "devstack",
    mixinStandardHelpOptions = true,
    description =
        "Runs the whole ChaosLab shop on this machine: an embedded PostgreSQL and the order,"
            + " inventory and notification services. Stops everything on Ctrl-C.")
public final class DevstackMain implements Callable<Integer> {

  @Option(
      names = "--order-port",
      defaultValue = "5000",
      description = "order-service port (default: ${DEFAULT-VALUE})")
  int orderPort;

  @Option(
      names = "--inventory-port",
      defaultValue = "5001",
      description = "inventory-service port (default: ${DEFAULT-VALUE})")
  int inventoryPort;

  @Option(
      names = "--notification-port",
      defaultValue = "5002",
      description = "notification-service port (default: ${DEFAULT-VALUE})")
  int notificationPort;

  @Option(
      names = "--db-port",
      defaultValue = "0",
      description = "PostgreSQL port (default: a free one)")
  int databasePort;

  @Option(
      names = "--data-dir",
      description =
          "keep the database in this directory across restarts (default: a temporary one, deleted on exit)")
  Path dataDir;

  @Option(
      names = "--database-only",
      description = "start only PostgreSQL, for services run as their own processes (see README)")
  boolean databaseOnly;

  @Option(
      names = "--log-level",
      defaultValue = "INFO",
      description = "service log level: ERROR, WARN, INFO, DEBUG (default: ${DEFAULT-VALUE})")
  String logLevel;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DevstackMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    for (int port : new int[] {orderPort, inventoryPort, notificationPort, databasePort}) {
      if (port < 0 || port > 65535) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "ports must be between 0 and 65535, got " + port);
      }
    }
    // Read by logback's configuration when the first logger is created, which is below.
    System.setProperty("LOG_LEVEL", logLevel);
    out.println(
        "devstack: starting PostgreSQL" + (databaseOnly ? "" : " and the three services") + " ...");
    out.flush();
    Devstack stack;
    try {
      stack =
          Devstack.start(
              new DevstackOptions(
                  orderPort, inventoryPort, notificationPort, databasePort, dataDir));
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("devstack: could not start: " + rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("devstack: stopping ...");
                  out.flush();
                  stack.close();
                  out.println("devstack: stopped");
                  out.flush();
                  stopped.countDown();
                },
                "devstack-shutdown"));
    out.println(databaseOnly ? Banner.databaseOnly(stack, dataDir) : Banner.text(stack, dataDir));
    out.flush();
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return e == root
        ? String.valueOf(e.getMessage())
        : e.getMessage() + " (" + root.getMessage() + ")";
  }
}
