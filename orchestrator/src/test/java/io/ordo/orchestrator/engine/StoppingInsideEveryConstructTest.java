package io.ordo.orchestrator.engine;

import static io.ordo.orchestrator.engine.Build.call;
import static io.ordo.orchestrator.engine.Build.catching;
import static io.ordo.orchestrator.engine.Build.child;
import static io.ordo.orchestrator.engine.Build.choose;
import static io.ordo.orchestrator.engine.Build.fail;
import static io.ordo.orchestrator.engine.Build.forEach;
import static io.ordo.orchestrator.engine.Build.local;
import static io.ordo.orchestrator.engine.Build.parallel;
import static io.ordo.orchestrator.engine.Build.signal;
import static io.ordo.orchestrator.engine.Build.timeout;
import static io.ordo.orchestrator.engine.Build.undoneBy;
import static io.ordo.orchestrator.engine.Build.value;
import static io.ordo.orchestrator.engine.Build.waitFor;
import static io.ordo.orchestrator.engine.Build.when;
import static io.ordo.orchestrator.engine.Build.workflow;
import static io.ordo.orchestrator.engine.EngineHarness.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.model.Step;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every construct, caught while something inside it is in flight after an undoable step completed:
 * a cancel, a run timeout and the construct's own timeout each stop what is in flight, leave no
 * timer behind but the ones of the compensation, and undo what completed.
 */
class StoppingInsideEveryConstructTest {

  private static final Duration LIMIT = Duration.ofMinutes(10);

  static Stream<Arguments> constructs() {
    return Stream.of(
        Arguments.of(
            "switch",
            choose(
                "it", List.of(when(value(JSON.booleanNode(true)), call("inner", "x"))), List.of())),
        Arguments.of(
            "parallel", parallel("it", List.of(call("inner", "x")), List.of(call("other", "x")))),
        Arguments.of(
            "forEach",
            forEach(
                "it",
                value(JSON.arrayNode().add(1).add(2)),
                "n",
                5,
                call("inner", "x", local("n")))),
        Arguments.of("wait", waitFor("it", Duration.ofHours(1))),
        Arguments.of("waitForSignal", signal("it", "go")),
        Arguments.of("workflow", child("it", "other")),
        Arguments.of(
            "catch", catching(fail("it", "Broken", "broken"), Set.of(), call("inner", "x"))));
  }

  private static EngineHarness started(Step construct) {
    EngineHarness run =
        new EngineHarness(
            workflow(
                Duration.ofHours(2),
                null,
                undoneBy(call("before", "x"), "x.undo"),
                timeout(construct, LIMIT)),
            JSON.objectNode());
    run.complete("before", JSON.objectNode());
    assertThat(run.step("it").status().isInFlight()).isTrue();
    return run;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constructs")
  void aCancelStopsEverythingInsideAndCompensates(String kind, Step construct) {
    EngineHarness run = started(construct);
    run.apply(new RunEvent.CancelRequested("stop"));

    assertNothingInFlight(run);
    run.complete("before.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.CANCELLED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constructs")
  void theRunTimeoutStopsEverythingInsideAndCompensates(String kind, Step construct) {
    EngineHarness run = started(construct);
    run.fire(TimerKey.RUN_TIMEOUT);

    assertNothingInFlight(run);
    run.complete("before.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.TIMED_OUT);
  }

  /** A step's own timeout covers its own work, not the steps of its catch. */
  static Stream<Arguments> constructsWithAnOwnTimeout() {
    return constructs().filter(a -> !a.get()[0].equals("catch"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constructsWithAnOwnTimeout")
  void itsOwnTimeoutFailsItWithTimeoutAndCompensates(String kind, Step construct) {
    EngineHarness run = started(construct);
    if (kind.equals("workflow")) {
      run.fire(TimerKey.attemptTimeout("it", 1)); // a child run's timeout is per attempt
    } else {
      run.fire(TimerKey.stepTimeout("it"));
    }

    assertNothingInFlight(run);
    assertThat(run.run.error().type()).isEqualTo(Failure.TIMEOUT);
    run.complete("before.compensate", JSON.objectNode());
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATED);
  }

  private static void assertNothingInFlight(EngineHarness run) {
    assertThat(run.run.status()).isEqualTo(RunStatus.COMPENSATING);
    assertThat(run.run.steps())
        .filteredOn(s -> s.kind() == StepExecution.Kind.FORWARD)
        .allSatisfy(s -> assertThat(s.status().isInFlight()).as(s.stepId()).isFalse());
    assertThat(run.hasTimer(TimerKey.stepTimeout("it"))).isFalse();
    assertThat(run.hasTimer(TimerKey.waitOver("it"))).isFalse();
    assertThat(run.hasTimer(TimerKey.attemptTimeout("inner", 1))).isFalse();
    assertThat(run.hasTimer(TimerKey.RUN_TIMEOUT)).isFalse();
  }
}
