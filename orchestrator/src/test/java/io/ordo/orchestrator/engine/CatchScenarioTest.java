package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.Build.call;
import static io.ordo.orchestrator.engine.Build.catching;
import static io.ordo.orchestrator.engine.Build.fail;
import static io.ordo.orchestrator.engine.Build.local;
import static io.ordo.orchestrator.engine.Build.output;
import static io.ordo.orchestrator.engine.Build.parallel;
import static io.ordo.orchestrator.engine.Build.retry;
import static io.ordo.orchestrator.engine.Build.undoneBy;
import static io.ordo.orchestrator.engine.Build.workflow;
import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static io.ordo.orchestrator.engine.EngineHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.model.WorkflowDefinition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatchScenarioTest {

  /** charge, recovered from a decline by asking for another card; then ship. */
  private static final WorkflowDefinition CHECKOUT =
      workflow(
          null,
          output("charge"),
          undoneBy(call("hold", "inventory.reserve"), "inventory.release"),
          catching(
              retry(
                  undoneBy(call("charge", "payments.validate"), "payments.refund"),
                  Build.TWO_TRIES),
              Set.of("CardDeclined"),
              undoneBy(call("askAgain", "email.send", local("error")), "email.retract")),
          call("ship", "demo.echo"));

  private final EngineHarness run = new EngineHarness(CHECKOUT, JSON.objectNode());

  @Test
  void aCaughtFailureRunsTheCatchStepsWithTheErrorVisible() {
    run.complete("hold", JSON.objectNode());
    run.fail("charge", "CardDeclined", false);

    assertThat(run.step("charge").status()).isEqualTo(StepStatus.RECOVERING);
    assertThat(run.dispatches())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.stepId()).isEqualTo("askAgain");
              assertThat(d.input().get("type").asString()).isEqualTo("CardDeclined");
              assertThat(d.input().get("stepId").asString()).isEqualTo("charge");
            });
  }

  @Test
  void theRecoveredStepTakesTheCatchOutputAndTheRunGoesOn() {
    run.complete("hold", JSON.objectNode());
    run.fail("charge", "CardDeclined", false);
    run.complete("askAgain", object("asked", "yes"));

    assertThat(run.step("charge").status()).isEqualTo(StepStatus.RECOVERED);
    assertThat(run.step("charge").output()).isEqualTo(object("asked", "yes"));
    assertThat(run.dispatchedSteps()).containsExactly("ship");
    run.complete("ship", JSON.objectNode());
    assertThat(run.run.output()).isEqualTo(object("asked", "yes"));
  }

  @Test
  void retriesRunOutBeforeACatchIsTried() {
    run.complete("hold", JSON.objectNode());
    run.fail("charge", "GatewayDown", true);

    assertThat(run.step("charge").status()).isEqualTo(StepStatus.BACKING_OFF);
  }

  @Test
  void aFailureTheCatchDoesNotNameGoesUp() {
    run.complete("hold", JSON.objectNode());
    run.fail("charge", "Fraud", false);

    assertThat(run.step("charge").status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATING);
  }

  @Test
  void aCatchThatFailsFailsItsStepAndCompensatesWithoutUndoingTheFailedStep() {
    run.complete("hold", JSON.objectNode());
    run.fail("charge", "CardDeclined", false);
    run.fail("askAgain", "Bounced", false);

    assertThat(run.step("charge").status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.run.error().stepId()).isEqualTo("askAgain");
    assertThat(run.dispatchedSteps()).containsExactly("hold.compensate");
  }

  @Test
  void theStepsOfACatchAreCompensatedLikeAnyOther() {
    run.complete("hold", JSON.objectNode());
    run.fail("charge", "CardDeclined", false);
    run.complete("askAgain", object("asked", "yes"));
    run.fail("ship", "Broken", false);

    assertThat(run.dispatchedSteps()).containsExactly("askAgain.compensate");
    run.complete("askAgain.compensate", JSON.objectNode());
    assertThat(run.dispatchedSteps()).containsExactly("hold.compensate");
  }

  @Test
  void aCatchOnAParallelStepRecoversFromAFailingBranch() {
    EngineHarness both =
        new EngineHarness(
            workflow(
                null,
                output("both"),
                catching(
                    parallel("both", List.of(call("a", "x")), List.of(fail("b", "Nope", "no"))),
                    Set.of(),
                    call("fallback", "demo.echo"))),
            JSON.objectNode());

    assertThat(both.step("a").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(both.step("both").status()).isEqualTo(StepStatus.RECOVERING);
    both.complete("fallback", object("plan", "b"));
    assertThat(both.run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(both.run.output()).isEqualTo(object("plan", "b"));
  }

  @Test
  void cancellingWhileACatchRunsCancelsTheRecoveringStep() {
    run.complete("hold", JSON.objectNode());
    run.fail("charge", "CardDeclined", false);
    run.apply(new RunEvent.CancelRequested("stop"));

    assertThat(run.step("charge").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(run.step("askAgain").status()).isEqualTo(StepStatus.CANCELLED);
  }
}
