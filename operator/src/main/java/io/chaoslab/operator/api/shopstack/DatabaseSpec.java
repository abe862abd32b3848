package io.chaoslab.operator.api.shopstack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The shop's PostgreSQL: either run by the operator (a StatefulSet with a volume of {@code storage}
 * and a generated Secret), or an external one whose connection settings the user puts in the Secret
 * {@code secretRef}. The two CEL rules make the choice explicit: one or the other, never a half of
 * each.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.managed || has(self.secretRef)",
    message =
        "secretRef is required when managed is false: name the Secret of the external database")
@ValidationRule(
    value = "!self.managed || !has(self.secretRef)",
    message =
        "secretRef is only for an external database: set managed to false, or remove secretRef")
public class DatabaseSpec {

  /** A non-negative Kubernetes quantity, such as {@code 1Gi}, {@code 500M} or {@code 1e9}. */
  static final String QUANTITY_PATTERN =
      "^([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+))?$";

  /** A Kubernetes object name (DNS-1123 subdomain). */
  public static final String OBJECT_NAME_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  @JsonPropertyDescription(
      "true: the operator runs PostgreSQL for this shop; false: use the database in secretRef.")
  @Default("true")
  private Boolean managed = true;

  @JsonPropertyDescription("Volume size of the managed database, a quantity such as 1Gi.")
  @Pattern(QUANTITY_PATTERN)
  @Default("1Gi")
  private String storage = "1Gi";

  @JsonPropertyDescription(
      "External database only: the Secret in the ShopStack's namespace holding its connection"
          + " settings (DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD).")
  @Pattern(OBJECT_NAME_PATTERN)
  @Size(max = 253)
  private String secretRef;

  public Boolean getManaged() {
    return managed;
  }

  public void setManaged(Boolean managed) {
    this.managed = managed;
  }

  public String getStorage() {
    return storage;
  }

  public void setStorage(String storage) {
    this.storage = storage;
  }

  public String getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(String secretRef) {
    this.secretRef = secretRef;
  }
}
