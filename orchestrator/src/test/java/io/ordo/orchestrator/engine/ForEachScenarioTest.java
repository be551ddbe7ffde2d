package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.Build.call;
import static io.ordo.orchestrator.engine.Build.forEach;
import static io.ordo.orchestrator.engine.Build.local;
import static io.ordo.orchestrator.engine.Build.output;
import static io.ordo.orchestrator.engine.Build.undoneBy;
import static io.ordo.orchestrator.engine.Build.workflow;
import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static io.ordo.orchestrator.engine.EngineHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.expr.Template;
import io.ordo.dsl.model.WorkflowDefinition;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;

class ForEachScenarioTest {

  private static final Template ITEMS = b -> b.input().get("items");

  /** Per item: reserve it (undone by release), then label it with what reserve gave back. */
  private static final WorkflowDefinition PER_ITEM =
      workflow(
          null,
          output("each"),
          forEach(
              "each",
              ITEMS,
              "line",
              2,
              undoneBy(call("reserve", "inventory.reserve", local("line")), "inventory.release"),
              call("label", "demo.echo", output("reserve"))));

  private static EngineHarness run(String... skus) {
    ArrayNode items = JSON.arrayNode();
    for (String sku : skus) {
      items.add(object("sku", sku));
    }
    return new EngineHarness(PER_ITEM, JSON.objectNode().set("items", items));
  }

  @Test
  void startsNoMoreIterationsThanMaxConcurrencyAndTheNextWhenOneFinishes() {
    EngineHarness run = run("a", "b", "c");

    assertThat(run.dispatchedSteps()).containsExactly("each[0].reserve", "each[1].reserve");
    run.complete("each[1].reserve", object("reserved", "b"));
    assertThat(run.dispatchedSteps()).containsExactly("each[1].label");
    run.complete("each[1].label", object("label", "b"));
    assertThat(run.dispatchedSteps()).containsExactly("each[2].reserve");
  }

  @Test
  void eachIterationSeesItsItemAndTheEarlierStepsOfTheSameIteration() {
    EngineHarness run = run("a", "b");

    assertThat(run.dispatches().get(1).input()).isEqualTo(object("sku", "b"));
    run.complete("each[0].reserve", object("reserved", "a"));
    run.complete("each[1].reserve", object("reserved", "b"));
    assertThat(run.dispatches().getFirst().input()).isEqualTo(object("reserved", "b"));
  }

  @Test
  void collectsTheIterationOutputsInTheOrderOfTheItems() {
    EngineHarness run = run("a", "b", "c");
    run.complete("each[1].reserve", object("reserved", "b"));
    run.complete("each[1].label", object("label", "b"));
    run.complete("each[2].reserve", object("reserved", "c"));
    run.complete("each[2].label", object("label", "c"));
    run.complete("each[0].reserve", object("reserved", "a"));
    run.complete("each[0].label", object("label", "a"));

    assertThat(run.run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.run.output())
        .isEqualTo(
            JSON.arrayNode()
                .add(object("label", "a"))
                .add(object("label", "b"))
                .add(object("label", "c")));
  }

  @Test
  void anEmptyListCompletesAtOnceWithAnEmptyList() {
    EngineHarness run = run();

    assertThat(run.run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.run.output()).isEqualTo(JSON.arrayNode());
  }

  @Test
  void aValueThatIsNotAListFailsTheStepWithAnExpressionError() {
    EngineHarness run = new EngineHarness(PER_ITEM, JSON.objectNode().put("items", "many"));

    assertThat(run.run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.run.error().message()).contains("forEach needs a list");
  }

  @Test
  void aFailingIterationCancelsTheOthersAndCompensatesTheCompletedIterationsAtOnceLatestFirst() {
    EngineHarness run = run("a", "b", "c");
    run.complete("each[0].reserve", object("reserved", "a"));
    run.advance(Duration.ofSeconds(1));
    run.complete("each[1].reserve", object("reserved", "b"));
    run.fail("each[1].label", "Broken", false);

    assertThat(run.step("each[0].label").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(run.run.step("each[2].reserve")).isEmpty();
    assertThat(run.dispatchedSteps())
        .containsExactly("each[1].reserve.compensate", "each[0].reserve.compensate");
    assertThat(run.dispatches().getFirst().input()).isEqualTo(object("reserved", "b"));
    run.complete("each[1].reserve.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATING);
    run.complete("each[0].reserve.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATED);
  }

  @Test
  void cancellingTheRunCancelsEveryIterationInFlight() {
    EngineHarness run = run("a", "b", "c");
    run.apply(new RunEvent.CancelRequested("stop"));

    assertThat(run.step("each[0].reserve").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(run.step("each[1].reserve").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(run.step("each").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(run.run.status()).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void aThousandItemsRunFiftyAtATimeToTheEnd() {
    ArrayNode items = JSON.arrayNode();
    for (int i = 0; i < 1000; i++) {
      items.add(i);
    }
    WorkflowDefinition wide =
        workflow(
            null,
            output("all"),
            forEach("all", ITEMS, "n", 50, call("square", "demo.echo", local("n"))));
    EngineHarness run = new EngineHarness(wide, JSON.objectNode().set("items", items));
    int peak = run.dispatches().size();
    for (int i = 0; i < 1000; i++) {
      run.complete("all[" + i + "].square", JSON.numberNode(i * i));
    }

    assertThat(peak).isEqualTo(50);
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.run.output().size()).isEqualTo(1000);
    assertThat(run.run.output().get(999).asInt()).isEqualTo(999 * 999);
  }
}
