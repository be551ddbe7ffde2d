package io.ordo.orchestrator.metering;

import io.ordo.orchestrator.engine.Attempt;
import io.ordo.orchestrator.engine.AttemptStatus;
import io.ordo.orchestrator.engine.RunState;
import io.ordo.orchestrator.engine.StepExecution;
import io.ordo.orchestrator.engine.StepStatus;
import io.ordo.orchestrator.engine.Transition.ChangedStep;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a change of a run's state means for its functions' bills: attempts that appeared are
 * invocations, attempts that ended leave the in-flight count with their duration, steps that went
 * to backing off are retries. Pure, so it sees exactly what the engine did.
 */
public final class UsageMeter {

  private UsageMeter() {}

  public static Map<String, UsageDelta> between(@Nullable RunState before, RunState after) {
    Map<String, StepExecution> earlierSteps = byId(before);
    Map<String, UsageDelta> usage = new HashMap<>();
    for (StepExecution step : after.steps()) {
      count(usage, earlierSteps.get(step.stepId()), step);
    }
    return dropEmpty(usage);
  }

  /**
   * Adds the usage of changed executions to {@code total}: only what a batch changed is looked at,
   * so metering a result costs the same in a run of ten thousand steps as in one of three.
   */
  public static void addTo(Map<String, UsageDelta> total, List<ChangedStep> changed) {
    Map<String, UsageDelta> usage = new HashMap<>();
    for (ChangedStep step : changed) {
      count(usage, step.before(), step.step());
    }
    dropEmpty(usage)
        .forEach(
            (function, delta) -> total.computeIfAbsent(function, f -> new UsageDelta()).add(delta));
  }

  private static void count(
      Map<String, UsageDelta> usage, @Nullable StepExecution earlier, StepExecution step) {
    if (step.function() == null || !step.hasAttempts()) {
      return; // a switch, a wait, a child run, …: no function was called
    }
    UsageDelta delta = usage.computeIfAbsent(step.function(), f -> new UsageDelta());
    for (Attempt attempt : step.attempts()) {
      Attempt was = earlier == null ? null : attemptNumber(earlier, attempt.number()).orElse(null);
      count(delta, was, attempt);
    }
    boolean wasBackingOff = earlier != null && earlier.status() == StepStatus.BACKING_OFF;
    if (step.status() == StepStatus.BACKING_OFF && !wasBackingOff) {
      delta.retries++;
    }
  }

  private static Map<String, UsageDelta> dropEmpty(Map<String, UsageDelta> usage) {
    usage
        .values()
        .removeIf(
            d ->
                d.invocations == 0
                    && d.inFlight == 0
                    && d.retries == 0
                    && d.completed == 0
                    && d.failures == 0);
    return usage;
  }

  /** {@code run}'s steps by id: a forEach may hold thousands, too many to search one by one. */
  private static Map<String, StepExecution> byId(@Nullable RunState run) {
    if (run == null) {
      return Map.of();
    }
    Map<String, StepExecution> steps = HashMap.newHashMap(run.steps().size());
    run.steps().forEach(s -> steps.put(s.stepId(), s));
    return steps;
  }

  private static void count(UsageDelta delta, @Nullable Attempt was, Attempt now) {
    if (was == null) {
      delta.invocations++;
      if (now.status().isInFlight()) {
        delta.inFlight++;
        return;
      }
    } else if (!was.status().isInFlight() || now.status().isInFlight()) {
      return;
    } else {
      delta.inFlight--;
    }
    switch (now.status()) {
      case COMPLETED -> delta.completed++;
      case FAILED, TIMED_OUT -> delta.failures++;
      case CANCELLED, SCHEDULED, RUNNING -> {}
    }
    if (now.startedAt() != null
        && now.finishedAt() != null
        && now.status() != AttemptStatus.CANCELLED) {
      delta.duration(Math.max(0, Duration.between(now.startedAt(), now.finishedAt()).toMillis()));
    }
  }

  private static Optional<Attempt> attemptNumber(StepExecution step, int number) {
    return step.attempts().stream().filter(a -> a.number() == number).findFirst();
  }
}
