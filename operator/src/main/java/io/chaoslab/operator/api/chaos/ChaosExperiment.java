package io.chaoslab.operator.api.chaos;

import io.chaoslab.operator.api.ChaosLabResource;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One chaos experiment: kill pods of a target, measure how the workload recovers, and end with a
 * verdict a pipeline waits on ({@code kubectl wait --for=condition=Complete cx/NAME}). {@code
 * kubectl get cx} shows its phase, target, pods killed, mean time to recovery, availability and
 * age.
 */
@Group("chaoslab.io")
@Version("v1alpha1")
@Plural("chaosexperiments")
@ShortNames({"chaos", "cx"})
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Target", jsonPath = ".status.target")
@AdditionalPrinterColumn(name = "Kills", jsonPath = ".status.killCount", type = Type.INTEGER)
@AdditionalPrinterColumn(
    name = "MTTR",
    jsonPath = ".status.recovery.meanSeconds",
    type = Type.NUMBER,
    getDescription = "Mean time to recovery over all kills, in seconds.")
@AdditionalPrinterColumn(
    name = "Availability",
    jsonPath = ".status.availability.percent",
    type = Type.NUMBER,
    getDescription = "Percent of probe calls that succeeded during the experiment.")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class ChaosExperiment extends ChaosLabResource<ChaosExperimentSpec, ChaosExperimentStatus> {}
