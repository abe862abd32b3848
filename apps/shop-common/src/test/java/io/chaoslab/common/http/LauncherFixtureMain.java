package io.chaoslab.common.http;

import io.chaoslab.common.metrics.ShopMetrics;

/** A minimal service started through {@link ServiceLauncher}, run as a child JVM by its test. */
public final class LauncherFixtureMain {
  private LauncherFixtureMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(
        "fixture",
        env ->
            ShopServer.builder("fixture", new ShopMetrics())
                .port(env.integer("PORT", 0, 0, 65535))
                .shutdown(ShutdownSettings.fromEnv(env))
                .start());
  }
}
