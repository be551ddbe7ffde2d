package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.Build.call;
import static io.ordo.orchestrator.engine.Build.catching;
import static io.ordo.orchestrator.engine.Build.parallel;
import static io.ordo.orchestrator.engine.Build.workflow;
import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResumeScenarioTest {

  @Test
  void retryingResumesTheFailedBranchStepAndWhatItsFailureCancelled() {
    EngineHarness run =
        new EngineHarness(
            workflow(
                parallel(
                    "both",
                    List.of(call("a", "x")),
                    List.of(call("b1", "x"), call("b2", "x")),
                    List.of(call("c", "x"))),
                call("after", "x")),
            JSON.objectNode());
    run.complete("c", JSON.objectNode());
    run.fail("a", "Broken", false);
    assertThat(run.run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.step("b1").status()).isEqualTo(StepStatus.CANCELLED);

    run.apply(new RunEvent.RetryRequested());

    assertThat(run.run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.step("both").status()).isEqualTo(StepStatus.ACTIVE);
    assertThat(run.dispatchedSteps()).containsExactly("a", "b1");
    assertThat(run.dispatches().getFirst().attempt()).isEqualTo(2);
    assertThat(run.dispatches().getFirst().idempotencyKey()).endsWith(":a");
    run.complete("a", JSON.objectNode());
    run.complete("b1", JSON.objectNode());
    run.complete("b2", JSON.objectNode());
    run.complete("after", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void retryingAfterACatchFailedResumesTheCatch() {
    EngineHarness run =
        new EngineHarness(
            workflow(catching(call("risky", "x"), Set.of(), call("rescue", "x"))),
            JSON.objectNode());
    run.fail("risky", "Broken", false);
    run.fail("rescue", "AlsoBroken", false);
    assertThat(run.run.status()).isEqualTo(RunStatus.FAILED);

    run.apply(new RunEvent.RetryRequested());

    assertThat(run.step("risky").status()).isEqualTo(StepStatus.RECOVERING);
    assertThat(run.dispatchedSteps()).containsExactly("rescue");
    run.complete("rescue", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPLETED);
  }
}
