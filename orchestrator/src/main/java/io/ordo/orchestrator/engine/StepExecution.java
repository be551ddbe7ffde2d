package io.ordo.orchestrator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One execution of a step in a run, with all its attempts. A step inside a {@code forEach} runs
 * once per item, so its id carries the iteration: {@code reserveEach[3].reserveOne}. A compensation
 * is a step of its own, with id {@code <stepId>.compensate}, so that it has attempts, retries and
 * timeouts like any other.
 *
 * @param definitionId the id of the step in the workflow definition
 * @param type the step's kind as the DSL names it: function, switch, parallel, forEach, …
 * @param function the function it calls (function steps and their compensations), else null
 * @param parent the execution whose body this step is in (null at the top level)
 * @param lane which body of the parent: {@code case:0}, {@code default}, {@code branch:1}, {@code
 *     body:4} (the iteration), {@code catch:0}
 * @param attemptsBefore attempts made before an operator's retry; the retry policy counts from here
 * @param error why the step failed, or what its {@code catch} is recovering from
 * @param items the list a {@code forEach} iterates over
 * @param started iterations a {@code forEach} has started
 * @param finished branches or iterations that have finished
 */
public record StepExecution(
    String stepId,
    String definitionId,
    Kind kind,
    String type,
    @Nullable String function,
    @Nullable String parent,
    @Nullable String lane,
    StepStatus status,
    List<Attempt> attempts,
    int attemptsBefore,
    @Nullable JsonNode output,
    @Nullable Failure error,
    @Nullable Instant nextAttemptAt,
    @Nullable Instant startedAt,
    @Nullable Instant completedAt,
    @Nullable JsonNode items,
    int started,
    int finished) {

  public enum Kind {
    FORWARD,
    COMPENSATION
  }

  public static final String COMPENSATION_SUFFIX = ".compensate";

  public StepExecution {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
    type = type == null ? "function" : type; // rows written before step kinds were recorded
  }

  static StepExecution start(
      String stepId,
      String definitionId,
      Kind kind,
      String type,
      @Nullable String function,
      @Nullable String parent,
      @Nullable String lane,
      StepStatus status,
      Instant now) {
    return new StepExecution(
        stepId,
        definitionId,
        kind,
        type,
        function,
        parent,
        lane,
        status,
        List.of(),
        0,
        null,
        null,
        null,
        now,
        status == StepStatus.SKIPPED ? now : null,
        null,
        0,
        0);
  }

  public Attempt lastAttempt() {
    return attempts.getLast();
  }

  public boolean hasAttempts() {
    return !attempts.isEmpty();
  }

  /** Where attempt {@code number} is in {@link #attempts()}, or -1. */
  int attemptIndex(int number) {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      if (attempts.get(i).number() == number) {
        return i;
      }
    }
    return -1;
  }

  StepExecution withAttempt(int index, Attempt attempt) {
    List<Attempt> all = new ArrayList<>(attempts);
    all.set(index, attempt);
    return with(d -> d.attempts = all);
  }

  /** The attempt number within the current retry budget (resets when an operator retries). */
  int attemptInBudget() {
    return lastAttempt().number() - attemptsBefore;
  }

  StepExecution withStatus(StepStatus next) {
    StepStatus checked = status == next ? status : status.to(next);
    return with(d -> d.status = checked);
  }

  StepExecution withLastAttempt(Attempt attempt, StepStatus next) {
    List<Attempt> all = new ArrayList<>(attempts);
    all.set(all.size() - 1, attempt);
    StepStatus checked = status == next ? status : status.to(next);
    return with(
        d -> {
          d.attempts = all;
          d.status = checked;
          d.nextAttemptAt = null;
        });
  }

  StepExecution withNewAttempt(Attempt attempt, int budgetStart) {
    List<Attempt> all = new ArrayList<>(attempts);
    all.add(attempt);
    StepStatus checked = status == StepStatus.ACTIVE ? status : status.to(StepStatus.ACTIVE);
    return with(
        d -> {
          d.attempts = all;
          d.status = checked;
          d.attemptsBefore = budgetStart;
          d.nextAttemptAt = null;
        });
  }

  StepExecution completed(StepStatus end, @Nullable JsonNode value, Instant at) {
    StepStatus checked = status.to(end);
    return with(
        d -> {
          d.status = checked;
          d.output = value;
          d.completedAt = at;
          d.nextAttemptAt = null;
        });
  }

  StepExecution failed(StepStatus next, Failure failure) {
    StepStatus checked = status == next ? status : status.to(next);
    return with(
        d -> {
          d.status = checked;
          d.error = failure;
          d.nextAttemptAt = null;
        });
  }

  StepExecution backingOffUntil(Instant next) {
    StepStatus checked = status.to(StepStatus.BACKING_OFF);
    return with(
        d -> {
          d.status = checked;
          d.nextAttemptAt = next;
        });
  }

  StepExecution iterating(JsonNode list, int count) {
    return with(
        d -> {
          d.items = list;
          d.started = count;
        });
  }

  StepExecution startedOneMore() {
    return with(d -> d.started = started + 1);
  }

  StepExecution finishedOneMore() {
    return with(d -> d.finished = finished + 1);
  }

  /** Back to work after an operator's retry: the error is forgotten. */
  StepExecution resumed(StepStatus next) {
    StepStatus checked = status.to(next);
    return with(
        d -> {
          d.status = checked;
          d.error = null;
        });
  }

  private StepExecution with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** A mutable copy, used only to derive the next immutable execution in one place. */
  private static final class Draft {
    private final StepExecution from;
    StepStatus status;
    List<Attempt> attempts;
    int attemptsBefore;
    @Nullable JsonNode output;
    @Nullable Failure error;
    @Nullable Instant nextAttemptAt;
    @Nullable Instant completedAt;
    @Nullable JsonNode items;
    int started;
    int finished;

    Draft(StepExecution from) {
      this.from = from;
      status = from.status;
      attempts = from.attempts;
      attemptsBefore = from.attemptsBefore;
      output = from.output;
      error = from.error;
      nextAttemptAt = from.nextAttemptAt;
      completedAt = from.completedAt;
      items = from.items;
      started = from.started;
      finished = from.finished;
    }

    StepExecution build() {
      return new StepExecution(
          from.stepId,
          from.definitionId,
          from.kind,
          from.type,
          from.function,
          from.parent,
          from.lane,
          status,
          attempts,
          attemptsBefore,
          output,
          error,
          nextAttemptAt,
          from.startedAt,
          completedAt,
          items,
          started,
          finished);
    }
  }
}
