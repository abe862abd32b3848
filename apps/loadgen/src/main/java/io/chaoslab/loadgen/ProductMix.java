package io.chaoslab.loadgen;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine;

/**
 * Which products the orders go to and how often: {@code keyboard,mouse:3} sends three orders for a
 * mouse for every keyboard. Products are drawn at random (with the run's seed) by weight.
 */
final class ProductMix {
  static final int MAX_WEIGHT = 1_000_000;

  /** One product and its weight. */
  record Entry(String productId, int weight) {}

  private final List<Entry> entries;
  private final long[] cumulative;
  private final long totalWeight;

  private ProductMix(List<Entry> entries) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a product mix needs at least one product");
    }
    this.entries = List.copyOf(entries);
    this.cumulative = new long[entries.size()];
    long sum = 0;
    for (int i = 0; i < entries.size(); i++) {
      sum += entries.get(i).weight();
      cumulative[i] = sum;
    }
    this.totalWeight = sum;
  }

  static ProductMix of(List<Entry> entries) {
    return new ProductMix(entries);
  }

  /** Every product once, with equal weights. */
  static ProductMix equal(Collection<String> productIds) {
    return new ProductMix(productIds.stream().map(id -> new Entry(id, 1)).toList());
  }

  /**
   * Parses {@code keyboard,mouse:3}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static List<Entry> parse(String spec) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (String item : spec.split(",", -1)) {
      String text = item.trim();
      int colon = text.indexOf(':');
      String id = colon < 0 ? text : text.substring(0, colon).trim();
      if (id.isEmpty() || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException(
            "'" + spec + "' is not a product list; write for example keyboard,mouse:3");
      }
      int weight = colon < 0 ? 1 : weight(id, text.substring(colon + 1).trim());
      if (entries.put(id, new Entry(id, weight)) != null) {
        throw new IllegalArgumentException("product '" + id + "' is listed twice");
      }
    }
    return List.copyOf(entries.values());
  }

  private static int weight(String id, String text) {
    int weight;
    try {
      weight = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      weight = -1;
    }
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException(
          "the weight of '"
              + id
              + "' must be a whole number from 1 to "
              + MAX_WEIGHT
              + ", got '"
              + text
              + "'");
    }
    return weight;
  }

  /** The index of a product drawn at random by weight. */
  int draw(SplittableRandom random) {
    if (entries.size() == 1) {
      return 0;
    }
    long r = random.nextLong(totalWeight);
    for (int i = 0; i < cumulative.length; i++) {
      if (r < cumulative[i]) {
        return i;
      }
    }
    throw new AssertionError("unreachable: " + r + " >= " + totalWeight);
  }

  int size() {
    return entries.size();
  }

  String productId(int index) {
    return entries.get(index).productId();
  }

  /** The products of this mix that {@code catalog} does not have. */
  List<String> missingFrom(Collection<String> catalog) {
    List<String> missing = new ArrayList<>();
    for (Entry e : entries) {
      if (!catalog.contains(e.productId())) {
        missing.add(e.productId());
      }
    }
    return missing;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Entry e : entries) {
      text.append(text.isEmpty() ? "" : ",").append(e.productId());
      if (e.weight() != 1) {
        text.append(':').append(e.weight());
      }
    }
    return text.toString();
  }

  /** picocli: {@code --products keyboard,mouse:3}. */
  static final class Converter implements CommandLine.ITypeConverter<ProductMix> {
    @Override
    public ProductMix convert(String value) {
      try {
        return of(parse(value));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
