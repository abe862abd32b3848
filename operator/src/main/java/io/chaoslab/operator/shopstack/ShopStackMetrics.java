package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.ComponentStatus;
import io.chaoslab.operator.api.shopstack.ComponentsStatus;
import io.chaoslab.operator.api.shopstack.ShopStack;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pods of each ShopStack's services, for the "ready replicas" panel and the "no ready replica"
 * alert: {@code chaoslab_shopstack_desired_replicas} and {@code chaoslab_shopstack_ready_replicas},
 * labelled {@code namespace}, {@code shopstack} and {@code component} ({@code order}, {@code
 * inventory}, {@code notification}), with the numbers of {@code status.components} as the
 * reconciler last computed them. A ShopStack the operator does not deploy (its spec is invalid or
 * its database Secret is missing) has no series, nor has a deleted one.
 *
 * <p>The reconciler hands over its numbers after every reconcile. It never hears of a deletion (it
 * is no Cleaner: no finalizer), so {@link #deletions()} is an event source that only listens: JOSDK
 * tells each event source of a controller that is {@link ResourceEventAware} of every primary
 * resource deleted, finalizer or not, from the informer that feeds the reconciler. That is simpler
 * than a second informer on ShopStacks (another watch and cache of them), and Micrometer has no
 * hook to list the cache at each scrape.
 *
 * <p>Each metric is a {@link MultiGauge} whose rows change only when a series comes or goes; the
 * values live in holders the rows keep reading. Rewriting every row on each change ({@code
 * overwrite=true}) would remove and add each series again, and a scrape in between would miss it: a
 * gap in the graph, and an alert's {@code for} started over.
 */
final class ShopStackMetrics {
  /** One component's two series and the values they read. */
  private record Series(Tags tags, AtomicInteger desired, AtomicInteger ready) {}

  private final MultiGauge desired;
  private final MultiGauge ready;

  /** The series of each ShopStack with some, by component; guarded by {@code this}. */
  private final Map<ResourceID, Map<Component, Series>> shops = new HashMap<>();

  ShopStackMetrics(MeterRegistry registry) {
    desired =
        MultiGauge.builder("chaoslab.shopstack.desired.replicas")
            .description("Pods a ShopStack's component should have (status.components.*.desired)")
            .register(registry);
    ready =
        MultiGauge.builder("chaoslab.shopstack.ready.replicas")
            .description("Ready pods of a ShopStack's component (status.components.*.ready)")
            .register(registry);
  }

  /**
   * The numbers the reconciler computed for {@code shop}, unless {@code primaries} (the
   * reconciler's cache) no longer has it: it was deleted while it was reconciled, and its deletion
   * may have been seen already.
   */
  synchronized void reconciled(
      ShopStack shop, ComponentsStatus components, Cache<ShopStack> primaries) {
    ResourceID id = ResourceID.fromResource(shop);
    if (!primaries.contains(id)) {
      forget(shop);
      return;
    }
    Map<Component, Series> series = shops.computeIfAbsent(id, k -> new EnumMap<>(Component.class));
    for (Component component : Component.values()) {
      ComponentStatus status = components == null ? null : of(components, component);
      if (status == null || status.getDesired() == null || status.getReady() == null) {
        series.remove(component);
        continue;
      }
      Series s =
          series.computeIfAbsent(
              component,
              c ->
                  new Series(
                      Tags.of(
                          "namespace", id.getNamespace().orElse(""),
                          "shopstack", id.getName(),
                          "component", c.id()),
                      new AtomicInteger(),
                      new AtomicInteger()));
      s.desired().set(status.getDesired());
      s.ready().set(status.getReady());
    }
    if (series.isEmpty()) {
      shops.remove(id);
    }
    register();
  }

  private static ComponentStatus of(ComponentsStatus components, Component component) {
    return switch (component) {
      case ORDER -> components.getOrder();
      case INVENTORY -> components.getInventory();
      case NOTIFICATION -> components.getNotification();
    };
  }

  /** No series for {@code shop} any more: the operator does not deploy it, or it was deleted. */
  synchronized void forget(ShopStack shop) {
    if (shops.remove(ResourceID.fromResource(shop)) != null) {
      register();
    }
  }

  private synchronized void forgetAll() {
    shops.clear();
    register();
  }

  /** Adds the series that came and removes those that went; the others keep their holders. */
  private void register() {
    List<Series> all = shops.values().stream().flatMap(m -> m.values().stream()).toList();
    desired.register(all.stream().map(s -> MultiGauge.Row.of(s.tags(), s.desired())).toList());
    ready.register(all.stream().map(s -> MultiGauge.Row.of(s.tags(), s.ready())).toList());
  }

  /**
   * To register with the reconciler's controller: forgets each ShopStack deleted, and every one
   * when the operator stops (its numbers would no longer follow the pods).
   */
  EventSource<ShopStack, ShopStack> deletions() {
    return new Deletions();
  }

  /** An event source that triggers nothing and has no secondary resources; it only listens. */
  private final class Deletions extends AbstractEventSource<ShopStack, ShopStack>
      implements ResourceEventAware<ShopStack> {
    Deletions() {
      super(ShopStack.class, "shopstack-metrics");
    }

    @Override
    public void onResourceDeleted(ShopStack shop) {
      forget(shop);
    }

    @Override
    public void stop() {
      super.stop();
      forgetAll();
    }

    @Override
    public Set<ShopStack> getSecondaryResources(ShopStack primary) {
      return Set.of();
    }
  }
}
