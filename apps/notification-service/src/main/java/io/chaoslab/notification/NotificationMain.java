package io.chaoslab.notification;

import io.chaoslab.common.http.ServiceLauncher;

/** {@code java -jar notification-service.jar}, configured by environment variables. */
public final class NotificationMain {
  private NotificationMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch("notification", NotificationService::start);
  }
}
