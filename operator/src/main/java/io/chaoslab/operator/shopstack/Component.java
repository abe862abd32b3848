package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ComponentSpec;
import io.chaoslab.operator.api.shopstack.ShopStackSpec;
import java.util.function.Function;

/** The shop's three services: the image each runs, the port it serves, the database it needs. */
enum Component {
  ORDER("order", 5000, true, ShopStackSpec::getOrder),
  INVENTORY("inventory", 5001, true, ShopStackSpec::getInventory),
  NOTIFICATION("notification", 5002, false, ShopStackSpec::getNotification);

  private final String id;
  private final int port;
  private final boolean usesDatabase;
  private final Function<ShopStackSpec, ComponentSpec> spec;

  Component(
      String id, int port, boolean usesDatabase, Function<ShopStackSpec, ComponentSpec> spec) {
    this.id = id;
    this.port = port;
    this.usesDatabase = usesDatabase;
    this.spec = spec;
  }

  /** The name in labels, object names and status: {@code order}, {@code inventory}, ... */
  String id() {
    return id;
  }

  int port() {
    return port;
  }

  boolean usesDatabase() {
    return usesDatabase;
  }

  /** This component's block of the spec; an absent block means the defaults. */
  ComponentSpec spec(ShopStackSpec shop) {
    ComponentSpec block = spec.apply(shop);
    return block != null ? block : new ComponentSpec();
  }

  /** The image's repository name, as {@code ci/build-images.sh} builds it. */
  String imageName() {
    return id + "-service";
  }
}
