package io.chaoslab.operator.chaos;

import io.chaoslab.operator.api.chaos.Action;
import io.chaoslab.operator.api.chaos.ChaosExperiment;
import io.chaoslab.operator.api.chaos.ChaosExperimentSpec;
import io.chaoslab.operator.api.chaos.ChaosExperimentStatus;
import io.chaoslab.operator.api.chaos.ExperimentPhase;
import io.chaoslab.operator.api.chaos.KillStatus;
import io.chaoslab.operator.api.chaos.Mode;
import io.chaoslab.operator.api.chaos.PlannedKill;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One experiment from start to verdict, on its own virtual thread: checks the spec, the namespace
 * and the steady state, then runs its rounds (pick, kill, measure the recovery), then writes the
 * verdict. The status is its memory: it is written before and after every round's kills, so an
 * operator restarted mid-run (or a new leader) reads where this one stopped and carries on ({@link
 * RoundResume}).
 */
final class ExperimentRun {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRun.class);

  /** The longest the run waits for the replacements to serve once the workload is Ready again. */
  private static final Duration SERVING_WAIT = Duration.ofSeconds(5);

  private final ExperimentContext ctx;
  private final ChaosExperiment experiment;
  private final ChaosExperimentSpec spec;
  private final ChaosExperimentStatus status;
  private ChaosMetrics.Labels labels;
  private TargetWatch watch;
  private Availability availability;
  private ProbeRunner probe;

  /** Whether a Service routes to the target: only then is there a {@code servingAt} to wait for. */
  private boolean behindAService;

  ExperimentRun(ExperimentContext ctx, ChaosExperiment experiment) {
    this.ctx = ctx;
    this.experiment = experiment;
    this.spec = experiment.getSpec();
    this.status =
        experiment.getStatus() == null ? new ChaosExperimentStatus() : experiment.getStatus();
  }

  /** Runs to a verdict, or until interrupted (the operator stops: the next one carries on). */
  void run() {
    try {
      execute();
    } catch (InterruptedException e) {
      stopping();
    } catch (CannotRun e) {
      finishWithError(e.reason(), e.getMessage());
    } catch (ExperimentStatusWriter.Gone e) {
      log().log("the experiment was deleted: it stops here");
    } catch (RuntimeException e) {
      if (Thread.interrupted()) {
        // an API call interrupted (fabric8 wraps it): the operator is stopping, not failing; the
        // flag is cleared so that the availability can still be written
        stopping();
        return;
      }
      LOG.atError()
          .addKeyValue("experiment", name())
          .addKeyValue("namespace", namespace())
          .setCause(e)
          .log("the experiment failed in the operator");
      finishWithError("OperatorError", "the operator failed: " + e.getMessage());
    } finally {
      if (probe != null) {
        probe.close();
      }
      if (watch != null) {
        watch.close();
      }
    }
  }

  private void execute() throws InterruptedException, CannotRun {
    List<String> problems = ExperimentSpecCheck.problems(spec);
    if (!problems.isEmpty()) {
      throw new CannotRun(CannotRun.INVALID_SPEC, String.join("; ", problems));
    }
    Target target = Target.of(spec.getTarget());
    labels =
        new ChaosMetrics.Labels(namespace(), target.description(), spec.getAction().wireName());
    status.setTarget(target.description());
    ctx.preflight().namespaceEnabled(namespace());
    watch = TargetWatch.start(ctx.client(), namespace(), target.pods());
    behindAService = watch.behindAService();
    if (status.getPhase() == null || status.getPhase() == ExperimentPhase.Pending) {
      start(target);
      if (spec.getDryRun()) {
        return;
      }
    } else {
      log().addKeyValue("round", lastRound()).log("resuming the experiment where it stopped");
    }
    rounds();
  }

  private void start(Target target) throws CannotRun {
    int desired = ctx.preflight().steadyState(namespace(), target, watch);
    if (spec.getProbe() != null) {
      Optional<String> failure = ProbeRunner.check(URI.create(spec.getProbe().getUrl()));
      if (failure.isPresent()) {
        throw new CannotRun(
            CannotRun.PROBE_FAILED, "steady state not met: " + failure.get() + "; no pod touched");
      }
    }
    status.setDesiredReadyPods(desired);
    status.setSeed(
        spec.getSeed() != null
            ? spec.getSeed()
            : ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE));
    if (spec.getDryRun()) {
      finishDryRun();
      return;
    }
    status.setPhase(ExperimentPhase.Running);
    status.setStartedAt(StatusRecords.timestamp(Instant.now()));
    status.setKillCount(0);
    status.setMessage(
        "killing %s of %s, %d round(s)"
            .formatted(podsPerRound(), target.description(), spec.getRounds()));
    ctx.outcome().running(status, experiment, status.getMessage());
    write();
    ctx.events().record(ctx.client(), experiment, false, "Started", status.getMessage());
    log().addKeyValue("seed", status.getSeed()).log("experiment started");
  }

  private void finishDryRun() {
    String now = StatusRecords.timestamp(Instant.now());
    status.setStartedAt(now);
    status.setFinishedAt(now);
    List<PlannedKill> plan = new ArrayList<>();
    List<Pod> candidates = watch.servingPods();
    for (int round = 1; round <= spec.getRounds(); round++) {
      for (Pod pod : pick(candidates, round)) {
        plan.add(new PlannedKill(round, pod.getMetadata().getName()));
      }
    }
    status.setPlan(plan);
    String message =
        "dry run: would kill %s in %d round(s), first %s; nothing was touched"
            .formatted(
                podsPerRound(),
                spec.getRounds(),
                plan.stream()
                    .filter(p -> p.getRound() == 1)
                    .map(PlannedKill::getPod)
                    .collect(Collectors.joining(", ")));
    ctx.outcome().dryRun(status, experiment, message);
    write();
    ctx.events().record(ctx.client(), experiment, false, "DryRun", message);
    log().log(message);
  }

  private void rounds() throws InterruptedException, CannotRun {
    Instant deadline = Instant.parse(status.getStartedAt()).plusSeconds(spec.getTimeoutSeconds());
    availability = continuedAvailability();
    Optional<String> stoppedEarly = Optional.empty();
    int last = lastRound();
    boolean recovered = true;
    if (last > 0 && !roundFinished(last)) {
      startProbe();
      recovered = resumeRound(last, deadline);
    }
    for (int round = last + 1; recovered && round <= spec.getRounds(); round++) {
      if (round > 1) {
        stoppedEarly = failFast(round - 1);
        if (stoppedEarly.isPresent()) {
          break;
        }
        Instant next = previousRoundEnd(round - 1).plusSeconds(spec.getIntervalSeconds());
        if (next.isAfter(deadline)) {
          stoppedEarly =
              Optional.of(
                  "stopped after round %d of %d: the timeout of %d s comes before the next round"
                      .formatted(round - 1, spec.getRounds(), spec.getTimeoutSeconds()));
          break;
        }
        sleepUntil(next);
        ctx.preflight().namespaceEnabled(namespace());
        // again after the pause: the service may have failed while the workload looked recovered
        stoppedEarly = failFast(round - 1);
        if (stoppedEarly.isPresent()) {
          break;
        }
      }
      startProbe();
      recovered = runRound(round, deadline);
    }
    if (probe != null) {
      sleepUntil(
          Instant.now().plus(probeTail()).isAfter(deadline)
              ? deadline
              : Instant.now().plus(probeTail()));
      probe.close();
    }
    finish(stoppedEarly);
  }

  /** A round: pick, check the budgets, record the intent, kill, then measure the recovery. */
  private boolean runRound(int round, Instant deadline) throws InterruptedException {
    int desired = status.getDesiredReadyPods();
    RecoveryTracker tracker = watch.track(pods -> RecoveryTracker.before(desired, pods));
    List<Pod> chosen = pick(watch.servingPods(), round);
    DisruptionBudgetGuard guard =
        spec.getAction() == Action.POD_KILL && !spec.getAllowDisruptionBudgetViolation()
            ? new DisruptionBudgetGuard(
                ctx.client()
                    .policy()
                    .v1()
                    .podDisruptionBudget()
                    .inNamespace(namespace())
                    .list()
                    .getItems())
            : null;
    List<KillStatus> entries = new ArrayList<>();
    List<Pod> toKill = new ArrayList<>();
    Instant intent = Instant.now();
    for (Pod pod : chosen) {
      KillStatus entry = new KillStatus();
      entry.setRound(round);
      entry.setPod(pod.getMetadata().getName());
      entry.setUid(pod.getMetadata().getUid());
      Optional<String> refusal = guard == null ? Optional.empty() : guard.refusal(pod);
      if (refusal.isPresent()) {
        entry.setRefused(refusal.get());
      } else {
        entry.setKilledAt(StatusRecords.timestamp(intent));
        toKill.add(pod);
      }
      entries.add(entry);
    }
    kills().addAll(entries);
    status.setMessage(
        "round %d of %d: killing %s".formatted(round, spec.getRounds(), names(toKill)));
    ctx.outcome().running(status, experiment, status.getMessage());
    write();
    entries.stream().filter(e -> e.getRefused() != null).forEach(this::announceRefusal);
    for (Pod pod : toKill) {
      kill(tracker, pod, entry(round, pod.getMetadata().getUid()));
    }
    return measure(round, tracker, deadline);
  }

  /** After a restart: the round's kills are in the status; the watches pick up from there. */
  private boolean resumeRound(int round, Instant deadline) throws InterruptedException {
    List<KillStatus> entries = roundEntries(round);
    int desired = status.getDesiredReadyPods();
    RecoveryTracker tracker = watch.track(pods -> RoundResume.tracker(desired, entries, pods));
    for (KillStatus entry : entries) {
      Optional<Pod> untouched =
          watch.pods().stream()
              .filter(p -> p.getMetadata().getUid().equals(entry.getUid()))
              .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
              .findFirst();
      if (entry.getRefused() == null && untouched.isPresent()) {
        // the previous operator stopped between writing the intent and sending the kill
        tracker.refused(entry.getUid());
        kill(tracker, untouched.get(), entry);
      }
    }
    return measure(round, tracker, deadline);
  }

  private void kill(RecoveryTracker tracker, Pod pod, KillStatus entry) {
    String uid = pod.getMetadata().getUid();
    tracker.killed(pod.getMetadata().getName(), uid, Instant.now());
    Optional<String> refusal = ctx.injector(spec).kill(pod);
    Instant at = Instant.now();
    if (refusal.isPresent()) {
      tracker.refused(uid);
      entry.setKilledAt(null);
      entry.setRefused(refusal.get());
      announceRefusal(entry);
      return;
    }
    tracker.accepted(uid, at);
    entry.setKilledAt(StatusRecords.timestamp(at));
    ctx.metrics().podKilled(labels);
    String message =
        "round %d: %s %s (uid %s)".formatted(entry.getRound(), pastTense(), entry.getPod(), uid);
    ctx.events().record(ctx.client(), experiment, false, "Killed", message);
    log().addKeyValue("pod", entry.getPod()).addKeyValue("uid", uid).log(message);
  }

  /** Waits for the recovery, then writes the round's timeline. */
  private boolean measure(int round, RecoveryTracker tracker, Instant deadline)
      throws InterruptedException {
    List<KillStatus> entries = roundEntries(round);
    status.setKillCount((int) kills().stream().filter(k -> k.getRefused() == null).count());
    if (entries.stream().allMatch(e -> e.getRefused() != null)) {
      watch.untrack();
      write();
      return true;
    }
    status.setMessage(
        "round %d of %d: waiting for %s to recover"
            .formatted(round, spec.getRounds(), status.getTarget()));
    ctx.outcome().running(status, experiment, status.getMessage());
    write();
    boolean recovered = watch.await(tracker::recovered, deadline);
    if (recovered && behindAService) {
      Instant servingDeadline = min(deadline, Instant.now().plus(SERVING_WAIT));
      watch.await(
          () -> tracker.kills().stream().allMatch(k -> k.servingAt().isPresent()), servingDeadline);
    }
    watch.untrack();
    for (RecoveryTracker.Kill kill : tracker.kills()) {
      KillStatus entry = entry(round, kill.uid());
      StatusRecords.fill(entry, round, kill);
      kill.recoverySeconds().ifPresent(s -> ctx.metrics().recovered(labels, s));
    }
    write();
    if (recovered) {
      String message =
          "round %d: %s back at %d Ready pods %s s after the kill"
              .formatted(
                  round,
                  status.getTarget(),
                  status.getDesiredReadyPods(),
                  Verdict.num(
                      entries.stream()
                          .map(KillStatus::getRecoverySeconds)
                          .filter(s -> s != null)
                          .mapToDouble(Double::doubleValue)
                          .max()
                          .orElse(0)));
      ctx.events().record(ctx.client(), experiment, false, "Recovered", message);
      log().addKeyValue("round", round).log(message);
    }
    return recovered;
  }

  private void finish(Optional<String> stoppedEarly) {
    List<KillStatus> done = kills().stream().filter(k -> k.getRefused() == null).toList();
    List<KillStatus> refused = kills().stream().filter(k -> k.getRefused() != null).toList();
    if (done.isEmpty()) {
      finishWithError(
          CannotRun.KILLS_REFUSED,
          "no pod was killed: "
              + refused.stream()
                  .map(k -> k.getPod() + ": " + k.getRefused())
                  .distinct()
                  .collect(Collectors.joining("; ")));
      return;
    }
    Optional<Availability.Summary> seen =
        Optional.ofNullable(availability).map(Availability::summary);
    Verdict verdict =
        Verdict.of(
            done.stream()
                .map(
                    k ->
                        new Verdict.Kill(
                            k.getPod(),
                            k.getRecoverySeconds() == null
                                ? OptionalDouble.empty()
                                : OptionalDouble.of(k.getRecoverySeconds())))
                .toList(),
            slo(),
            seen,
            spec.getTimeoutSeconds(),
            stoppedEarly);
    List<Double> recoveries =
        done.stream().map(KillStatus::getRecoverySeconds).filter(s -> s != null).toList();
    if (!recoveries.isEmpty()) {
      status.setRecovery(StatusRecords.recovery(RecoveryStatistics.of(recoveries)));
    }
    seen.ifPresent(a -> status.setAvailability(StatusRecords.availability(a)));
    String message =
        refused.isEmpty()
            ? verdict.message()
            : verdict.message() + "; %d kill(s) refused".formatted(refused.size());
    String reason = verdict.reason();
    status.setFinishedAt(StatusRecords.timestamp(Instant.now()));
    ctx.outcome().finished(status, experiment, verdict.passed(), reason, message);
    write();
    String result = status.getPhase().name();
    ctx.metrics().experimentFinished(labels, result);
    ctx.events().record(ctx.client(), experiment, !verdict.passed(), result, message);
    log().addKeyValue("phase", result).addKeyValue("reason", reason).log(message);
  }

  /** The operator stops: the status keeps what the next one needs to carry on. */
  private void stopping() {
    saveAvailability();
    log().log("operator stopping: the experiment carries on when the operator runs again");
  }

  /**
   * The operator stops mid-run: what the probe saw so far goes into the status, which is where the
   * next operator's probe carries on from ({@link #continuedAvailability}).
   */
  private void saveAvailability() {
    if (probe == null || status.getPhase() != ExperimentPhase.Running) {
      return;
    }
    probe.close();
    status.setAvailability(StatusRecords.availability(availability.summary()));
    try {
      write();
    } catch (RuntimeException e) {
      LOG.atWarn()
          .addKeyValue("experiment", name())
          .addKeyValue("namespace", namespace())
          .setCause(e)
          .log("could not save the availability seen so far");
    }
  }

  private void finishWithError(String reason, String message) {
    status.setFinishedAt(StatusRecords.timestamp(Instant.now()));
    ctx.outcome().error(status, experiment, reason, message);
    try {
      write();
    } catch (ExperimentStatusWriter.Gone e) {
      return;
    }
    if (labels != null) {
      ctx.metrics().experimentFinished(labels, ExperimentPhase.Error.name());
    }
    ctx.events().record(ctx.client(), experiment, true, reason, message);
    log().addKeyValue("phase", "Error").addKeyValue("reason", reason).log(message);
  }

  // ---- helpers ----

  private List<Pod> pick(List<Pod> candidates, int round) {
    int count =
        KillCount.of(
            spec.getMode(),
            spec.getValue(),
            Math.max(candidates.size(), status.getDesiredReadyPods()));
    return PodPicker.pick(
        candidates, p -> p.getMetadata().getName(), count, status.getSeed(), round);
  }

  private Optional<String> failFast(int roundsDone) {
    if (availability == null || spec.getProbe() == null) {
      return Optional.empty();
    }
    double percent = availability.percentSoFar();
    if (percent >= slo().minAvailabilityPercent()) {
      return Optional.empty();
    }
    return Optional.of(
        "stopped after round %d of %d: availability %s %% fell under the SLO of %s %%"
            .formatted(
                roundsDone,
                spec.getRounds(),
                String.format(java.util.Locale.ROOT, "%.1f", percent),
                Verdict.num(slo().minAvailabilityPercent())));
  }

  private Availability continuedAvailability() {
    if (spec.getProbe() == null) {
      return null;
    }
    var earlier = status.getAvailability();
    return earlier == null
        ? new Availability()
        : Availability.continuing(
            earlier.getProbes(), earlier.getFailures(), earlier.getLongestOutageSeconds());
  }

  private void startProbe() {
    if (spec.getProbe() != null && probe == null) {
      probe =
          ProbeRunner.start(
              URI.create(spec.getProbe().getUrl()),
              Duration.ofMillis(spec.getProbe().getIntervalMillis()),
              availability);
    }
  }

  /** The probe goes on a little after the last recovery, to see the service settled. */
  private Duration probeTail() {
    return Duration.ofMillis(Math.max(1000, 2L * spec.getProbe().getIntervalMillis()));
  }

  private Verdict.Slo slo() {
    var slo = spec.getSlo();
    return new Verdict.Slo(
        slo.getMaxRecoverySeconds(),
        slo.getMinAvailabilityPercent(),
        slo.getMaxOutageSeconds() == null
            ? OptionalDouble.empty()
            : OptionalDouble.of(slo.getMaxOutageSeconds()));
  }

  private String podsPerRound() {
    Mode mode = spec.getMode();
    return switch (mode) {
      case ONE -> "1 pod";
      case FIXED -> spec.getValue() + " pod(s)";
      case PERCENT -> spec.getValue() + " % of the pods";
      case ALL -> "every pod";
    };
  }

  private String pastTense() {
    return spec.getAction() == Action.POD_KILL ? "deleted" : "evicted";
  }

  private List<KillStatus> kills() {
    if (status.getKills() == null) {
      status.setKills(new ArrayList<>());
    }
    return status.getKills();
  }

  private int lastRound() {
    return kills().stream().mapToInt(KillStatus::getRound).max().orElse(0);
  }

  private List<KillStatus> roundEntries(int round) {
    return kills().stream().filter(k -> k.getRound() == round).toList();
  }

  private KillStatus entry(int round, String uid) {
    return roundEntries(round).stream()
        .filter(k -> uid.equals(k.getUid()))
        .findFirst()
        .orElseThrow();
  }

  private boolean roundFinished(int round) {
    return roundEntries(round).stream()
        .allMatch(k -> k.getRefused() != null || k.getRecoverySeconds() != null);
  }

  /** When the round's last kill recovered (or now, when none did). */
  private Instant previousRoundEnd(int round) {
    return roundEntries(round).stream()
        .filter(k -> k.getRecoverySeconds() != null)
        .map(k -> Instant.parse(k.getKilledAt()).plusNanos((long) (k.getRecoverySeconds() * 1e9)))
        .max(Instant::compareTo)
        .orElseGet(Instant::now);
  }

  private void announceRefusal(KillStatus entry) {
    String message =
        "round %d: %s left alone: %s"
            .formatted(entry.getRound(), entry.getPod(), entry.getRefused());
    ctx.events().record(ctx.client(), experiment, true, "KillRefused", message);
    log().addKeyValue("pod", entry.getPod()).log(message);
  }

  private static String names(List<Pod> pods) {
    return pods.isEmpty()
        ? "no pod"
        : pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.joining(", "));
  }

  private static void sleepUntil(Instant at) throws InterruptedException {
    long millis = Duration.between(Instant.now(), at).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private void write() {
    status.setObservedGeneration(experiment.getMetadata().getGeneration());
    ctx.writer().write(experiment, status);
  }

  private org.slf4j.spi.LoggingEventBuilder log() {
    return LOG.atInfo().addKeyValue("experiment", name()).addKeyValue("namespace", namespace());
  }

  private String name() {
    return experiment.getMetadata().getName();
  }

  private String namespace() {
    return experiment.getMetadata().getNamespace();
  }
}
