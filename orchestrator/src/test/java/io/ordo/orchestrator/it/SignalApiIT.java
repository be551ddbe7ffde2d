package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.orchestrator.it.OrdoApi.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignalApiIT extends OrdoIT {

  @Test
  void answersNotFoundForARunThatDoesNotExist() {
    Response unknown = api.post("/runs/" + UUID.randomUUID() + "/signals/approval", "{}");
    Response notAnId = api.post("/runs/not-a-run/signals/approval", "{}");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.headers().get("content-type").getFirst())
        .startsWith("application/problem+json");
    assertThat(notAnId.status()).isEqualTo(404);
  }

  @Test
  void answersConflictForARunThatIsNoLongerRunning() {
    String runId = api.startRun("echo", "{\"hello\": 1}");
    awaitStatus(runId, "COMPLETED");

    Response late = api.post("/runs/" + runId + "/signals/approval", "{}");

    assertThat(late.status()).isEqualTo(409);
    assertThat(late.headers().get("content-type").getFirst())
        .startsWith("application/problem+json");
    assertThat(late.body().get("detail").asString())
        .contains("cannot signal run " + runId)
        .contains("COMPLETED")
        .contains("RUNNING");
  }

  @Test
  void rejectsASignalNameWithCharactersOutsideTheAllowedSet() {
    String runId = api.startRun("echo", "{}");

    Response badName = api.post("/runs/" + runId + "/signals/no*way", "{}");
    Response badJson = api.post("/runs/" + runId + "/signals/ok", "{\"open\": ");

    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.body().get("detail").asString()).contains("no*way");
    assertThat(badJson.status()).isEqualTo(400);
  }

  @Test
  void acceptsNamesWithDotsDashesAndUnderscoresAndKeepsWhatNoStepWaitsFor() {
    deploy(
        """
        name: it-signal-names
        steps:
          - id: go
            waitForSignal: go
            timeout: 30s
        """);
    String runId = api.startRun("it-signal-names", "{}");

    Response sent = api.post("/runs/" + runId + "/signals/order.approved-v_2", "[1, 2]");

    assertThat(sent.status()).isEqualTo(202);
    assertThat(sent.body().get("signal").asString()).isEqualTo("order.approved-v_2");
    var kept = api.run(runId).get("signals").get(0);
    assertThat(kept.get("name").asString()).isEqualTo("order.approved-v_2");
    assertThat(kept.get("payload").toString()).isEqualTo("[1,2]");
    assertThat(api.post("/runs/" + runId + "/cancel").status()).isEqualTo(202);
  }

  @Test
  void rejectsAPayloadOverTheSizeLimit() {
    String runId = api.startRun("echo", "{}");

    Response tooBig =
        api.post("/runs/" + runId + "/signals/big", "{\"pad\": \"" + "x".repeat(1_100_000) + "\"}");

    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.body().get("detail").asString()).contains("the limit is 1048576 bytes");
  }
}
