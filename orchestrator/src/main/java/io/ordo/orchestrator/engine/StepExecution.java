package io.ordo.orchestrator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A step of a run with all its attempts. A compensation is a step of its own, with id {@code
 * <stepId>.compensate}, so that it has attempts, retries and timeouts like any other.
 *
 * @param definitionId the id of the step in the workflow definition
 * @param attemptsBefore attempts made before an operator's retry; the retry policy counts from here
 */
public record StepExecution(
    String stepId,
    String definitionId,
    Kind kind,
    String function,
    StepStatus status,
    List<Attempt> attempts,
    int attemptsBefore,
    @Nullable JsonNode output,
    @Nullable Instant nextAttemptAt,
    @Nullable Instant completedAt) {

  public enum Kind {
    FORWARD,
    COMPENSATION
  }

  public static final String COMPENSATION_SUFFIX = ".compensate";

  public StepExecution {
    attempts = List.copyOf(attempts);
  }

  static StepExecution first(String definitionId, Kind kind, String function, Attempt attempt) {
    String id = kind == Kind.FORWARD ? definitionId : definitionId + COMPENSATION_SUFFIX;
    return new StepExecution(
        id, definitionId, kind, function, StepStatus.ACTIVE, List.of(attempt), 0, null, null, null);
  }

  public Attempt lastAttempt() {
    return attempts.getLast();
  }

  /** The attempt number within the current retry budget (resets when an operator retries). */
  int attemptInBudget() {
    return lastAttempt().number() - attemptsBefore;
  }

  StepExecution withLastAttempt(Attempt attempt, StepStatus next) {
    List<Attempt> all = new ArrayList<>(attempts);
    all.set(all.size() - 1, attempt);
    return new StepExecution(
        stepId,
        definitionId,
        kind,
        function,
        status == next ? status : status.to(next),
        all,
        attemptsBefore,
        output,
        null,
        completedAt);
  }

  StepExecution completedWith(Attempt attempt, Instant at) {
    StepExecution done = withLastAttempt(attempt, StepStatus.COMPLETED);
    return new StepExecution(
        stepId,
        definitionId,
        kind,
        function,
        done.status,
        done.attempts,
        attemptsBefore,
        attempt.output(),
        null,
        at);
  }

  StepExecution backingOffUntil(Instant next) {
    return new StepExecution(
        stepId,
        definitionId,
        kind,
        function,
        status.to(StepStatus.BACKING_OFF),
        attempts,
        attemptsBefore,
        output,
        next,
        completedAt);
  }

  StepExecution withNewAttempt(Attempt attempt, int budgetStart) {
    List<Attempt> all = new ArrayList<>(attempts);
    all.add(attempt);
    return new StepExecution(
        stepId,
        definitionId,
        kind,
        function,
        status.to(StepStatus.ACTIVE),
        all,
        budgetStart,
        output,
        null,
        completedAt);
  }
}
