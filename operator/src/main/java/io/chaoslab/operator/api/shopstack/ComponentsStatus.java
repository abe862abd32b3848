package io.chaoslab.operator.api.shopstack;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The observed pods of each component; {@code database} is absent for an external database. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentsStatus {

  private ComponentStatus order;
  private ComponentStatus inventory;
  private ComponentStatus notification;
  private ComponentStatus database;

  public ComponentStatus getOrder() {
    return order;
  }

  public void setOrder(ComponentStatus order) {
    this.order = order;
  }

  public ComponentStatus getInventory() {
    return inventory;
  }

  public void setInventory(ComponentStatus inventory) {
    this.inventory = inventory;
  }

  public ComponentStatus getNotification() {
    return notification;
  }

  public void setNotification(ComponentStatus notification) {
    this.notification = notification;
  }

  public ComponentStatus getDatabase() {
    return database;
  }

  public void setDatabase(ComponentStatus database) {
    this.database = database;
  }
}
