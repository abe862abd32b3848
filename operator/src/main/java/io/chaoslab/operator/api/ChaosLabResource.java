package io.chaoslab.operator.api;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * What every ChaosLab custom resource shares: it lives in a namespace, and its {@code spec} is
 * required in the CRD (a resource without one is a broken manifest, even where every field in it
 * has a default).
 */
public abstract class ChaosLabResource<S, T> extends CustomResource<S, T> implements Namespaced {

  /** Overridden only to mark {@code spec} required in the generated CRD. */
  @Override
  @Required
  public S getSpec() {
    return super.getSpec();
  }
}
