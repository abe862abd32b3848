package io.chaoslab.inventory;

import io.chaoslab.common.http.ServiceLauncher;

/** {@code java -jar inventory-service.jar}, configured by environment variables. */
public final class InventoryMain {
  private InventoryMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(InventoryService.NAME, InventoryService::start);
  }
}
