package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A task: dispatched over Kafka to the workers of {@code function}. Its {@code options} always
 * carry a timeout (per attempt, start to close) and a retry policy, the step's own or the
 * workflow's defaults.
 *
 * @param startTimeout how long a dispatch may wait for a worker to start it (schedule to start);
 *     null waits as long as it takes
 */
public record FunctionStep(
    String id,
    String function,
    Template input,
    StepOptions options,
    @Nullable Duration startTimeout)
    implements Step {

  public FunctionStep {
    Objects.requireNonNull(options.timeout(), "a function step has a timeout per attempt");
  }

  /** A step that waits for a worker as long as it takes. */
  public FunctionStep(String id, String function, Template input, StepOptions options) {
    this(id, function, input, options, null);
  }

  /** The limit of one attempt once a worker started it. */
  public Duration timeout() {
    return Objects.requireNonNull(options.timeout());
  }

  public RetryPolicy retry() {
    return options.retry();
  }

  public @Nullable Compensation compensate() {
    return options.compensate();
  }
}
