package io.ordo.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.worker.StepContext;
import io.ordo.worker.StepFailure;
import io.ordo.worker.protocol.ProtocolJson;
import io.ordo.worker.protocol.StepDispatch;
import io.ordo.worker.protocol.StepError;
import io.ordo.worker.protocol.StepResult;
import io.ordo.worker.protocol.StepResult.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.NullNode;

class StepExecutionTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final StepDispatch DISPATCH =
      StepDispatch.of(
          "run-1",
          "charge",
          1,
          "payments.validate",
          ProtocolJson.mapper().createObjectNode().put("amount", 10),
          Duration.ofSeconds(30));

  private final CapturingPublisher capture = new CapturingPublisher();
  private final StepExecution execution =
      new StepExecution(
          "worker-1",
          Clock.fixed(NOW, ZoneOffset.UTC),
          capture.publisher,
          Executors.newSingleThreadScheduledExecutor(),
          Duration.ofSeconds(10));

  @Test
  void reportsTheHandlersOutputAsCompleted() {
    StepResult result = execution.run(DISPATCH, ctx -> ctx.input(), null);

    assertThat(result)
        .isEqualTo(StepResult.completed(DISPATCH, DISPATCH.input(), "worker-1", NOW, NOW));
  }

  @Test
  void reportsNoOutputAsJsonNull() {
    StepResult result = execution.run(DISPATCH, ctx -> null, null);

    assertThat(result.output()).isEqualTo(NullNode.getInstance());
  }

  @Test
  void reportsAStepFailureWithItsTypeAndRetryability() {
    StepResult result =
        execution.run(
            DISPATCH,
            ctx -> {
              throw StepFailure.nonRetryable("CardDeclined", "over the limit");
            },
            null);

    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.error()).isEqualTo(new StepError("CardDeclined", "over the limit", false));
  }

  @Test
  void reportsAnyOtherExceptionAsARetryableFailureNamedAfterItsClass() {
    StepResult result =
        execution.run(
            DISPATCH,
            ctx -> {
              throw new IllegalStateException("database down");
            },
            null);

    assertThat(result.error())
        .isEqualTo(new StepError("IllegalStateException", "database down", true));
  }

  @Test
  void reportsAnErrorThrownByTheHandlerAsAFailureToo() {
    StepResult result =
        execution.run(
            DISPATCH,
            ctx -> {
              throw new StackOverflowError();
            },
            null);

    assertThat(result.error()).isEqualTo(new StepError("StackOverflowError", "", true));
  }

  @Test
  void sendsAHeartbeatButNotAgainWithinTheSameSecond() {
    execution.run(
        DISPATCH,
        ctx -> {
          ctx.heartbeat();
          ctx.heartbeat();
          return NullNode.getInstance();
        },
        null);

    assertThat(capture.sent()).containsExactly(StepResult.heartbeat(DISPATCH, "worker-1", NOW));
  }

  @Test
  void sendsNoHeartbeatOnceTheHandlerReturned() {
    AtomicReference<StepContext> kept = new AtomicReference<>();
    execution.run(
        DISPATCH,
        ctx -> {
          kept.set(ctx);
          return NullNode.getInstance();
        },
        null);

    kept.get().heartbeat();

    assertThat(capture.sent()).isEmpty();
  }

  @Test
  void tellsTheOrchestratorTheAttemptStartedWhenTheHandlerRunsLongerThanAMoment() {
    StepExecution quickNotice =
        new StepExecution(
            "worker-1",
            Clock.fixed(NOW, ZoneOffset.UTC),
            capture.publisher,
            Executors.newSingleThreadScheduledExecutor(),
            Duration.ofMillis(20));

    quickNotice.run(
        DISPATCH,
        ctx -> {
          Thread.sleep(300);
          return NullNode.getInstance();
        },
        null);

    assertThat(capture.sent()).containsExactly(StepResult.heartbeat(DISPATCH, "worker-1", NOW));
  }

  @Test
  void aQuickHandlerSendsNothingButItsResult() {
    execution.run(DISPATCH, ctx -> NullNode.getInstance(), null);

    assertThat(capture.sent()).isEmpty();
  }

  @Test
  void skipsADispatchThatArrivesAfterItsDeadlineAndSaysSo() {
    StepDispatch late =
        new StepDispatch(
            "run-1",
            "charge",
            2,
            "payments.validate",
            NullNode.getInstance(),
            NOW.minusSeconds(1),
            30_000L,
            "run-1:charge");
    AtomicReference<Boolean> ran = new AtomicReference<>(false);

    StepResult result =
        execution.run(
            late,
            ctx -> {
              ran.set(true);
              return NullNode.getInstance();
            },
            null);

    assertThat(ran.get()).isFalse();
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.error().type()).isEqualTo(StepExecution.DEADLINE_EXCEEDED);
    assertThat(result.error().message()).contains("after its deadline");
  }

  @Test
  void theHandlersDeadlineIsItsTimeoutAfterItStartedHere() {
    AtomicReference<Instant> deadline = new AtomicReference<>();
    execution.run(
        DISPATCH,
        ctx -> {
          deadline.set(ctx.deadline());
          return NullNode.getInstance();
        },
        null);

    assertThat(deadline.get()).isEqualTo(NOW.plusSeconds(30));
  }
}
