package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.Build.call;
import static io.ordo.orchestrator.engine.Build.parallel;
import static io.ordo.orchestrator.engine.Build.undoneBy;
import static io.ordo.orchestrator.engine.Build.workflow;
import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static io.ordo.orchestrator.engine.EngineHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.model.WorkflowDefinition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelScenarioTest {

  private static final WorkflowDefinition FAN_OUT =
      workflow(
          Duration.ofMinutes(5),
          Build.output("notify"),
          parallel(
              "notify",
              List.of(
                  undoneBy(call("email", "email.send"), "email.retract"),
                  call("emailLog", "demo.echo")),
              List.of(undoneBy(call("sms", "sms.send"), "sms.retract")),
              List.of(call("push", "push.send"))));

  private final EngineHarness run = new EngineHarness(FAN_OUT, JSON.objectNode());

  @Test
  void startsTheFirstStepOfEveryBranchAtOnce() {
    assertThat(run.dispatchedSteps()).containsExactly("email", "sms", "push");
  }

  @Test
  void completesWithTheBranchOutputsInBranchOrderOnceEveryBranchIsDone() {
    run.complete("push", object("push", "p"));
    run.complete("sms", object("sms", "s"));
    run.complete("email", object("email", "e"));
    assertThat(run.step("notify").status()).isEqualTo(StepStatus.ACTIVE);
    run.complete("emailLog", object("log", "l"));

    assertThat(run.run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.run.output())
        .isEqualTo(
            JSON.arrayNode()
                .add(object("log", "l"))
                .add(object("sms", "s"))
                .add(object("push", "p")));
  }

  @Test
  void aFailingBranchCancelsTheOthersAndCompensatesWhatCompletedInEveryBranchAtOnce() {
    run.complete("email", object("email", "e"));
    run.advance(Duration.ofSeconds(1));
    run.complete("sms", object("sms", "s"));
    run.fail("push", "Unreachable", false);

    assertThat(run.step("emailLog").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(run.step("notify").status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.dispatchedSteps()).containsExactly("sms.compensate", "email.compensate");
    run.complete("sms.compensate", JSON.objectNode());
    run.complete("email.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATED);
    assertThat(run.run.error().stepId()).isEqualTo("push");
  }

  @Test
  void theRunTimeoutCancelsEveryBranch() {
    run.complete("sms", object("sms", "s"));
    run.fire(TimerKey.RUN_TIMEOUT);

    assertThat(run.step("email").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(run.step("push").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(run.step("notify").status()).isEqualTo(StepStatus.CANCELLED);
    run.complete("sms.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.TIMED_OUT);
  }

  @Test
  void lateResultsFromACancelledBranchAreIgnored() {
    run.fail("push", "Unreachable", false);

    assertThat(
            run.apply(new RunEvent.StepCompleted("email", 1, JSON.objectNode(), run.report()))
                .ignored())
        .isEqualTo(Transition.Ignored.STALE);
  }
}
