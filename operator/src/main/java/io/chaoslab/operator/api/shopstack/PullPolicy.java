package io.chaoslab.operator.api.shopstack;

/**
 * When the kubelet pulls a service image. The constants are named as on the wire, like Kubernetes'
 * own, so the value goes into a container's {@code imagePullPolicy} unchanged.
 */
public enum PullPolicy {
  Always,
  IfNotPresent,
  Never
}
