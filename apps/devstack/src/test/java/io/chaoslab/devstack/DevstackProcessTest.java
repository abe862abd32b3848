package io.chaoslab.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chaoslab.common.testing.TestHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devstack as a user runs it: its own JVM, stopped with a signal like Ctrl-C. */
class DevstackProcessTest {

  @Test
  void startsServesAnOrderAndStopsLeavingNothingBehind(@TempDir Path dir) throws Exception {
    int[] ports = freePorts(4);
    Path output = dir.resolve("devstack.out");
    Path dataDir = dir.resolve("data");
    Process devstack =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                DevstackMain.class.getName(),
                "--order-port=" + ports[0],
                "--inventory-port=" + ports[1],
                "--notification-port=" + ports[2],
                "--db-port=" + ports[3],
                "--data-dir=" + dataDir,
                "--log-level=WARN")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !devstack.isAlive() || Files.readString(output).contains(Banner.READY_LINE));
      assertThat(devstack.isAlive()).as(Files.readString(output)).isTrue();
      assertThat(Files.readString(output)).contains("curl -s -X POST http://localhost:" + ports[0]);

      TestHttp.Response order =
          TestHttp.postJson(
              "http://localhost:" + ports[0] + "/orders",
              "{\"productId\":\"mouse\",\"quantity\":1,\"customerEmail\":\"ada@example.com\"}");
      assertThat(order.status()).as(order.toString()).isEqualTo(201);

      assertThat(processesUsing(dataDir)).as("PostgreSQL runs on the data directory").isNotEmpty();
    } finally {
      devstack.destroy(); // SIGTERM, as Ctrl-C would
      assertThat(devstack.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    String log = Files.readString(output);
    assertThat(devstack.exitValue()).as(log).isIn(0, 143);
    assertThat(log).contains("devstack: stopped");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(processesUsing(dataDir)).as("orphans").isEmpty());
    for (int port : ports) {
      assertThat(listening(port)).as("port %d is closed", port).isFalse();
    }
  }

  /** PostgreSQL detaches from the JVM (pg_ctl), so it is found by its data directory. */
  private static List<ProcessHandle> processesUsing(Path dataDir) {
    String path = dataDir.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(path)).orElse(false))
        .toList();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    int[] ports = new int[count];
    try {
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
    return ports;
  }
}
