package io.ordo.orchestrator.engine;

import io.ordo.dsl.expr.ExpressionException;
import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.Compensation;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.InputSchema;
import io.ordo.dsl.model.RetryPolicy;
import io.ordo.dsl.model.StepOptions;
import io.ordo.dsl.model.WorkflowDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Workflow models for engine tests, built directly so the engine is tested apart from the parser.
 */
final class Workflows {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final RetryPolicy THREE_TRIES =
      new RetryPolicy(
          3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.0, Set.of("CardDeclined"));
  static final RetryPolicy ONE_TRY =
      new RetryPolicy(1, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.0, Set.of());

  static final Template PASS_INPUT = Bindings -> Bindings.input();
  static final Template BROKEN =
      b -> {
        throw new ExpressionException("${ input.missing } failed: no such key: missing");
      };

  private Workflows() {}

  /** pay (compensated by refund) → reserve (compensated by release) → email. */
  static WorkflowDefinition order(@Nullable Duration runTimeout) {
    return order(runTimeout, THREE_TRIES, PASS_INPUT);
  }

  static WorkflowDefinition order(
      @Nullable Duration runTimeout, RetryPolicy compensationRetry, Template emailInput) {
    Template paymentOutput = b -> b.stepOutputs().get("pay");
    return new WorkflowDefinition(
        "order",
        null,
        InputSchema.ANY,
        runTimeout,
        List.of(
            new FunctionStep(
                "pay",
                "payments.validate",
                PASS_INPUT,
                options(
                    new Compensation(
                        "payments.refund", paymentOutput, TIMEOUT, compensationRetry))),
            new FunctionStep(
                "reserve",
                "inventory.reserve",
                PASS_INPUT,
                options(
                    new Compensation(
                        "inventory.release",
                        b -> b.stepOutputs().get("reserve"),
                        TIMEOUT,
                        compensationRetry))),
            new FunctionStep("email", "email.send", emailInput, options(null))),
        paymentOutput);
  }

  private static StepOptions options(@Nullable Compensation compensate) {
    return new StepOptions(null, TIMEOUT, THREE_TRIES, List.of(), compensate);
  }

  static WorkflowDefinition single(RetryPolicy retry, Template output) {
    return new WorkflowDefinition(
        "single",
        null,
        InputSchema.ANY,
        null,
        List.of(
            new FunctionStep(
                "only",
                "demo.echo",
                PASS_INPUT,
                new StepOptions(null, TIMEOUT, retry, List.of(), null))),
        output);
  }
}
