package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.Build.call;
import static io.ordo.orchestrator.engine.Build.catching;
import static io.ordo.orchestrator.engine.Build.local;
import static io.ordo.orchestrator.engine.Build.output;
import static io.ordo.orchestrator.engine.Build.signal;
import static io.ordo.orchestrator.engine.Build.timeout;
import static io.ordo.orchestrator.engine.Build.waitFor;
import static io.ordo.orchestrator.engine.Build.waitUntil;
import static io.ordo.orchestrator.engine.Build.workflow;
import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static io.ordo.orchestrator.engine.EngineHarness.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.model.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitAndSignalScenarioTest {

  private static final WorkflowDefinition APPROVAL =
      workflow(
          null,
          output("approval"),
          call("prepare", "demo.echo"),
          catching(
              timeout(signal("approval", "approved"), Duration.ofHours(1)),
              Set.of("Timeout"),
              call("escalate", "demo.echo", local("error"))));

  @Test
  void aWaitStepWaitsOnADurableTimerForItsDuration() {
    EngineHarness run =
        new EngineHarness(
            workflow(waitFor("coolOff", Duration.ofMinutes(10)), call("after", "demo.echo")),
            JSON.objectNode());

    assertThat(run.scheduledAt(TimerKey.waitOver("coolOff"))).isEqualTo(run.now.plusSeconds(600));
    assertThat(run.dispatches()).isEmpty();
    run.fire(TimerKey.waitOver("coolOff"));
    assertThat(run.step("coolOff").status()).isEqualTo(StepStatus.COMPLETED);
    assertThat(run.dispatchedSteps()).containsExactly("after");
  }

  @Test
  void aWaitStepCanWaitUntilATimestamp() {
    EngineHarness run =
        new EngineHarness(
            workflow(waitUntil("until", b -> b.input().get("at"))),
            JSON.objectNode().put("at", "2026-12-24T18:00:00Z"));

    assertThat(run.scheduledAt(TimerKey.waitOver("until")))
        .isEqualTo(Instant.parse("2026-12-24T18:00:00Z"));
  }

  @Test
  void aWaitUntilSomethingThatIsNotATimestampFailsTheStep() {
    EngineHarness run =
        new EngineHarness(
            workflow(waitUntil("until", b -> b.input().get("at"))),
            JSON.objectNode().put("at", "tomorrow"));

    assertThat(run.run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.run.error().message()).contains("RFC 3339");
  }

  @Test
  void cancellingAWaitDropsItsTimer() {
    EngineHarness run =
        new EngineHarness(workflow(waitFor("coolOff", Duration.ofMinutes(10))), JSON.objectNode());
    run.apply(new RunEvent.CancelRequested("stop"));

    assertThat(run.hasTimer(TimerKey.waitOver("coolOff"))).isFalse();
    assertThat(run.apply(new RunEvent.TimerFired(TimerKey.waitOver("coolOff"))).ignored())
        .isEqualTo(Transition.Ignored.STALE);
  }

  @Test
  void aSignalCompletesTheStepWaitingForItWithItsPayload() {
    EngineHarness run = new EngineHarness(APPROVAL, JSON.objectNode());
    run.complete("prepare", JSON.objectNode());
    assertThat(run.step("approval").status()).isEqualTo(StepStatus.ACTIVE);
    run.signal("approved", object("by", "ann"));

    assertThat(run.run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.run.output()).isEqualTo(object("by", "ann"));
    assertThat(run.hasTimer(TimerKey.stepTimeout("approval"))).isFalse();
  }

  @Test
  void aSignalThatArrivesBeforeTheStepWaitsIsKeptForIt() {
    EngineHarness run = new EngineHarness(APPROVAL, JSON.objectNode());
    run.signal("approved", object("by", "early"));
    assertThat(run.run.signals())
        .singleElement()
        .satisfies(s -> assertThat(s.name()).isEqualTo("approved"));
    run.complete("prepare", JSON.objectNode());

    assertThat(run.run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.run.output()).isEqualTo(object("by", "early"));
    assertThat(run.run.signals()).isEmpty();
  }

  @Test
  void waitingTooLongForASignalTimesOutIntoItsCatch() {
    EngineHarness run = new EngineHarness(APPROVAL, JSON.objectNode());
    run.complete("prepare", JSON.objectNode());
    run.fire(TimerKey.stepTimeout("approval"));

    assertThat(run.step("approval").status()).isEqualTo(StepStatus.RECOVERING);
    assertThat(run.dispatches())
        .singleElement()
        .satisfies(d -> assertThat(d.input().get("type").asString()).isEqualTo("Timeout"));
    run.complete("escalate", object("escalated", "yes"));
    assertThat(run.step("approval").status()).isEqualTo(StepStatus.RECOVERED);
    assertThat(run.run.output()).isEqualTo(object("escalated", "yes"));
  }

  @Test
  void aRunThatIsNotRunningTakesNoSignal() {
    EngineHarness run = new EngineHarness(APPROVAL, JSON.objectNode());
    run.apply(new RunEvent.CancelRequested("stop"));

    assertThat(run.signal("approved", JSON.nullNode()).ignored())
        .isEqualTo(Transition.Ignored.NOT_ALLOWED);
  }
}
