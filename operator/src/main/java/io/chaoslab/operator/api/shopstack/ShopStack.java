package io.chaoslab.operator.api.shopstack;

import io.chaoslab.operator.api.ChaosLabResource;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One shop in one namespace: the three services and their database, deployed and kept healthy by
 * the operator. {@code kubectl get shop} shows its phase, ready pods and age. Every field of its
 * spec has a default, so {@code spec: {}} is the smallest shop.
 */
@Group("chaoslab.io")
@Version("v1alpha1")
@Plural("shopstacks")
@ShortNames("shop")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readySummary")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class ShopStack extends ChaosLabResource<ShopStackSpec, ShopStackStatus> {}
