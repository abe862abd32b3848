package io.chaoslab.operator.conditions;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Status conditions in the Kubernetes API conventions' shape. {@code lastTransitionTime} moves only
 * when a condition's status changes, so a watcher can tell how long a state has lasted; reason,
 * message and {@code observedGeneration} are refreshed on every write.
 */
public final class Conditions {
  private final Clock clock;

  public Conditions(Clock clock) {
    this.clock = clock;
  }

  /**
   * The conditions of {@code previous} with {@code type} set; the other conditions are kept as they
   * are.
   */
  public List<Condition> set(
      List<Condition> previous,
      String type,
      boolean status,
      String reason,
      String message,
      long observedGeneration) {
    List<Condition> conditions = new ArrayList<>(previous == null ? List.of() : previous);
    Optional<Condition> old = find(conditions, type);
    String statusText = status ? "True" : "False";
    String transitionTime =
        old.filter(c -> statusText.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElseGet(this::now);
    Condition updated =
        new ConditionBuilder()
            .withType(type)
            .withStatus(statusText)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(observedGeneration)
            .withLastTransitionTime(transitionTime)
            .build();
    old.ifPresentOrElse(
        c -> conditions.set(conditions.indexOf(c), updated), () -> conditions.add(updated));
    return conditions;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** RFC 3339 in UTC with seconds, as the API server writes its own timestamps. */
  private String now() {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
  }
}
