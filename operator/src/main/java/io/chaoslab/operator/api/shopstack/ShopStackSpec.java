package io.chaoslab.operator.api.shopstack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * The desired shop. Every block may be left out: the API server fills it in from the CRD's
 * defaults, and a spec read from YAML gets the same values from the field initializers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShopStackSpec {

  // @Default("{}"): the generator reads "{}" into the block's class, so the CRD's default for a
  // left-out block is that block with its field defaults, e.g. order: {replicas: 2}.

  @JsonPropertyDescription("Where the service images come from and which version runs.")
  @Default("{}")
  private ImageSpec image = new ImageSpec();

  @JsonPropertyDescription("The order service (port 5000).")
  @Default("{}")
  private ComponentSpec order = new ComponentSpec();

  @JsonPropertyDescription("The inventory service (port 5001).")
  @Default("{}")
  private ComponentSpec inventory = new ComponentSpec();

  @JsonPropertyDescription("The notification service (port 5002).")
  @Default("{}")
  private ComponentSpec notification = new ComponentSpec();

  @JsonPropertyDescription("The PostgreSQL database: run by the operator, or an external one.")
  @Default("{}")
  private DatabaseSpec database = new DatabaseSpec();

  @JsonPropertyDescription("Prometheus Operator integration.")
  @Default("{}")
  private MonitoringSpec monitoring = new MonitoringSpec();

  public ImageSpec getImage() {
    return image;
  }

  public void setImage(ImageSpec image) {
    this.image = image;
  }

  public ComponentSpec getOrder() {
    return order;
  }

  public void setOrder(ComponentSpec order) {
    this.order = order;
  }

  public ComponentSpec getInventory() {
    return inventory;
  }

  public void setInventory(ComponentSpec inventory) {
    this.inventory = inventory;
  }

  public ComponentSpec getNotification() {
    return notification;
  }

  public void setNotification(ComponentSpec notification) {
    this.notification = notification;
  }

  public DatabaseSpec getDatabase() {
    return database;
  }

  public void setDatabase(DatabaseSpec database) {
    this.database = database;
  }

  public MonitoringSpec getMonitoring() {
    return monitoring;
  }

  public void setMonitoring(MonitoringSpec monitoring) {
    this.monitoring = monitoring;
  }
}
