package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A task: dispatched over Kafka to the workers of {@code function}. Its {@code options} always
 * carry a timeout (per attempt) and a retry policy, the step's own or the workflow's defaults.
 */
public record FunctionStep(String id, String function, Template input, StepOptions options)
    implements Step {

  public FunctionStep {
    Objects.requireNonNull(options.timeout(), "a function step has a timeout per attempt");
  }

  /** The limit of one attempt. */
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
