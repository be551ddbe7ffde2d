package io.ordo.orchestrator.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.ParseResult;
import io.ordo.dsl.WorkflowParser;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.engine.Attempt;
import io.ordo.orchestrator.engine.Engine;
import io.ordo.orchestrator.engine.RunEvent;
import io.ordo.orchestrator.engine.RunState;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class UsageMeterTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

  private final Engine engine = new Engine();

  @Test
  void countsOnlyTheStepsThatCallAFunction() {
    WorkflowDefinition workflow =
        parse(
            """
            name: metered
            steps:
              - id: route
                switch:
                  - when: "${ true }"
                    steps:
                      - id: call
                        function: demo.echo
              - id: child
                workflow: other
              - id: pause
                wait: 1s
            """);

    RunState started = engine.start(runId(), workflow, 1, EMPTY, T0).state();
    RunState childStarted = complete(workflow, started, "call", 250);
    Map<String, UsageDelta> first = UsageMeter.between(null, started);
    Map<String, UsageDelta> second = UsageMeter.between(started, childStarted);

    assertThat(first).containsOnlyKeys("demo.echo");
    assertThat(first.get("demo.echo").invocations()).isEqualTo(1);
    assertThat(first.get("demo.echo").inFlight()).isEqualTo(1);
    assertThat(second).containsOnlyKeys("demo.echo");
    assertThat(second.get("demo.echo").completed()).isEqualTo(1);
    assertThat(second.get("demo.echo").inFlight()).isEqualTo(-1);
    assertThat(second.get("demo.echo").computeMillis()).isEqualTo(250);
  }

  @Test
  void matchesTheStepsOfABigForEachByIdQuickly() {
    WorkflowDefinition workflow =
        parse(
            """
            name: fan-out
            steps:
              - id: each
                forEach: "${ input.items }"
                maxConcurrency: 5000
                steps:
                  - id: call
                    function: demo.echo
            """);
    var items = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < 5_000; i++) {
      items.add(i);
    }
    JsonNode input = JsonNodeFactory.instance.objectNode().set("items", items);
    RunState started = engine.start(runId(), workflow, 1, input, T0).state();
    RunState oneDone = complete(workflow, started, "each[4999].call", 10);

    long before = System.nanoTime();
    Map<String, UsageDelta> usage = UsageMeter.between(started, oneDone);
    long millis = (System.nanoTime() - before) / 1_000_000;

    assertThat(usage.get("demo.echo").completed()).isEqualTo(1);
    assertThat(usage.get("demo.echo").invocations()).isZero();
    assertThat(millis).isLessThan(1_000);
  }

  private RunState complete(WorkflowDefinition workflow, RunState run, String stepId, long millis) {
    Instant done = T0.plusMillis(millis);
    var event =
        new RunEvent.StepCompleted(stepId, 1, EMPTY, new Attempt.Report("worker-1", T0, done));
    return engine.apply(run, workflow, event, done).state();
  }

  private static String runId() {
    return UUID.randomUUID().toString();
  }

  private static WorkflowDefinition parse(String yaml) {
    return switch (new WorkflowParser().parse(yaml)) {
      case ParseResult.Valid valid -> valid.workflow();
      case ParseResult.Invalid invalid -> throw new AssertionError(invalid.violations());
    };
  }
}
