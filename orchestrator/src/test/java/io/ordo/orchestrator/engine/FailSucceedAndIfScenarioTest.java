package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.Build.call;
import static io.ordo.orchestrator.engine.Build.choose;
import static io.ordo.orchestrator.engine.Build.fail;
import static io.ordo.orchestrator.engine.Build.forEach;
import static io.ordo.orchestrator.engine.Build.local;
import static io.ordo.orchestrator.engine.Build.onlyIf;
import static io.ordo.orchestrator.engine.Build.output;
import static io.ordo.orchestrator.engine.Build.parallel;
import static io.ordo.orchestrator.engine.Build.succeed;
import static io.ordo.orchestrator.engine.Build.value;
import static io.ordo.orchestrator.engine.Build.when;
import static io.ordo.orchestrator.engine.Build.workflow;
import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static io.ordo.orchestrator.engine.EngineHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.expr.Template;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailSucceedAndIfScenarioTest {

  private static final Template FLAG = b -> b.input().get("flag");

  @Test
  void aFailStepFailsTheRunWithItsErrorTypeAndMessage() {
    EngineHarness run =
        new EngineHarness(workflow(fail("reject", "OrderRejected", "too big")), JSON.objectNode());

    assertThat(run.run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.run.error()).isEqualTo(new Failure("OrderRejected", "too big", false, "reject"));
  }

  @Test
  void succeedEndsTheRunAtOnceWithItsOutput() {
    EngineHarness run =
        new EngineHarness(
            workflow(
                null,
                output("never"),
                choose(
                    "early",
                    List.of(when(FLAG, succeed("done", value(object("ended", "early"))))),
                    List.of()),
                call("never", "demo.echo")),
            JSON.objectNode().put("flag", true));

    assertThat(run.run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.run.output()).isEqualTo(object("ended", "early"));
    assertThat(run.step("early").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(run.run.step("never")).isEmpty();
  }

  @Test
  void succeedWithoutOutputLeavesTheRunItsDeclaredOutput() {
    EngineHarness run =
        new EngineHarness(
            workflow(null, value(object("declared", "yes")), succeed("done", null)),
            JSON.objectNode());

    assertThat(run.run.output()).isEqualTo(object("declared", "yes"));
  }

  @Test
  void succeedInsideABranchEndsOnlyThatBranch() {
    EngineHarness run =
        new EngineHarness(
            workflow(
                null,
                output("both"),
                parallel(
                    "both",
                    List.of(succeed("short", value(JSON.stringNode("cut"))), call("skipped", "x")),
                    List.of(call("long", "demo.echo")))),
            JSON.objectNode());

    assertThat(run.dispatchedSteps()).containsExactly("long");
    run.complete("long", JSON.stringNode("long done"));
    assertThat(run.run.output()).isEqualTo(JSON.arrayNode().add("cut").add("long done"));
  }

  @Test
  void succeedInsideAnIterationEndsThatIteration() {
    EngineHarness run =
        new EngineHarness(
            workflow(
                null,
                output("each"),
                forEach(
                    "each",
                    b -> b.input().get("items"),
                    "n",
                    5,
                    choose(
                        "odd",
                        List.of(
                            when(
                                b -> JSON.booleanNode(b.locals().get("n").asInt() % 2 == 1),
                                succeed("skipOdd", value(JSON.stringNode("odd"))))),
                        List.of()),
                    call("even", "demo.echo", local("n")))),
            JSON.objectNode().set("items", JSON.arrayNode().add(1).add(2)));

    assertThat(run.dispatchedSteps()).containsExactly("each[1].even");
    run.complete("each[1].even", JSON.stringNode("even"));
    assertThat(run.run.output()).isEqualTo(JSON.arrayNode().add("odd").add("even"));
  }

  @Test
  void aStepWhoseConditionIsFalseIsSkippedAndLeavesANullOutput() {
    EngineHarness run =
        new EngineHarness(
            workflow(
                null,
                output("last"),
                onlyIf(call("maybe", "demo.echo"), FLAG),
                call(
                    "last",
                    "demo.echo",
                    b -> object("saw", String.valueOf(b.stepOutputs().get("maybe"))))),
            JSON.objectNode().put("flag", false));

    assertThat(run.step("maybe").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(run.dispatches())
        .singleElement()
        .satisfies(d -> assertThat(d.input()).isEqualTo(object("saw", "null")));
  }

  @Test
  void aConditionThatIsNotABooleanFailsTheStep() {
    EngineHarness run =
        new EngineHarness(
            workflow(onlyIf(call("maybe", "demo.echo"), FLAG)), JSON.objectNode().put("flag", 3));

    assertThat(run.run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.run.error().message()).contains("if must be true or false");
  }
}
