package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SignalIT extends OrdoIT {

  @Test
  void completesTheWaitingStepWithTheSignalsPayload() {
    deploy(
        """
        name: it-approval
        steps:
          - id: approval
            waitForSignal: approval
            timeout: 30s
          - id: after
            function: demo.echo
            input: "${ steps.approval.output }"
        output: ${ steps.after.output }
        """);
    String runId = api.startRun("it-approval", "{}");
    awaitStep(runId, "approval", "ACTIVE");

    OrdoApi.Response sent =
        api.post("/runs/" + runId + "/signals/approval", "{\"approved\": true, \"by\": \"ann\"}");

    assertThat(sent.status()).isEqualTo(202);
    assertThat(sent.body().get("runId").asString()).isEqualTo(runId);
    assertThat(sent.body().get("signal").asString()).isEqualTo("approval");
    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(run.get("output").get("by").asString()).isEqualTo("ann");
    assertThat(step(run, "approval").get("output").get("approved").asBoolean()).isTrue();
  }

  @Test
  void keepsASignalThatArrivesBeforeTheStepWaitsForIt() {
    deploy(
        """
        name: it-early-signal
        steps:
          - id: busy
            function: demo.sleep
            input: {millis: 1000}
          - id: approval
            waitForSignal: approval
            timeout: 30s
        output: ${ steps.approval.output }
        """);
    String runId = api.startRun("it-early-signal", "{}");

    OrdoApi.Response sent = api.post("/runs/" + runId + "/signals/approval", "\"yes\"");

    assertThat(sent.status()).isEqualTo(202);
    assertThat(step(api.run(runId), "busy").get("status").asString()).isEqualTo("ACTIVE");
    assertThat(api.run(runId).get("signals").get(0).get("name").asString()).isEqualTo("approval");
    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(run.get("output").asString()).isEqualTo("yes");
    assertThat(run.get("signals")).isEmpty();
    assertThat(events(runId).valueStream().map(e -> e.get("type").asString()))
        .containsSubsequence("SignalReceived", "SignalTaken");
  }

  @Test
  void takesAnEmptyBodyAsANullPayload() {
    deploy(
        """
        name: it-bare-signal
        steps:
          - id: go
            waitForSignal: go
        """);
    String runId = api.startRun("it-bare-signal", "{}");
    awaitStep(runId, "go", "ACTIVE");

    assertThat(api.post("/runs/" + runId + "/signals/go").status()).isEqualTo(202);

    JsonNode run = awaitStatus(runId, "COMPLETED");
    JsonNode output = step(run, "go").get("output");
    assertThat(output == null || output.isNull()).isTrue();
  }

  @Test
  void givesUpWaitingAfterTheTimeoutAndRecoversInTheCatch() {
    deploy(
        """
        name: it-approval-timeout
        steps:
          - id: approval
            waitForSignal: approval
            timeout: 500ms
            catch:
              - errors: [Timeout]
                steps:
                  - id: escalate
                    function: demo.echo
                    input: {why: "${ error.type }"}
        output: ${ steps.approval.output }
        """);

    String runId = api.startRun("it-approval-timeout", "{}");

    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(step(run, "approval").get("status").asString()).isEqualTo("RECOVERED");
    assertThat(step(run, "escalate").get("lane").asString()).isEqualTo("catch:0");
    assertThat(run.get("output").get("why").asString()).isEqualTo("Timeout");
    assertThat(api.post("/runs/" + runId + "/signals/approval", "{}").status()).isEqualTo(409);
  }
}
