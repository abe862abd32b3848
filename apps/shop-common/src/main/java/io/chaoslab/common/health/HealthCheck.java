package io.chaoslab.common.health;

/** One dependency that must answer for the service to be ready. */
public interface HealthCheck {
  /** The name shown in the {@code /ready} body, e.g. {@code database} or {@code inventory}. */
  String name();

  /** Returns normally when the dependency answers; throws with a short reason when it does not. */
  void check() throws Exception;

  static HealthCheck of(String name, Check check) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void check() throws Exception {
        check.run();
      }
    };
  }

  /** The body of a check. */
  @FunctionalInterface
  interface Check {
    void run() throws Exception;
  }
}
