package io.ordo.orchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class SwitchIT extends OrdoIT {

  @BeforeEach
  void deployRouter() {
    deploy(
        """
        name: it-switch
        steps:
          - id: route
            switch:
              - when: "${ input.parcel == 'small' }"
                steps:
                  - id: small
                    function: demo.echo
                    input: {box: small}
              - when: "${ input.parcel == 'large' }"
                steps:
                  - id: large
                    function: demo.echo
                    input: {box: large}
            default:
              - id: other
                function: demo.echo
                input: {box: none}
          - id: after
            function: demo.echo
            input: {chosen: "${ steps.route.output.box }"}
        output: ${ steps.after.output }
        """);
  }

  @ParameterizedTest
  @CsvSource({"small, small, case:0", "large, large, case:1", "letter, other, default"})
  void runsTheFirstCaseThatHoldsOrElseTheDefault(String parcel, String ran, String lane) {
    String runId = api.startRun("it-switch", "{\"parcel\": \"" + parcel + "\"}");

    JsonNode run = awaitStatus(runId, "COMPLETED");

    assertThat(stepIds(run)).containsExactly("route", ran, "after");
    assertThat(step(run, ran).get("lane").asString()).isEqualTo(lane);
    assertThat(step(run, ran).get("parent").asString()).isEqualTo("route");
    assertThat(step(run, "route").get("status").asString()).isEqualTo("COMPLETED");
    String box = ran.equals("other") ? "none" : ran;
    assertThat(run.get("output").get("chosen").asString()).isEqualTo(box);
    assertThat(events(runId).valueStream().map(e -> e.get("type").asString()))
        .contains("SwitchChose");
  }
}
