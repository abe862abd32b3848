package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ShopStack;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;

/**
 * A ClusterIP Service per service (port {@code http}), and one for the managed database. The
 * services find each other by these names ({@code http://<shop>-inventory:5001}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = ShopObjects.MANAGED_SELECTOR))
class ShopServicesDependent extends ShopBulkDependent<Service> {
  ShopServicesDependent() {
    super(Service.class);
  }

  @Override
  List<Service> desired(ShopStack shop) {
    List<Service> services = new ArrayList<>();
    for (Component component : Component.values()) {
      services.add(service(shop, component.id(), "http", component.port(), "http"));
    }
    if (DatabaseSecret.managed(shop)) {
      services.add(
          service(shop, ShopObjects.DATABASE, "postgres", ManagedDatabase.PORT, "postgres"));
    }
    return services;
  }

  private static Service service(
      ShopStack shop, String part, String portName, int port, String targetPort) {
    return new ServiceBuilder()
        .withMetadata(ShopObjects.metadata(shop, part))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(ShopObjects.selector(shop, part))
        .addNewPort()
        .withName(portName)
        .withPort(port)
        .withTargetPort(new IntOrString(targetPort))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
