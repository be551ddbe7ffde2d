package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FailSucceedAndIfIT extends OrdoIT {

  @Test
  void recoversFromAFailStepInACatchThatSeesTheError() {
    deploy(
        """
        name: it-fail-caught
        steps:
          - id: check
            fail: {error: Rejected, message: "order ${ input.orderId } rejected"}
            catch:
              - errors: [Rejected]
                steps:
                  - id: handle
                    function: demo.echo
                    input: {type: "${ error.type }", message: "${ error.message }"}
        output: ${ steps.check.output }
        """);

    String runId = api.startRun("it-fail-caught", "{\"orderId\": \"7\"}");

    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(run.get("output").get("type").asString()).isEqualTo("Rejected");
    assertThat(run.get("output").get("message").asString()).isEqualTo("order 7 rejected");
    assertThat(step(run, "check").get("status").asString()).isEqualTo("RECOVERED");
  }

  @Test
  void failsTheRunWithTheErrorOfAFailStepNoCatchHandles() {
    deploy(
        """
        name: it-fail-uncaught
        steps:
          - id: check
            fail: {error: Rejected, message: "not today"}
            catch:
              - errors: [SomethingElse]
                steps:
                  - id: never
                    function: demo.echo
        """);

    String runId = api.startRun("it-fail-uncaught", "{}");

    JsonNode run = awaitStatus(runId, "FAILED");
    assertThat(run.get("error").get("type").asString()).isEqualTo("Rejected");
    assertThat(run.get("error").get("message").asString()).isEqualTo("not today");
    assertThat(stepIds(run)).containsExactly("check");
  }

  @Test
  void endsTheRunEarlyWithTheOutputOfASucceedStep() {
    deploy(
        """
        name: it-succeed
        steps:
          - id: first
            function: demo.echo
            input: {n: 1}
          - id: done
            succeed: {output: {early: true, n: "${ steps.first.output.n }"}}
          - id: never
            function: demo.echo
        output: {late: true}
        """);

    String runId = api.startRun("it-succeed", "{}");

    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(run.get("output").get("early").asBoolean()).isTrue();
    assertThat(run.get("output").get("n").asInt()).isEqualTo(1);
    assertThat(run.get("output").properties()).hasSize(2);
    assertThat(stepIds(run)).containsExactly("first", "done");
  }

  @Test
  void skipsAStepWhoseConditionIsFalse() {
    deploy(
        """
        name: it-if
        steps:
          - id: notify
            if: "${ input.notify }"
            function: email.send
            input: {to: ann@example.com, template: hello}
          - id: after
            function: demo.echo
            input: {done: true}
        """);

    String skipped = api.startRun("it-if", "{\"notify\": false}");
    String sent = api.startRun("it-if", "{\"notify\": true}");

    JsonNode run = awaitStatus(skipped, "COMPLETED");
    assertThat(step(run, "notify").get("status").asString()).isEqualTo("SKIPPED");
    assertThat(step(run, "notify").get("attempts")).isEmpty();
    assertThat(step(run, "after").get("status").asString()).isEqualTo("COMPLETED");
    JsonNode other = awaitStatus(sent, "COMPLETED");
    assertThat(step(other, "notify").get("status").asString()).isEqualTo("COMPLETED");
    assertThat(step(other, "notify").get("attempts")).hasSize(1);
  }
}
