package io.chaoslab.inventory;

/** A product's stock as the API shows it: {@code available + reserved} is its initial stock. */
public record Product(String id, String name, int available, int reserved) {}
