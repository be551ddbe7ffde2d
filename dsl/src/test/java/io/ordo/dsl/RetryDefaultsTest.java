package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.model.Compensation;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.RetryPolicy;
import io.ordo.dsl.model.WorkflowDefinition;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Effective timeout and retry: the step's own, else defaults, else Ordo's built-in ones. */
class RetryDefaultsTest {

  private final WorkflowParser parser = new WorkflowParser();

  @Test
  void givesAStepWithoutSettingsTheBuiltInDefaults() {
    FunctionStep step =
        onlyStep(
            """
            name: plain
            steps:
              - {id: a, function: svc.a}
            """);

    assertThat(step.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(step.retry()).isEqualTo(RetryPolicy.DEFAULT);
  }

  @Test
  void mergesAPartialStepRetryFieldByFieldOverDefaultsOverBuiltIn() {
    FunctionStep step =
        onlyStep(
            """
            name: merged
            defaults:
              retry: {maxAttempts: 7, multiplier: 3.0}
            steps:
              - id: a
                function: svc.a
                retry: {initialInterval: 2s, nonRetryable: [CardDeclined]}
            """);

    assertThat(step.retry())
        .isEqualTo(
            new RetryPolicy(
                7, Duration.ofSeconds(2), 3.0, Duration.ofMinutes(1), 0.2, Set.of("CardDeclined")));
  }

  @Test
  void letsAStepOverrideEveryRetryField() {
    FunctionStep step =
        onlyStep(
            """
            name: overridden
            defaults:
              retry: {maxAttempts: 7}
            steps:
              - id: a
                function: svc.a
                retry:
                  maxAttempts: 1
                  initialInterval: 100ms
                  multiplier: 1
                  maxInterval: 100ms
                  jitter: 0
                  nonRetryable: []
            """);

    assertThat(step.retry())
        .isEqualTo(
            new RetryPolicy(1, Duration.ofMillis(100), 1.0, Duration.ofMillis(100), 0.0, Set.of()));
  }

  @Test
  void takesTheTimeoutFromTheStepThenDefaultsThenThirtySeconds() {
    WorkflowDefinition workflow =
        valid(
            """
            name: timeouts
            defaults: {timeout: 2m}
            steps:
              - {id: own, function: svc.a, timeout: 5s}
              - {id: inherited, function: svc.b}
            """);

    assertThat(workflow.steps())
        .extracting(s -> ((FunctionStep) s).timeout())
        .containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(2));
  }

  @Test
  void defaultsACompensationLikeAStep() {
    Compensation compensation =
        onlyStep(
                """
                name: saga
                defaults:
                  timeout: 45s
                  retry: {maxAttempts: 9}
                steps:
                  - id: a
                    function: svc.a
                    retry: {maxAttempts: 2}
                    compensate:
                      function: svc.undo
                      retry: {jitter: 0.5}
                """)
            .compensate();

    assertThat(compensation.timeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(compensation.retry().maxAttempts()).isEqualTo(9);
    assertThat(compensation.retry().jitter()).isEqualTo(0.5);
  }

  @Test
  void givesAStepWithoutInputAnEmptyObject() {
    FunctionStep step = onlyStep("name: x\nsteps:\n  - {id: a, function: svc.a}\n");

    assertThat(step.input().evaluate(TestBindings.empty()).isObject()).isTrue();
    assertThat(step.input().evaluate(TestBindings.empty()).isEmpty()).isTrue();
  }

  @Test
  void reportsAnInconsistentDefaultRetryOnceAtDefaults() {
    ParseResult result =
        parser.parse(
            """
            name: x
            defaults:
              retry: {initialInterval: 2m}
            steps:
              - {id: a, function: svc.a}
              - {id: b, function: svc.b}
            """);

    assertThat(((ParseResult.Invalid) result).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("defaults.retry");
              assertThat(v.message())
                  .isEqualTo("maxInterval (1m) must not be shorter than initialInterval (2m)");
            });
  }

  private FunctionStep onlyStep(String yaml) {
    return (FunctionStep) valid(yaml).steps().getFirst();
  }

  private WorkflowDefinition valid(String yaml) {
    ParseResult result = parser.parse(yaml);
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).workflow();
  }
}
