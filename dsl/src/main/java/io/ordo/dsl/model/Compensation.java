package io.ordo.dsl.model;

import io.ordo.dsl.expr.Template;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What undoes a completed step when its run fails: a function call with its own retry policy.
 *
 * @param timeout per attempt, start to close
 * @param startTimeout how long a dispatch may wait for a worker; null waits as long as it takes
 */
public record Compensation(
    String function,
    Template input,
    Duration timeout,
    RetryPolicy retry,
    @Nullable Duration startTimeout) {

  public Compensation(String function, Template input, Duration timeout, RetryPolicy retry) {
    this(function, input, timeout, retry, null);
  }
}
