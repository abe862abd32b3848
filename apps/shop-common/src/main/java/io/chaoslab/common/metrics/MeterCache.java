package io.chaoslab.common.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One meter per combination of labels, found on the request path by a plain map lookup instead of
 * building and registering a Micrometer meter id per request. The key is usually a small record of
 * the label values; {@code create} registers the meter the first time a key is seen.
 */
public final class MeterCache<K, M> {
  private final ConcurrentHashMap<K, M> meters = new ConcurrentHashMap<>();
  private final Function<K, M> create;

  public MeterCache(Function<K, M> create) {
    this.create = create;
  }

  public M get(K key) {
    M meter = meters.get(key);
    return meter != null ? meter : meters.computeIfAbsent(key, create);
  }
}
