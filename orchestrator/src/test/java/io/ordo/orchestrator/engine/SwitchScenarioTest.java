package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.Build.call;
import static io.ordo.orchestrator.engine.Build.choose;
import static io.ordo.orchestrator.engine.Build.output;
import static io.ordo.orchestrator.engine.Build.undoneBy;
import static io.ordo.orchestrator.engine.Build.when;
import static io.ordo.orchestrator.engine.Build.workflow;
import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static io.ordo.orchestrator.engine.EngineHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.WorkflowDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwitchScenarioTest {

  private static final Template BIG = b -> JSON.booleanNode(b.input().get("amount").asInt() > 100);
  private static final Template EXPRESS = b -> b.input().get("express");

  private static WorkflowDefinition routing(List<Step> otherwise) {
    return workflow(
        null,
        output("after"),
        choose(
            "route",
            List.of(
                when(BIG, undoneBy(call("review", "demo.echo"), "demo.undo")),
                when(EXPRESS, call("rush", "demo.echo"))),
            otherwise),
        call("after", "demo.echo", output("route")));
  }

  private static EngineHarness run(int amount, boolean express, List<Step> otherwise) {
    return new EngineHarness(
        routing(otherwise), JSON.objectNode().put("amount", amount).put("express", express));
  }

  @Test
  void runsTheFirstCaseWhoseConditionHolds() {
    EngineHarness run = run(500, true, List.of(call("normal", "demo.echo")));

    assertThat(run.dispatchedSteps()).containsExactly("review");
    assertThat(run.step("route").status()).isEqualTo(StepStatus.ACTIVE);
  }

  @Test
  void runsTheDefaultWhenNoCaseHolds() {
    EngineHarness run = run(5, false, List.of(call("normal", "demo.echo")));

    assertThat(run.dispatchedSteps()).containsExactly("normal");
  }

  @Test
  void takesTheOutputOfTheStepsItRanAndGoesOn() {
    EngineHarness run = run(5, true, List.of());
    run.complete("rush", object("shipped", "today"));

    assertThat(run.step("route").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(run.step("route").output()).isEqualTo(object("shipped", "today"));
    assertThat(run.dispatches())
        .singleElement()
        .satisfies(d -> assertThat(d.input()).isEqualTo(object("shipped", "today")));
    run.complete("after", object("done", "yes"));
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.run.output()).isEqualTo(object("done", "yes"));
  }

  @Test
  void completesAtOnceWithANullOutputWhenNothingMatchesAndThereIsNoDefault() {
    EngineHarness run = run(5, false, List.of());

    assertThat(run.step("route").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(run.step("route").output()).isEqualTo(JSON.nullNode());
    assertThat(run.dispatchedSteps()).containsExactly("after");
  }

  @Test
  void aConditionThatIsNotTrueOrFalseFailsTheSwitchWithAnExpressionError() {
    EngineHarness run =
        new EngineHarness(
            routing(List.of()), JSON.objectNode().put("amount", 1).put("express", "maybe"));

    assertThat(run.run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.run.error().type()).isEqualTo("ExpressionError");
    assertThat(run.run.error().message()).contains("when must be true or false");
    assertThat(run.run.error().stepId()).isEqualTo("route");
  }

  @Test
  void aRunCancelledInsideACaseCancelsTheCaseAndCompensatesIt() {
    EngineHarness run = run(500, false, List.of());
    run.complete("review", object("reviewed", "yes"));
    run.apply(new RunEvent.CancelRequested("stop"));

    assertThat(run.step("after").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATING);
    assertThat(run.dispatchedSteps()).containsExactly("review.compensate");
    run.complete("review.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.CANCELLED);
  }
}
