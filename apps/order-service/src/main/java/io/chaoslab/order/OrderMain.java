package io.chaoslab.order;

import io.chaoslab.common.http.ServiceLauncher;

/** {@code java -jar order-service.jar}, configured by environment variables. */
public final class OrderMain {
  private OrderMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(OrderService.NAME, OrderService::start);
  }
}
