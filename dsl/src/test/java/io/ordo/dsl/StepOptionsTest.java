package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.expr.Bindings;
import io.ordo.dsl.model.Catch;
import io.ordo.dsl.model.RetryPolicy;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepOptions;
import io.ordo.dsl.model.WorkflowDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Effective if, timeout, retry, catch and compensate, as the engine reads them, per kind. */
class StepOptionsTest {

  private static final String DEFAULTS =
      """
      name: options
      defaults:
        timeout: 2m
        retry: {maxAttempts: 7}
      """;

  private final WorkflowParser parser = new WorkflowParser();

  @Test
  void givesAFunctionStepItsOwnTimeoutElseTheDefaultsAndRetryOverTheDefaults() {
    List<Step> steps =
        steps(
            DEFAULTS
                + """
                steps:
                  - {id: own, function: svc.a, timeout: 5s, retry: {jitter: 0}}
                  - {id: inherited, function: svc.b}
                """);

    assertThat(steps.get(0).options().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(steps.get(0).options().retry().maxAttempts()).isEqualTo(7);
    assertThat(steps.get(0).options().retry().jitter()).isZero();
    assertThat(steps.get(1).options().timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(steps.get(1).options().retry().maxAttempts()).isEqualTo(7);
  }

  @Test
  void letsAWorkflowStepRetryOnlyWhenItSaysSoAndTimesItOnlyWhenItSetsATimeout() {
    List<Step> steps =
        steps(
            DEFAULTS
                + """
                steps:
                  - {id: retried, workflow: shipping, retry: {initialInterval: 2s}, timeout: 1h}
                  - {id: once, workflow: shipping}
                """);

    assertThat(steps.get(0).options().retry())
        .isEqualTo(
            new RetryPolicy(7, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1), 0.2, Set.of()));
    assertThat(steps.get(0).options().timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(steps.get(1).options().retry()).isEqualTo(RetryPolicy.ONCE);
    assertThat(steps.get(1).options().timeout()).isNull();
  }

  @Test
  void givesEveryOtherKindOneAttemptAndATimeoutOnlyWhenSet() {
    List<Step> steps =
        steps(
            DEFAULTS
                + """
                steps:
                  - {id: waitALittle, wait: 10s}
                  - {id: signal, waitForSignal: go, timeout: 1d}
                  - id: both
                    parallel:
                      - steps: [{id: a, function: svc.a}]
                    timeout: 10m
                  - {id: stop, succeed: {}}
                """);

    assertThat(steps).extracting(s -> s.options().retry()).containsOnly(RetryPolicy.ONCE);
    assertThat(steps)
        .extracting(s -> s.options().timeout())
        .containsExactly(null, Duration.ofDays(1), Duration.ofMinutes(10), null);
  }

  @Test
  void evaluatesTheConditionOfAnyStep() {
    Step step =
        steps(
                """
                name: conditional
                steps:
                  - {id: big, if: "${ input.amount > 1000 }", wait: 1s}
                """)
            .getFirst();

    assertThat(step.options().condition().evaluate(bindings("{\"amount\": 5000}")).booleanValue())
        .isTrue();
    assertThat(step.options().condition().evaluate(bindings("{\"amount\": 5}")).booleanValue())
        .isFalse();
  }

  @Test
  void keepsCatchesInOrderSoTheFirstThatMatchesWins() {
    StepOptions options =
        steps(
                """
                name: recovering
                steps:
                  - id: charge
                    function: payments.charge
                    catch:
                      - errors: [CardDeclined, InsufficientFunds]
                        steps: [{id: askAgain, function: email.send}]
                      - errors: [Timeout]
                        steps: [{id: later, function: payments.later}]
                      - steps: [{id: anything, fail: {error: PaymentFailed}}]
                """)
            .getFirst()
            .options();

    assertThat(options.catches())
        .extracting(Catch::errors)
        .containsExactly(Set.of("CardDeclined", "InsufficientFunds"), Set.of("Timeout"), Set.of());
    assertThat(options.catchFor("InsufficientFunds").steps().getFirst().id()).isEqualTo("askAgain");
    assertThat(options.catchFor("Timeout").steps().getFirst().id()).isEqualTo("later");
    assertThat(options.catchFor("Cancelled").steps().getFirst().id()).isEqualTo("anything");
  }

  @Test
  void letsACatchReadTheErrorAndWhatTheFailedStepSaw() {
    WorkflowDefinition workflow =
        valid(
            """
            name: recovering
            steps:
              - {id: load, function: orders.load}
              - id: charge
                function: payments.charge
                catch:
                  - steps:
                      - id: report
                        function: email.send
                        input:
                          order: ${ steps.load.output.id }
                          why: "${ error.type }: ${ error.message } in ${ error.stepId }"
            """);
    Step report = workflow.step("report").orElseThrow();
    Bindings bindings =
        new Bindings(
            TestBindings.json("{}"),
            Map.of("load", TestBindings.json("{\"id\": \"o-1\"}")),
            TestBindings.json("{}"),
            Map.of(
                "error",
                TestBindings.json(
                    "{\"type\": \"Timeout\", \"message\": \"too slow\", \"stepId\": \"charge\"}")));

    assertThat(((io.ordo.dsl.model.FunctionStep) report).input().evaluate(bindings))
        .isEqualTo(
            TestBindings.json("{\"order\": \"o-1\", \"why\": \"Timeout: too slow in charge\"}"));
  }

  @Test
  void letsACompositeStepBeCompensatedWithWhatFinishedInsideIt() {
    Step step =
        steps(
                DEFAULTS
                    + """
                    steps:
                      - id: notify
                        parallel:
                          - steps: [{id: sendEmail, function: email.send}]
                        compensate:
                          function: email.retract
                          input: {message: "${ steps.sendEmail.output.id }", all: "${ steps.notify.output }"}
                    """)
            .getFirst();

    assertThat(step.options().compensate().function()).isEqualTo("email.retract");
    assertThat(step.options().compensate().timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(step.options().compensate().retry().maxAttempts()).isEqualTo(7);
  }

  private static Bindings bindings(String input) {
    return new Bindings(TestBindings.json(input), Map.of(), TestBindings.json("{}"));
  }

  private List<Step> steps(String yaml) {
    return valid(yaml).steps();
  }

  private WorkflowDefinition valid(String yaml) {
    ParseResult result = parser.parse(yaml);
    assertThat(result)
        .as(() -> result instanceof ParseResult.Invalid i ? i.violations().toString() : "")
        .isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).workflow();
  }
}
