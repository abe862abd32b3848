package io.chaoslab.common.http;

/**
 * A dependency (database, another service) cannot answer right now. Always a 503: the request may
 * succeed later, and nothing was changed on its behalf.
 */
public final class DependencyUnavailableException extends ApiException {
  private final String dependency;

  public DependencyUnavailableException(String dependency, String code, String message) {
    super(503, code, message);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}
