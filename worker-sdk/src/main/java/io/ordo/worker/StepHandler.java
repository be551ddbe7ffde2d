package io.ordo.worker;

import tools.jackson.databind.JsonNode;

/**
 * The code of one step function.
 *
 * <p>Delivery is at least once: the same attempt may arrive twice (after a worker crash or a
 * rebalance), so a handler with side effects should make them idempotent with {@link
 * StepContext#idempotencyKey()}.
 */
@FunctionalInterface
public interface StepHandler {

  /**
   * Runs the step.
   *
   * @return the step's output, any JSON value
   * @throws StepFailure to fail the attempt with an error type the workflow can match
   * @throws Exception anything else fails the attempt as retryable, with the exception's simple
   *     class name as type
   */
  JsonNode handle(StepContext context) throws Exception;
}
