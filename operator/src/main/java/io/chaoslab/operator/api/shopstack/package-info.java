/**
 * The {@code ShopStack} custom resource ({@code chaoslab.io/v1alpha1}): the desired shop in its
 * spec, what the operator observed in its status.
 *
 * <p>These classes are the API, kept apart from the reconciler: the CRD in {@code crds/} is
 * generated from them at build time, so every default, range, pattern and CEL rule written here is
 * enforced by the API server before the operator ever sees a resource.
 */
package io.chaoslab.operator.api.shopstack;
