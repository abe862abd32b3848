package io.chaoslab.loadgen;

import io.chaoslab.loadgen.LoadRun.UnknownProductsException;
import io.chaoslab.loadgen.ShopClient.ShopUnavailableException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code java -jar loadgen.jar}: places orders against a running shop and checks its books. */
@Command(
    name = "loadgen",
    sortOptions = false,
    usageHelpWidth = 100,
    usageHelpAutoWidth = true,
    description = {
      "Places orders against a running ChaosLab shop (the devstack, or a cluster's services"
          + " forwarded to local ports) at a constant arrival rate, open loop: order i is due at"
          + " start + i/rate whether or not earlier orders were answered, and its latency counts"
          + " from that due time, so a slow shop shows as latency instead of as fewer requests.",
      "",
      "Progress goes to stderr once a second. At the end it prints throughput, answers per"
          + " status, latency percentiles and the ledger check: reserved stock must have grown by"
          + " exactly the quantities of the confirmed orders, available + reserved must not have"
          + " changed and nothing may be below zero, and a sample of the created orders must read"
          + " back CONFIRMED. The check assumes nobody else orders the same products during the"
          + " run. Requests without a definite answer (no answer, or a server error) are sent"
          + " again with their Idempotency-Key before the check, as a client would retry, to learn"
          + " whether their order was placed.",
      ""
    },
    descriptionHeading = "%n",
    optionListHeading = "Options:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the run finished and the ledger balances (or was not checked)",
      "1:more answers than --max-error-percent were not 2xx (or loadgen failed)",
      "2:bad arguments, or --products names a product the shop does not have",
      "3:the ledger is broken",
      "4:the shop could not be reached at the start"
    })
public final class LoadgenMain implements Callable<Integer> {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help and exit")
  boolean help;

  @Option(
      names = "--url",
      defaultValue = "http://localhost:5000",
      description = "order service base URL (default: ${DEFAULT-VALUE})")
  String orderUrl;

  @Option(
      names = "--inventory-url",
      defaultValue = "http://localhost:5001",
      description =
          "inventory service base URL, for the product list and the ledger (default:"
              + " ${DEFAULT-VALUE})")
  String inventoryUrl;

  @Option(
      names = "--rate",
      defaultValue = "100",
      description = "orders per second, 1 to 100000 (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--duration",
      converter = Durations.class,
      description =
          "how long to send, e.g. 30s, 2m, 1h; rate x duration orders (default: 30s)."
              + " Not with --count")
  Duration duration;

  @Option(names = "--count", description = "how many orders to send, instead of --duration")
  Long count;

  @Option(
      names = "--warmup",
      defaultValue = "0s",
      converter = Durations.class,
      description =
          "first send for this long, e.g. 20s, ramping from a tenth of --rate up to it, to warm"
              + " the JITs without a cold burst; these orders are left out of the figures but"
              + " count for the ledger (default: ${DEFAULT-VALUE})")
  Duration warmup;

  @Option(
      names = "--concurrency",
      defaultValue = "512",
      description =
          "most requests in flight, 1 to 100000; when reached, the next request waits for a"
              + " slot and counts as a late start (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--products",
      converter = ProductMix.Converter.class,
      paramLabel = "<id[:weight],...>",
      description =
          "products to order and their weights, e.g. keyboard,mouse:3 (default: every product"
              + " GET /products lists, equally)")
  ProductMix products;

  @Option(
      names = "--quantity",
      defaultValue = "1",
      description = "units per order, 1 to 1000 (default: ${DEFAULT-VALUE})")
  int quantity;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = Durations.class,
      description =
          "per request; no answer by then counts as status 'error' (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(
      names = "--seed",
      description =
          "seed of the product draw, for a repeatable order sequence (default: random, printed)")
  Long seed;

  @Option(
      names = "--json",
      description =
          "print the final report as one JSON object on stdout (progress stays on stderr)")
  boolean json;

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  @Option(names = "--no-ledger", description = "do not check the ledger after the run")
  boolean noLedger;

  @Option(
      names = "--ledger-timeout",
      defaultValue = "60s",
      converter = Durations.class,
      description =
          "how long the ledger check waits for the books to balance, while the shop gives back"
              + " the stock of half-done orders (default: ${DEFAULT-VALUE})")
  Duration ledgerTimeout;

  @Option(
      names = "--max-error-percent",
      description =
          "exit 1 when more than this percentage of the answers are not 2xx, 0 to 100"
              + " (default: no limit)")
  Double maxErrorPercent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command with loadgen's error handling: a bad argument is one line and exit code 2. Public
   * for suites that drive traffic in their own JVM (the monitoring tests).
   */
  public static CommandLine commandLine() {
    CommandLine command = new CommandLine(new LoadgenMain());
    command.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("loadgen: " + e.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println("Try 'loadgen --help' for the options.");
          err.flush();
          return LoadRun.EXIT_BAD_ARGUMENTS;
        });
    command.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("loadgen: failed: " + e);
          cmd.getErr().flush();
          return LoadRun.EXIT_TOO_MANY_ERRORS;
        });
    return command;
  }

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = settings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (LoadRun run = new LoadRun(settings, err)) {
      try {
        run.prepare();
      } catch (ShopUnavailableException e) {
        err.println("loadgen: " + e.getMessage());
        err.flush();
        return LoadRun.EXIT_SHOP_UNREACHABLE;
      } catch (UnknownProductsException e) {
        throw new ParameterException(spec.commandLine(), "--products: " + e.getMessage());
      }
      CountDownLatch finished = new CountDownLatch(1);
      Thread onCtrlC = stopOnShutdown(run, finished, settings.timeout());
      try {
        run.generate();
        Report report = run.report(run.checkLedger());
        out.println(settings.json() ? ReportWriter.json(report) : ReportWriter.text(report));
        out.flush();
        return report.exitCode();
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it stopped this run and waits for the report just printed
        }
      }
    }
  }

  /** Ctrl-C stops sending; the requests in flight are answered and the report printed. */
  private static Thread stopOnShutdown(LoadRun run, CountDownLatch finished, Duration timeout) {
    Thread hook =
        new Thread(
            () -> {
              run.stop();
              try {
                finished.await(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "loadgen-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** The options, checked: a bad value is a {@link ParameterException} naming the option. */
  Settings settings() {
    require(rate >= 1 && rate <= 100_000, "--rate must be from 1 to 100000 orders/s, got " + rate);
    if (duration != null && count != null) {
      throw bad("--duration and --count cannot be used together: give one of them");
    }
    require(duration == null || !duration.isZero(), "--duration must be longer than 0, got 0");
    require(count == null || count >= 1, "--count must be at least 1, got " + count);
    require(
        concurrency >= 1 && concurrency <= 100_000,
        "--concurrency must be from 1 to 100000, got " + concurrency);
    require(
        quantity >= 1 && quantity <= 1000, "--quantity must be from 1 to 1000, got " + quantity);
    require(!timeout.isZero(), "--timeout must be longer than 0, got 0");
    require(
        maxErrorPercent == null || (maxErrorPercent >= 0 && maxErrorPercent <= 100),
        "--max-error-percent must be from 0 to 100, got " + maxErrorPercent);
    return new Settings(
        baseUrl("--url", orderUrl),
        baseUrl("--inventory-url", inventoryUrl),
        rate,
        count == null && duration == null ? Duration.ofSeconds(30) : duration,
        count,
        warmup,
        concurrency,
        products,
        quantity,
        timeout,
        json,
        quiet,
        !noLedger,
        ledgerTimeout,
        maxErrorPercent,
        seed != null ? seed : ThreadLocalRandom.current().nextLong());
  }

  private String baseUrl(String option, String value) {
    String url = value.strip();
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        return url.replaceAll("/+$", "");
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw bad(
        option
            + " must be an http:// or https:// URL such as http://localhost:5000, got '"
            + value
            + "'");
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw bad(message);
    }
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
