package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.Build.call;
import static io.ordo.orchestrator.engine.Build.fail;
import static io.ordo.orchestrator.engine.Build.forEach;
import static io.ordo.orchestrator.engine.Build.local;
import static io.ordo.orchestrator.engine.Build.parallel;
import static io.ordo.orchestrator.engine.Build.undoneBy;
import static io.ordo.orchestrator.engine.Build.value;
import static io.ordo.orchestrator.engine.Build.workflow;
import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;

/**
 * Compensation follows the workflow's structure: later steps of a sequence first, branches and
 * iterations at the same time (iterations at most {@code maxConcurrency} at once), a composite's
 * own compensation before what is nested in it; a compensation that gives up stops only what
 * depends on it.
 */
class CompensationOrderScenarioTest {

  private static ArrayNode items(int count) {
    ArrayNode list = JSON.arrayNode();
    IntStream.range(0, count).forEach(i -> list.add("item-" + i));
    return list;
  }

  private static EngineHarness fanOut(int count, int maxConcurrency) {
    return new EngineHarness(
        workflow(
            undoneBy(call("before", "x"), "undo.before"),
            forEach(
                "each",
                value(items(count)),
                "item",
                maxConcurrency,
                undoneBy(call("reserve", "inventory.reserve", local("item")), "inventory.release")),
            fail("stop", "Nope", "no")),
        JSON.objectNode());
  }

  /** Six iterations reserved at most two at a time, then the run fails: compensating. */
  private static EngineHarness sixReservedThenStopped() {
    EngineHarness run = fanOut(6, 2);
    run.complete("before", JSON.objectNode());
    for (int i = 0; i < 6; i++) {
      run.complete("each[" + i + "].reserve", JSON.objectNode());
    }
    return run;
  }

  @Test
  void undoesAFanOutAtMostMaxConcurrencyIterationsAtOnceLatestFirst() {
    EngineHarness run = sixReservedThenStopped();

    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATING);
    assertThat(run.dispatchedSteps())
        .containsExactly("each[5].reserve.compensate", "each[4].reserve.compensate");
    run.complete("each[4].reserve.compensate", JSON.objectNode());
    assertThat(run.dispatchedSteps()).containsExactly("each[3].reserve.compensate");
    for (int i : List.of(5, 3, 2, 1)) {
      run.complete("each[" + i + "].reserve.compensate", JSON.objectNode());
    }
    assertThat(run.dispatchedSteps()).isEmpty();
    run.complete("each[0].reserve.compensate", JSON.objectNode());
    assertThat(run.dispatchedSteps())
        .as("the step before the forEach, last")
        .containsExactly("before.compensate");
    run.complete("before.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATED);
  }

  @Test
  void iterationsUndoneForGoodAreCountedFromTheLatestSoTheyAreNotWalkedAgain() {
    EngineHarness run = sixReservedThenStopped();

    run.complete("each[4].reserve.compensate", JSON.objectNode());
    assertThat(run.run.undone("each")).as("each[5] is still being undone").isZero();
    run.complete("each[5].reserve.compensate", JSON.objectNode());
    assertThat(run.run.undone("each")).as("each[5] and each[4]").isEqualTo(2);
    assertThat(run.dispatchedSteps()).containsExactly("each[2].reserve.compensate");
    for (int i : List.of(3, 2, 1, 0)) {
      run.complete("each[" + i + "].reserve.compensate", JSON.objectNode());
    }
    assertThat(run.run.undone("each")).isEqualTo(6);
    run.complete("before.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATED);
  }

  @Test
  void aStepIsUndoneOnlyAfterEverythingLaterInItsBranch() {
    EngineHarness run =
        new EngineHarness(
            workflow(
                parallel(
                    "both",
                    List.of(
                        undoneBy(call("a1", "x"), "undo.a1"), undoneBy(call("a2", "x"), "undo.a2")),
                    List.of(undoneBy(call("b1", "x"), "undo.b1"), fail("b2", "Nope", "no")))),
            JSON.objectNode());
    run.complete("a1", JSON.objectNode());
    run.complete("a2", JSON.objectNode());
    run.complete("b1", JSON.objectNode()); // then b2 fails

    assertThat(run.dispatchedSteps()).containsExactly("b1.compensate", "a2.compensate");
    run.complete("b1.compensate", JSON.objectNode());
    assertThat(run.dispatchedSteps()).isEmpty();
    run.complete("a2.compensate", JSON.objectNode());
    assertThat(run.dispatchedSteps()).containsExactly("a1.compensate");
  }

  @Test
  void aCompensationThatGivesUpLetsTheIndependentOnesFinishThenWaitsForAnOperator() {
    EngineHarness run = fanOut(3, 3);
    run.complete("before", JSON.objectNode());
    for (int i = 0; i < 3; i++) {
      run.complete("each[" + i + "].reserve", JSON.objectNode());
    }
    run.fail("each[1].reserve.compensate", "WarehouseDown", false);

    assertThat(run.run.status())
        .as("the others are still in flight")
        .isEqualTo(RunStatus.COMPENSATING);
    run.complete("each[2].reserve.compensate", JSON.objectNode());
    run.complete("each[0].reserve.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATION_FAILED);
    assertThat(run.run.step("before.compensate")).as("it waits for the failed one").isEmpty();

    run.apply(new RunEvent.RetryRequested());
    assertThat(run.dispatchedSteps()).containsExactly("each[1].reserve.compensate");
    run.complete("each[1].reserve.compensate", JSON.objectNode());
    assertThat(run.dispatchedSteps()).containsExactly("before.compensate");
    run.complete("before.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATED);
  }
}
