package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChildWorkflowIT extends OrdoIT {

  @Test
  void awaitsTheChildRunAndTakesItsOutput() {
    deploy(
        """
        name: it-child-echo
        input:
          schema: {type: object, required: [value]}
        steps:
          - id: echo
            function: demo.echo
            input: {echoed: "${ input.value }"}
        output: ${ steps.echo.output }
        """);
    deploy(
        """
        name: it-parent
        steps:
          - id: child
            workflow: it-child-echo
            input: {value: "${ input.value }"}
          - id: after
            function: demo.echo
            input: "${ steps.child.output }"
        output: ${ steps.after.output }
        """);

    String runId = api.startRun("it-parent", "{\"value\": 42}");

    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(run.get("output").get("echoed").asInt()).isEqualTo(42);
    String childId = childrenOf(runId, 1).get(0).get("runId").asString();
    JsonNode attempt = step(run, "child").get("attempts").get(0);
    assertThat(attempt.get("workerId").asString()).isEqualTo("run:" + childId);
    JsonNode child = api.run(childId);
    assertThat(child.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(child.get("parent").get("runId").asString()).isEqualTo(runId);
    assertThat(child.get("parent").get("stepId").asString()).isEqualTo("child");
    assertThat(child.get("parent").get("attempt").asInt()).isEqualTo(1);
  }

  @Test
  void failsTheParentWhenTheChildRunFails() {
    deploy(
        """
        name: it-child-declined
        steps:
          - id: pay
            function: payments.validate
            input: {orderId: c-1, amount: 20000}
        """);
    deploy(
        """
        name: it-parent-of-declined
        steps:
          - id: child
            workflow: it-child-declined
        """);

    String runId = api.startRun("it-parent-of-declined", "{}");

    JsonNode run = awaitStatus(runId, "FAILED");
    assertThat(run.get("error").get("type").asString()).isEqualTo("CardDeclined");
    assertThat(run.get("error").get("stepId").asString()).isEqualTo("child");
    assertThat(childrenOf(runId, 1).get(0).get("status").asString()).isEqualTo("FAILED");
  }

  @Test
  void failsTheStepWhenTheChildWorkflowCannotStart() {
    deploy(
        """
        name: it-child-strict
        input:
          schema: {type: object, required: [needed]}
        steps:
          - id: echo
            function: demo.echo
        """);
    deploy(
        """
        name: it-parent-of-nothing
        steps:
          - id: missing
            workflow: it-no-such-workflow
            catch:
              - errors: [ChildWorkflowNotStarted]
                steps:
                  - id: noted
                    function: demo.echo
                    input: {message: "${ error.message }"}
          - id: strict
            workflow: it-child-strict
            input: {other: 1}
        """);

    String runId = api.startRun("it-parent-of-nothing", "{}");

    JsonNode run = awaitStatus(runId, "FAILED");
    assertThat(step(run, "missing").get("status").asString()).isEqualTo("RECOVERED");
    assertThat(step(run, "noted").get("output").get("message").asString())
        .contains("it-no-such-workflow");
    assertThat(run.get("error").get("type").asString()).isEqualTo("ChildWorkflowNotStarted");
    assertThat(run.get("error").get("message").asString()).contains("input schema");
    assertThat(api.get("/runs?parent=" + runId).body().get("runs")).isEmpty();
  }

  @Test
  void refusesToNestChildRunsMoreThanSixteenDeep() {
    deploy(
        """
        name: it-recursive
        steps:
          - id: again
            workflow: it-recursive
        """);

    String runId = api.startRun("it-recursive", "{}");

    JsonNode run = awaitStatus(runId, "FAILED");
    assertThat(run.get("error").get("type").asString()).isEqualTo("ChildWorkflowNotStarted");
    assertThat(run.get("error").get("message").asString()).contains("16");
    int depth = 0;
    for (String id = runId; ; depth++) {
      JsonNode children = api.get("/runs?parent=" + id).body().get("runs");
      if (children.isEmpty()) {
        break;
      }
      id = children.get(0).get("runId").asString();
    }
    assertThat(depth).isEqualTo(16);
  }

  @Test
  void takesTheOutputOfAChildRunThatEndsInItsFirstTransition() {
    deploy(
        """
        name: it-child-instant
        steps:
          - id: done
            succeed: {output: {instant: true}}
        """);
    deploy(
        """
        name: it-parent-of-instant
        steps:
          - id: child
            workflow: it-child-instant
        output: ${ steps.child.output }
        """);

    String runId = api.startRun("it-parent-of-instant", "{}");

    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(run.get("output").get("instant").asBoolean()).isTrue();
  }

  @Test
  void startsAFreshChildRunWhenAnOperatorRetriesTheParent() {
    deploy(
        """
        name: it-child-fails-once
        steps:
          - id: flaky
            function: test.fail-first
        """);
    deploy(
        """
        name: it-parent-retried
        steps:
          - id: child
            workflow: it-child-fails-once
        """);
    String runId = api.startRun("it-parent-retried", "{}");
    awaitStatus(runId, "FAILED");

    assertThat(api.post("/runs/" + runId + "/retry").status()).isEqualTo(202);

    JsonNode run = awaitStatus(runId, "FAILED");
    assertThat(step(run, "child").get("attempts")).hasSize(2);
    assertThat(childrenOf(runId, 2).valueStream().map(c -> c.get("status").asString()))
        .containsOnly("FAILED");
  }
}
