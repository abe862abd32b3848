package io.chaoslab.operator.api.shopstack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * The service images, {@code <registry>/<service>:<tag>} (for example {@code
 * chaoslab/order-service:0.1.0}), the names {@code ci/build-images.sh} builds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageSpec {

  /**
   * An OCI repository prefix: an optional lower-case host with port, then lower-case path
   * components separated by {@code .}, {@code _}, {@code __} or dashes (RE2 syntax, as the API
   * server evaluates it).
   */
  static final String REGISTRY_PATTERN =
      "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?"
          + "(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*$";

  /** An OCI tag: a word character, then up to 127 word characters, dots or dashes. */
  static final String TAG_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";

  @JsonPropertyDescription(
      "Registry and repository prefix of the images, e.g. chaoslab or ghcr.io/acme/chaoslab.")
  @Pattern(REGISTRY_PATTERN)
  @Size(max = 200)
  @Default("chaoslab")
  private String registry = "chaoslab";

  @JsonPropertyDescription("Image tag of the three services.")
  @Pattern(TAG_PATTERN)
  @Default("0.1.0")
  private String tag = "0.1.0";

  @JsonPropertyDescription("Image pull policy of the service containers.")
  @Default("IfNotPresent")
  private PullPolicy pullPolicy = PullPolicy.IfNotPresent;

  public String getRegistry() {
    return registry;
  }

  public void setRegistry(String registry) {
    this.registry = registry;
  }

  public String getTag() {
    return tag;
  }

  public void setTag(String tag) {
    this.tag = tag;
  }

  public PullPolicy getPullPolicy() {
    return pullPolicy;
  }

  public void setPullPolicy(PullPolicy pullPolicy) {
    this.pullPolicy = pullPolicy;
  }
}
