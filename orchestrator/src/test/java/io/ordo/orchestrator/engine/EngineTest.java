package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static io.ordo.orchestrator.engine.EngineHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.StepOptions;
import io.ordo.orchestrator.engine.Transition.Ignored;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {

  private static final Duration ONE_HOUR = Duration.ofHours(1);

  private final EngineHarness order =
      new EngineHarness(Workflows.order(ONE_HOUR), object("orderId", "o-1"));

  @Test
  void startsByDispatchingTheFirstStepWithItsInputTimeoutAndAStableIdempotencyKey() {
    assertThat(order.run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(order.dispatches())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.function()).isEqualTo("payments.validate");
              assertThat(d.input()).isEqualTo(object("orderId", "o-1"));
              assertThat(d.attempt()).isEqualTo(1);
              assertThat(d.timeout()).isEqualTo(Workflows.TIMEOUT);
              assertThat(d.deadline()).as("no start timeout: it may start any time").isNull();
              assertThat(d.idempotencyKey()).isEqualTo(EngineHarness.RUN_ID + ":pay");
            });
    assertThat(order.scheduledAt(TimerKey.RUN_TIMEOUT)).isEqualTo(order.now.plus(ONE_HOUR));
  }

  @Test
  void anAttemptNoWorkerHasStartedDoesNotTimeOut() {
    order.advance(Duration.ofHours(1).minusSeconds(1));

    assertThat(order.hasTimer(TimerKey.attemptTimeout("pay", 1))).isFalse();
    assertThat(order.step("pay").lastAttempt().status()).isEqualTo(AttemptStatus.SCHEDULED);
    order.complete("pay", object("paymentId", "p-1"));
    assertThat(order.step("pay").status()).isEqualTo(StepStatus.COMPLETED);
  }

  @Test
  void anAttemptNotStartedWithinItsStartTimeoutTimesOutAndIsRetried() {
    EngineHarness run =
        new EngineHarness(
            Build.workflow(
                new FunctionStep(
                    "pay",
                    "payments.validate",
                    Template.literal(JSON.objectNode()),
                    new StepOptions(null, Build.TIMEOUT, Build.TWO_TRIES, List.of(), null),
                    Duration.ofSeconds(5))),
            JSON.objectNode());
    assertThat(run.dispatches().getFirst().deadline()).isEqualTo(run.now.plusSeconds(5));

    run.fire(TimerKey.attemptTimeout("pay", 1));

    assertThat(run.step("pay").attempts().getFirst().error().message())
        .isEqualTo("attempt 1 was not started by a worker within 5s");
    assertThat(run.step("pay").status()).isEqualTo(StepStatus.BACKING_OFF);
  }

  @Test
  void completesTheRunWithItsOutputWhenTheLastStepCompletes() {
    order.complete("pay", object("paymentId", "p-1"));
    order.complete("reserve", object("reservationId", "r-1"));
    Transition t = order.complete("email", object("messageId", "m-1"));

    assertThat(order.run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(order.run.output()).isEqualTo(object("paymentId", "p-1"));
    assertThat(order.run.finishedAt()).isEqualTo(order.now);
    assertThat(order.hasTimer(TimerKey.RUN_TIMEOUT)).isFalse();
    assertThat(t.commands())
        .anyMatch(c -> c instanceof Command.PublishRunEnded e && e.status() == RunStatus.COMPLETED);
  }

  @Test
  void retriesARetryableFailureAfterItsBackoffWithANewAttempt() {
    order.fail("pay", "GatewayDown", true);

    assertThat(order.step("pay").status()).isEqualTo(StepStatus.BACKING_OFF);
    assertThat(order.step("pay").nextAttemptAt()).isEqualTo(order.now.plusSeconds(1));
    order.fire(TimerKey.retry("pay", 2));
    assertThat(order.dispatches())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.attempt()).isEqualTo(2);
              assertThat(d.idempotencyKey()).isEqualTo(EngineHarness.RUN_ID + ":pay");
            });
    assertThat(order.step("pay").status()).isEqualTo(StepStatus.ACTIVE);
  }

  @Test
  void backsOffExponentiallyBetweenAttempts() {
    order.fail("pay", "GatewayDown", true);
    order.fire(TimerKey.retry("pay", 2));
    order.fail("pay", "GatewayDown", true);

    assertThat(order.step("pay").nextAttemptAt()).isEqualTo(order.now.plusSeconds(2));
  }

  @Test
  void failsTheRunWhenAttemptsRunOutAndThereIsNothingToCompensate() {
    for (int attempt = 1; attempt < 3; attempt++) {
      order.fail("pay", "GatewayDown", true);
      order.fire(TimerKey.retry("pay", attempt + 1));
    }
    order.fail("pay", "GatewayDown", true);

    assertThat(order.run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(order.run.error())
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("GatewayDown");
              assertThat(e.stepId()).isEqualTo("pay");
            });
    assertThat(order.step("pay").attempts()).hasSize(3);
  }

  @Test
  void failsAtOnceOnAnErrorTypeTheStepDoesNotRetry() {
    order.fail("pay", "CardDeclined", true);

    assertThat(order.run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(order.step("pay").status()).isEqualTo(StepStatus.FAILED);
  }

  @Test
  void compensatesCompletedStepsInReverseOrderWhenALaterStepFails() {
    order.complete("pay", object("paymentId", "p-1"));
    order.advance(Duration.ofSeconds(1));
    order.complete("reserve", object("reservationId", "r-1"));
    order.fail("email", "Bounced", false);

    assertThat(order.run.status()).isEqualTo(RunStatus.COMPENSATING);
    assertThat(order.dispatches())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.function()).isEqualTo("inventory.release");
              assertThat(d.input()).isEqualTo(object("reservationId", "r-1"));
            });
    order.complete("reserve.compensate", object("released", "r-1"));
    assertThat(order.dispatches())
        .singleElement()
        .satisfies(d -> assertThat(d.function()).isEqualTo("payments.refund"));
    order.complete("pay.compensate", object("refundId", "f-1"));
    assertThat(order.run.status()).isEqualTo(RunStatus.COMPENSATED);
    assertThat(order.run.error().type()).isEqualTo("Bounced");
  }

  @Test
  void retriesACompensationWithItsOwnPolicy() {
    order.complete("pay", object("paymentId", "p-1"));
    order.fail("reserve", "OutOfStock", false);
    order.fail("pay.compensate", "GatewayDown", true);

    assertThat(order.step("pay.compensate").status()).isEqualTo(StepStatus.BACKING_OFF);
    order.fire(TimerKey.retry("pay.compensate", 2));
    order.complete("pay.compensate", object("refundId", "f-1"));
    assertThat(order.run.status()).isEqualTo(RunStatus.COMPENSATED);
  }

  @Test
  void waitsForAnOperatorWhenACompensationGivesUpAndResumesItOnRetry() {
    EngineHarness run =
        new EngineHarness(
            Workflows.order(null, Workflows.ONE_TRY, Workflows.PASS_INPUT),
            object("orderId", "o-2"));
    run.complete("pay", object("paymentId", "p-2"));
    run.fail("reserve", "OutOfStock", false);
    run.fail("pay.compensate", "GatewayDown", true);
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATION_FAILED);

    run.apply(new RunEvent.RetryRequested());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATING);
    assertThat(run.dispatches())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.attempt()).isEqualTo(2);
              assertThat(d.idempotencyKey()).endsWith(":pay.compensate");
            });
    run.complete("pay.compensate", object("refundId", "f-2"));
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATED);
  }

  @Test
  void timesOutAnAttemptThatMissesItsDeadlineAfterStartingAndRetriesIt() {
    order.advance(Duration.ofMinutes(5)); // waiting for a worker does not count
    order.heartbeat("pay");
    assertThat(order.scheduledAt(TimerKey.attemptTimeout("pay", 1)))
        .isEqualTo(order.now.plus(Workflows.TIMEOUT));
    order.fire(TimerKey.attemptTimeout("pay", 1));

    assertThat(order.step("pay").attempts().getFirst().status()).isEqualTo(AttemptStatus.TIMED_OUT);
    assertThat(order.step("pay").attempts().getFirst().error().message())
        .isEqualTo("attempt 1 did not finish within 30s of starting");
    assertThat(order.step("pay").status()).isEqualTo(StepStatus.BACKING_OFF);
    order.fire(TimerKey.retry("pay", 2));
    order.complete("pay", object("paymentId", "p-1"));
    assertThat(order.step("pay").status()).isEqualTo(StepStatus.COMPLETED);
  }

  @Test
  void aHeartbeatMarksTheAttemptRunningAndMovesItsDeadline() {
    order.advance(Duration.ofSeconds(20));
    order.heartbeat("pay");
    assertThat(order.step("pay").lastAttempt().status()).isEqualTo(AttemptStatus.RUNNING);
    assertThat(order.scheduledAt(TimerKey.attemptTimeout("pay", 1)))
        .isEqualTo(order.now.plus(Workflows.TIMEOUT));

    order.advance(Duration.ofSeconds(20));
    order.heartbeat("pay");
    order.fire(TimerKey.attemptTimeout("pay", 1));
    assertThat(order.step("pay").attempts().getFirst().status()).isEqualTo(AttemptStatus.TIMED_OUT);
  }

  @Test
  void aRunningAttemptCanCompleteOrFail() {
    order.heartbeat("pay");
    order.complete("pay", object("paymentId", "p-1"));
    order.heartbeat("reserve");
    order.fail("reserve", "OutOfStock", false);

    assertThat(order.step("pay").lastAttempt().status()).isEqualTo(AttemptStatus.COMPLETED);
    assertThat(order.step("reserve").lastAttempt().status()).isEqualTo(AttemptStatus.FAILED);
  }

  @Test
  void theRunTimeoutCancelsTheStepInFlightAndCompensates() {
    order.complete("pay", object("paymentId", "p-1"));
    order.heartbeat("reserve");
    order.fire(TimerKey.RUN_TIMEOUT);

    assertThat(order.step("reserve").lastAttempt().status()).isEqualTo(AttemptStatus.CANCELLED);
    assertThat(order.run.status()).isEqualTo(RunStatus.COMPENSATING);
    order.complete("pay.compensate", object("refundId", "f-1"));
    assertThat(order.run.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(order.run.error().type()).isEqualTo(Failure.RUN_TIMED_OUT);
  }

  @Test
  void theRunTimeoutEndsARunWithNothingToCompensateAsTimedOut() {
    order.fire(TimerKey.RUN_TIMEOUT);

    assertThat(order.run.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(order.step("pay").lastAttempt().status()).isEqualTo(AttemptStatus.CANCELLED);
  }

  @Test
  void cancellingCompensatesWhatCompletedThenEndsCancelled() {
    order.complete("pay", object("paymentId", "p-1"));
    order.apply(new RunEvent.CancelRequested("customer changed their mind"));

    assertThat(order.run.status()).isEqualTo(RunStatus.COMPENSATING);
    order.complete("pay.compensate", object("refundId", "f-1"));
    assertThat(order.run.status()).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void cancellingAStepWaitingForItsRetryDropsTheRetry() {
    order.fail("pay", "GatewayDown", true);
    Transition t = order.apply(new RunEvent.CancelRequested("stop"));

    assertThat(order.run.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(order.step("pay").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(order.hasTimer(TimerKey.retry("pay", 2))).isFalse();
  }

  @Test
  void aCompensationCanTimeOutToo() {
    order.complete("pay", object("paymentId", "p-1"));
    order.apply(new RunEvent.CancelRequested("stop"));
    order.heartbeat("pay.compensate");
    order.fire(TimerKey.attemptTimeout("pay.compensate", 1));

    assertThat(order.step("pay.compensate").status()).isEqualTo(StepStatus.BACKING_OFF);
  }

  @Test
  void ignoresADuplicateResult() {
    order.complete("pay", object("paymentId", "p-1"));
    Transition again =
        order.apply(
            new RunEvent.StepCompleted("pay", 1, object("paymentId", "p-1"), order.report()));

    assertThat(again.ignored()).isEqualTo(Ignored.DUPLICATE);
    assertThat(again.commands()).isEmpty();
  }

  @Test
  void appliesALateSuccessOfATimedOutAttemptWhileTheStepWaitsForItsRetry() {
    order.heartbeat("pay");
    order.fire(TimerKey.attemptTimeout("pay", 1));
    Transition late =
        order.apply(
            new RunEvent.StepCompleted("pay", 1, object("paymentId", "p-1"), order.report()));

    assertThat(late.changed()).isTrue();
    assertThat(order.step("pay").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(order.step("pay").output()).isEqualTo(object("paymentId", "p-1"));
    assertThat(order.step("pay").attempts().getFirst().status()).isEqualTo(AttemptStatus.COMPLETED);
    assertThat(order.hasTimer(TimerKey.retry("pay", 2))).isFalse();
    assertThat(order.dispatchedSteps()).containsExactly("reserve");
  }

  @Test
  void aLateSuccessCancelsTheAttemptThatReplacedIt() {
    order.heartbeat("pay");
    order.fire(TimerKey.attemptTimeout("pay", 1));
    order.fire(TimerKey.retry("pay", 2));
    order.heartbeat("pay");
    order.apply(new RunEvent.StepCompleted("pay", 1, object("paymentId", "p-1"), order.report()));

    assertThat(order.step("pay").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(order.step("pay").attempts())
        .extracting(Attempt::status)
        .containsExactly(AttemptStatus.COMPLETED, AttemptStatus.CANCELLED);
    assertThat(order.hasTimer(TimerKey.attemptTimeout("pay", 2))).isFalse();
    Transition second =
        order.apply(
            new RunEvent.StepCompleted("pay", 2, object("paymentId", "p-1"), order.report()));
    assertThat(second.ignored()).isEqualTo(Ignored.STALE);
  }

  @Test
  void ignoresALateResultOnceTheStepHasMovedOn() {
    order.heartbeat("pay");
    order.fire(TimerKey.attemptTimeout("pay", 1));
    order.fire(TimerKey.retry("pay", 2));
    order.complete("pay", object("paymentId", "p-2"));
    Transition late =
        order.apply(
            new RunEvent.StepCompleted("pay", 1, object("paymentId", "p-1"), order.report()));

    assertThat(late.ignored()).isEqualTo(Ignored.STALE);
    assertThat(order.step("pay").output()).isEqualTo(object("paymentId", "p-2"));
  }

  @Test
  void ignoresATimerForAnAttemptThatAlreadyEnded() {
    order.complete("pay", object("paymentId", "p-1"));

    assertThat(order.apply(new RunEvent.TimerFired(TimerKey.attemptTimeout("pay", 1))).ignored())
        .isEqualTo(Ignored.STALE);
    assertThat(order.apply(new RunEvent.TimerFired(TimerKey.retry("pay", 2))).ignored())
        .isEqualTo(Ignored.STALE);
  }

  @Test
  void refusesToCancelARunThatIsNoLongerRunning() {
    order.fail("pay", "CardDeclined", false);

    assertThat(order.apply(new RunEvent.CancelRequested("too late")).ignored())
        .isEqualTo(Ignored.NOT_ALLOWED);
    assertThat(order.apply(new RunEvent.TimerFired(TimerKey.RUN_TIMEOUT)).ignored())
        .isEqualTo(Ignored.STALE);
  }

  @Test
  void refusesToRetryARunThatHasNotFailed() {
    assertThat(order.apply(new RunEvent.RetryRequested()).ignored()).isEqualTo(Ignored.NOT_ALLOWED);
  }

  @Test
  void retryingAFailedRunResumesFromTheFailedStepWithAFreshBudget() {
    order.fail("pay", "CardDeclined", false);
    order.apply(new RunEvent.RetryRequested());

    assertThat(order.run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(order.run.error()).isNull();
    assertThat(order.dispatches())
        .singleElement()
        .satisfies(d -> assertThat(d.attempt()).isEqualTo(2));
    order.fail("pay", "GatewayDown", true);
    assertThat(order.step("pay").status()).isEqualTo(StepStatus.BACKING_OFF);
    order.fire(TimerKey.retry("pay", 3));
    order.complete("pay", object("paymentId", "p-1"));
    order.complete("reserve", object("reservationId", "r-1"));
    order.complete("email", object("messageId", "m-1"));
    assertThat(order.run.status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void anInputExpressionThatFailsFailsTheStepWithoutRetry() {
    EngineHarness run =
        new EngineHarness(
            Workflows.order(null, Workflows.THREE_TRIES, Workflows.BROKEN),
            object("orderId", "o-3"));
    run.complete("pay", object("paymentId", "p-3"));
    run.complete("reserve", object("reservationId", "r-3"));

    assertThat(run.step("email").lastAttempt().error().type()).isEqualTo("ExpressionError");
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATING);
  }

  @Test
  void anOutputExpressionThatFailsFailsTheRun() {
    EngineHarness run =
        new EngineHarness(Workflows.single(Workflows.ONE_TRY, Workflows.BROKEN), JSON.objectNode());
    run.complete("only", JSON.objectNode());

    assertThat(run.run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.run.error().type()).isEqualTo("ExpressionError");
  }

  @Test
  void theSameEventsGiveTheSameTransitions() {
    EngineHarness twin = new EngineHarness(Workflows.order(ONE_HOUR), object("orderId", "o-1"));
    order.fail("pay", "GatewayDown", true);
    twin.fail("pay", "GatewayDown", true);

    assertThat(twin.last).isEqualTo(order.last);
  }
}
