package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What any step may carry besides its kind.
 *
 * @param condition {@code if}: the step runs only when this evaluates to {@code true}; null runs it
 * @param timeout for function and workflow steps the limit of one attempt; for other steps the
 *     limit of the whole step (a {@code waitForSignal} without one waits forever); null for none
 * @param retry how failed attempts are tried again; only function and workflow steps have attempts
 * @param catches tried in order when the step fails for good: the first that matches recovers it
 * @param compensate what undoes the step when the run fails after it completed
 */
public record StepOptions(
    @Nullable Template condition,
    @Nullable Duration timeout,
    RetryPolicy retry,
    List<Catch> catches,
    @Nullable Compensation compensate) {

  /** No condition, no timeout, one attempt, no catch, no compensation. */
  public static final StepOptions NONE =
      new StepOptions(null, null, RetryPolicy.ONCE, List.of(), null);

  public StepOptions {
    catches = List.copyOf(catches);
  }

  /** The first catch that handles {@code errorType}, or null. */
  public @Nullable Catch catchFor(String errorType) {
    return catches.stream().filter(c -> c.handles(errorType)).findFirst().orElse(null);
  }
}
