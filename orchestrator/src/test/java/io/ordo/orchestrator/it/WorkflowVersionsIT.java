package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkflowVersionsIT extends OrdoIT {

  private static final String V1 =
      """
      name: it-versions
      steps:
        - id: pause
          wait: 2s
        - id: answer
          function: demo.echo
          input: {version: 1}
      output: ${ steps.answer.output }
      """;

  private static final String V2 =
      """
      name: it-versions
      steps:
        - id: answer
          function: demo.echo
          input: {version: 2}
      output: ${ steps.answer.output }
      """;

  @Test
  void aRunKeepsTheVersionItStartedOnAndAStartCanPinAVersion() {
    assertThat(api.deploy(V1).body().get("version").asInt()).isEqualTo(1);
    String onV1 = api.startRun("it-versions", "{}");
    assertThat(api.deploy(V2).body().get("version").asInt()).isEqualTo(2);

    String latest = api.startRun("it-versions", "{}");
    String pinned =
        api.post("/workflows/it-versions/runs?version=1", "{}").body().get("runId").asString();

    assertThat(awaitStatus(latest, "COMPLETED").get("output").get("version").asInt()).isEqualTo(2);
    assertThat(awaitStatus(onV1, "COMPLETED").get("output").get("version").asInt()).isEqualTo(1);
    assertThat(awaitStatus(pinned, "COMPLETED").get("version").asInt()).isEqualTo(1);
    assertThat(api.run(pinned).get("output").get("version").asInt()).isEqualTo(1);
  }

  @Test
  void startingAVersionThatDoesNotExistIsNotFound() {
    api.deploy(V2.replace("it-versions", "it-versions-missing"));

    assertThat(api.post("/workflows/it-versions-missing/runs?version=9", "{}").status())
        .isEqualTo(404);
  }
}
