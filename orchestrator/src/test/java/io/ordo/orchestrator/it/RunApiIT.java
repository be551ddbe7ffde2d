package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.orchestrator.it.OrdoApi.Response;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RunApiIT extends OrdoIT {

  @Test
  void returnsTheSameRunForTheSameIdempotencyKey() {
    String key = UUID.randomUUID().toString();
    String input = order("o-200", 5, "dee@example.com", "SKU-1");

    Response first = api.start("order-fulfillment", input, key);
    Response second = api.start("order-fulfillment", input, key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body().get("runId")).isEqualTo(first.body().get("runId"));
  }

  @Test
  void rejectsAnInvalidDefinitionWithEveryErrorAndItsLine() {
    Response response =
        api.deploy(
            """
        name: Bad Name
        steps:
          - id: first
            function: demo.echo
            retry: {maxAttempts: lots}
          - id: first
            function: demo.echo
        """);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers().get("content-type").getFirst())
        .startsWith("application/problem+json");
    JsonNode errors = response.body().get("errors");
    assertThat(errors.size()).isGreaterThanOrEqualTo(3);
    assertThat(errors.valueStream().map(e -> e.get("line").asInt())).contains(1, 5, 6);
    assertThat(errors.valueStream().map(e -> e.get("path").asString()))
        .contains("name", "steps[0].retry.maxAttempts");
  }

  @Test
  void deployingTheSameContentAgainChangesNothing() {
    String yaml = "name: echo-twice\nsteps:\n  - id: echo\n    function: demo.echo\n";

    Response first = api.deploy(yaml);
    Response again = api.deploy(yaml);
    Response changed = api.deploy(yaml + "description: now with words\n");

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("version")).isEqualTo(first.body().get("version"));
    assertThat(changed.body().get("version").asInt())
        .isEqualTo(first.body().get("version").asInt() + 1);
    JsonNode version = api.get("/workflows/echo-twice/versions/1").body();
    assertThat(version.get("yaml").asString()).isEqualTo(yaml);
    assertThat(version.get("graph").get("nodes")).hasSize(3);
  }

  @Test
  void drawsNestedStepsInTheGraphOfAVersion() {
    api.deploy(
        """
        name: graph-nested
        steps:
          - id: each
            forEach: ${ input.items }
            steps:
              - id: echo
                function: demo.echo
          - id: done
            function: demo.echo
        """);

    JsonNode graph = api.get("/workflows/graph-nested/versions/1").body().get("graph");

    JsonNode echo =
        graph
            .get("nodes")
            .valueStream()
            .filter(n -> n.get("id").asString().equals("echo"))
            .findFirst()
            .orElseThrow();
    assertThat(echo.get("parent").asString()).isEqualTo("each");
    assertThat(echo.get("lane").asString()).isEqualTo("body");
    assertThat(
            graph
                .get("edges")
                .valueStream()
                .map(
                    e ->
                        e.get("from").asString()
                            + ">"
                            + e.get("to").asString()
                            + ":"
                            + e.get("kind").asString()))
        .contains(
            "start>each:next",
            "each>echo:body",
            "echo>done:join",
            "each>done:next",
            "done>end:next");
  }

  @Test
  void cancelsARunningRunAndCompensatesWhatCompleted() {
    api.deploy(
        """
        name: cancellable
        steps:
          - id: first
            function: demo.echo
            input: {value: 1}
            compensate: {function: demo.echo, input: {undo: ${ steps.first.output.value }}}
          - id: waiting
            function: test.sleep
            timeout: 5m
            input: {millis: 60000}
        """);
    String runId = api.startRun("cancellable", "{}");
    awaitStep(runId, "waiting");

    Response cancel = api.post("/runs/" + runId + "/cancel");

    assertThat(cancel.status()).isEqualTo(202);
    JsonNode run = awaitStatus(runId, "CANCELLED");
    assertThat(step(run, "waiting").get("attempts").get(0).get("status").asString())
        .isEqualTo("CANCELLED");
    JsonNode undo = step(run, "first.compensate");
    assertThat(undo.get("attempts").get(0).get("input").get("undo").asInt()).isEqualTo(1);
    assertThat(api.post("/runs/" + runId + "/cancel").status()).isEqualTo(409);
  }

  @Test
  void retriesAFailedRunFromTheStepThatFailed() {
    api.deploy(
        """
        name: fails-once
        steps:
          - id: before
            function: demo.echo
          - id: flaky
            function: test.fail-first
        """);
    String runId = api.startRun("fails-once", "{}");
    awaitStatus(runId, "FAILED");

    assertThat(api.post("/runs/" + runId + "/retry").status()).isEqualTo(202);

    JsonNode run = awaitStatus(runId, "COMPLETED");
    assertThat(step(run, "before").get("attempts")).hasSize(1);
    assertThat(step(run, "flaky").get("attempts")).hasSize(2);
  }

  @Test
  void listsRunsNewestFirstPageByPage() {
    api.deploy("name: listed\nsteps:\n  - id: echo\n    function: demo.echo\n");
    Set<String> started = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      started.add(api.startRun("listed", "{}"));
    }

    JsonNode page1 = api.get("/runs?workflow=listed&limit=3").body();
    JsonNode page2 =
        api.get("/runs?workflow=listed&limit=3&cursor=" + page1.get("nextCursor").asString())
            .body();

    assertThat(page1.get("runs")).hasSize(3);
    assertThat(page2.get("runs")).hasSize(2);
    assertThat(page2.get("nextCursor")).isNull();
    Set<String> listed = new HashSet<>();
    page1.get("runs").forEach(r -> listed.add(r.get("runId").asString()));
    page2.get("runs").forEach(r -> listed.add(r.get("runId").asString()));
    assertThat(listed).isEqualTo(started);
    assertThat(page1.get("runs").get(0).get("createdAt").asString())
        .isGreaterThanOrEqualTo(page1.get("runs").get(2).get("createdAt").asString());
  }

  @Test
  void answersBadRequestsWithProblemDetailsThatSayWhatIsWrong() {
    Response unknownRun = api.get("/runs/" + UUID.randomUUID());
    Response notAnId = api.get("/runs/not-a-uuid");
    Response unknownWorkflow = api.start("no-such-workflow", "{}", null);
    Response badJson = api.start("order-fulfillment", "{\"orderId\": ", null);
    Response badInput = api.start("order-fulfillment", "{\"orderId\": 7}", null);
    Response tooBig =
        api.start("order-fulfillment", "{\"pad\": \"" + "x".repeat(1_100_000) + "\"}", null);
    Response badStatus = api.get("/runs?status=DONE");

    assertThat(unknownRun.status()).isEqualTo(404);
    assertThat(notAnId.status()).isEqualTo(404);
    assertThat(unknownWorkflow.status()).isEqualTo(404);
    assertThat(unknownWorkflow.body().get("detail").asString()).contains("no-such-workflow");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.body().get("detail").asString()).contains("not valid JSON");
    assertThat(badInput.status()).isEqualTo(400);
    assertThat(badInput.body().get("errors").size()).isGreaterThan(0);
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(badStatus.status()).isEqualTo(400);
  }

  private void awaitStep(String runId, String stepId) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                api.run(runId)
                    .get("steps")
                    .valueStream()
                    .anyMatch(s -> s.get("stepId").asString().equals(stepId)));
  }
}
