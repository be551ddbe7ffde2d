package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.Build.call;
import static io.ordo.orchestrator.engine.Build.child;
import static io.ordo.orchestrator.engine.Build.output;
import static io.ordo.orchestrator.engine.Build.timeout;
import static io.ordo.orchestrator.engine.Build.undoneBy;
import static io.ordo.orchestrator.engine.Build.workflow;
import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static io.ordo.orchestrator.engine.EngineHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.model.WorkflowDefinition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChildWorkflowScenarioTest {

  private static final String CHILD_ID = "00000000-0000-0000-0000-0000000000c1";

  private static final WorkflowDefinition PARENT =
      workflow(
          null,
          output("ship"),
          timeout(child("ship", "shipping"), Duration.ofMinutes(5)),
          call("notify", "email.send"));

  private static final WorkflowDefinition SHIPPING =
      workflow(null, output("book"), undoneBy(call("book", "courier.book"), "courier.cancel"));

  private final EngineHarness parent = new EngineHarness(PARENT, JSON.objectNode());

  private static EngineHarness childOf(String stepId, int attempt) {
    return new EngineHarness(
        SHIPPING,
        JSON.objectNode(),
        CHILD_ID,
        new ParentLink(EngineHarness.RUN_ID, stepId, attempt));
  }

  @Test
  void startsAChildRunWhoseIdFollowsFromTheAttempt() {
    Command.StartChildRun start = parent.commands(Command.StartChildRun.class).getFirst();

    assertThat(start.workflow()).isEqualTo("shipping");
    assertThat(start.runId()).isEqualTo(Attempts.childRunId(EngineHarness.RUN_ID, "ship", 1));
    assertThat(start.parent()).isEqualTo(new ParentLink(EngineHarness.RUN_ID, "ship", 1));
    assertThat(parent.scheduledAt(TimerKey.attemptTimeout("ship", 1)))
        .isEqualTo(parent.now.plus(Duration.ofMinutes(5)));
  }

  @Test
  void theChildsReportedOutputBecomesTheStepsOutput() {
    parent.complete("ship", object("tracking", "T-1"));

    assertThat(parent.step("ship").output()).isEqualTo(object("tracking", "T-1"));
    assertThat(parent.dispatchedSteps()).containsExactly("notify");
  }

  @Test
  void aChildReportsHowItEndedToItsParent() {
    EngineHarness child = childOf("ship", 1);
    child.complete("book", object("tracking", "T-1"));

    assertThat(child.commands(Command.ReportToParent.class))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.to()).isEqualTo(new ParentLink(EngineHarness.RUN_ID, "ship", 1));
              assertThat(r.completed()).isTrue();
              assertThat(r.output()).isEqualTo(object("tracking", "T-1"));
            });
  }

  @Test
  void aFailedChildReportsAFailureThatIsNotRetried() {
    EngineHarness child = childOf("ship", 1);
    child.fail("book", "NoCourier", false);

    assertThat(child.commands(Command.ReportToParent.class))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.completed()).isFalse();
              assertThat(r.error().type()).isEqualTo("NoCourier");
              assertThat(r.error().retryable()).isFalse();
            });
  }

  @Test
  void cancellingTheParentAsksTheChildToStop() {
    parent.apply(new RunEvent.CancelRequested("stop"));

    assertThat(parent.commands(Command.CancelChildRun.class))
        .containsExactly(
            new Command.CancelChildRun(Attempts.childRunId(EngineHarness.RUN_ID, "ship", 1)));
  }

  @Test
  void aChildAskedToStopIsCancelled() {
    EngineHarness running = childOf("ship", 2);
    running.apply(new RunEvent.StopRequestedByParent());

    assertThat(running.run.status()).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void aChildThatCompletedJustAsItsParentStoppedUndoesItself() {
    EngineHarness child = childOf("ship", 1);
    child.complete("book", object("tracking", "T-1"));
    child.apply(new RunEvent.StopRequestedByParent());

    assertThat(child.run.status()).isEqualTo(RunStatus.COMPENSATING);
    child.complete("book.compensate", JSON.objectNode());
    assertThat(child.run.status()).isEqualTo(RunStatus.COMPENSATED);
  }

  @Test
  void aChildWhoseCompensationGaveUpTriesAgainWhenItsParentAsksAgain() {
    EngineHarness child = childOf("ship", 1);
    child.complete("book", object("tracking", "T-1"));
    child.apply(
        new RunEvent.CompensationRequestedByParent(
            new ParentLink(EngineHarness.RUN_ID, "ship.compensate", 1)));
    child.fail("book.compensate", "CourierDown", false);
    assertThat(child.run.status()).isEqualTo(RunStatus.COMPENSATION_FAILED);

    ParentLink second = new ParentLink(EngineHarness.RUN_ID, "ship.compensate", 2);
    child.apply(new RunEvent.CompensationRequestedByParent(second));
    assertThat(child.run.status()).isEqualTo(RunStatus.COMPENSATING);
    child.complete("book.compensate", JSON.objectNode());

    assertThat(child.commands(Command.ReportToParent.class))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.to()).isEqualTo(second);
              assertThat(r.completed()).isTrue();
            });
  }

  @Test
  void anAttemptThatTimesOutStopsItsChild() {
    parent.fire(TimerKey.attemptTimeout("ship", 1));

    assertThat(parent.commands(Command.CancelChildRun.class)).hasSize(1);
    assertThat(parent.run.status()).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void compensatingTheParentAsksTheCompletedChildToUndoItself() {
    parent.complete("ship", object("tracking", "T-1"));
    parent.fail("notify", "Bounced", false);

    assertThat(parent.run.status()).isEqualTo(RunStatus.COMPENSATING);
    assertThat(parent.commands(Command.CompensateChildRun.class))
        .containsExactly(
            new Command.CompensateChildRun(
                Attempts.childRunId(EngineHarness.RUN_ID, "ship", 1),
                new ParentLink(EngineHarness.RUN_ID, "ship.compensate", 1)));
    parent.complete("ship.compensate", JSON.nullNode());
    assertThat(parent.run.status()).isEqualTo(RunStatus.COMPENSATED);
  }

  @Test
  void aCompletedChildCompensatesItselfWhenItsParentAsksAndReportsWhenDone() {
    EngineHarness child = childOf("ship", 1);
    child.complete("book", object("tracking", "T-1"));
    ParentLink requester = new ParentLink(EngineHarness.RUN_ID, "ship.compensate", 1);
    child.apply(new RunEvent.CompensationRequestedByParent(requester));

    assertThat(child.run.status()).isEqualTo(RunStatus.COMPENSATING);
    assertThat(child.dispatchedSteps()).containsExactly("book.compensate");
    child.complete("book.compensate", JSON.objectNode());
    assertThat(child.run.status()).isEqualTo(RunStatus.COMPENSATED);
    assertThat(child.commands(Command.ReportToParent.class))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.to()).isEqualTo(requester);
              assertThat(r.completed()).isTrue();
            });
  }

  @Test
  void aChildWithNothingLeftToUndoReportsAtOnce() {
    EngineHarness child = childOf("ship", 1);
    child.fail("book", "NoCourier", false);
    ParentLink requester = new ParentLink(EngineHarness.RUN_ID, "ship.compensate", 1);
    child.apply(new RunEvent.CompensationRequestedByParent(requester));

    assertThat(child.run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(child.commands(Command.ReportToParent.class))
        .singleElement()
        .satisfies(r -> assertThat(r.completed()).isTrue());
  }
}
