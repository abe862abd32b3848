package io.chaoslab.operator.shopstack;

import io.chaoslab.operator.api.shopstack.DatabaseSpec;
import io.chaoslab.operator.api.shopstack.ShopStack;
import java.util.List;

/**
 * The Secret the services read their database settings from: the generated {@code <shop>-database}
 * of a managed database, or the user's {@code database.secretRef}.
 */
final class DatabaseSecret {
  static final String URL_KEY = "DATABASE_URL";
  static final String USER_KEY = "DATABASE_USER";
  static final String PASSWORD_KEY = "DATABASE_PASSWORD";
  static final List<String> KEYS = List.of(URL_KEY, USER_KEY, PASSWORD_KEY);

  private DatabaseSecret() {}

  static boolean managed(ShopStack shop) {
    DatabaseSpec database = shop.getSpec().getDatabase();
    return database == null || !Boolean.FALSE.equals(database.getManaged());
  }

  static String name(ShopStack shop) {
    return managed(shop)
        ? ShopObjects.name(shop, ShopObjects.DATABASE)
        : shop.getSpec().getDatabase().getSecretRef();
  }
}
