package io.chaoslab.operator.api.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * The steady-state probe: a URL the operator calls every {@code intervalMillis} from just before
 * the first kill until the last recovery; the calls that fail count against the availability SLO.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProbeSpec {

  /**
   * An absolute http or https URL: a host name, IPv4 address or bracketed IPv6 address, an optional
   * port, then an optional path, query or fragment without spaces (RE2 syntax, as the API server
   * evaluates it).
   */
  public static final String URL_PATTERN =
      "^https?://([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
          + "|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?([/?#][^\\s]*)?$";

  @JsonPropertyDescription(
      "URL the probe calls, e.g. http://demo-order.shop.svc:5000/ready (http or https).")
  @Required
  @Pattern(URL_PATTERN)
  @Size(max = 2048)
  private String url;

  @JsonPropertyDescription("Time between the starts of two probe calls, in milliseconds.")
  @Min(50)
  @Max(60000)
  @Default("250")
  private Integer intervalMillis = 250;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public Integer getIntervalMillis() {
    return intervalMillis;
  }

  public void setIntervalMillis(Integer intervalMillis) {
    this.intervalMillis = intervalMillis;
  }
}
