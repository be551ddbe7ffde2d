package io.ordo.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.ParseResult;
import io.ordo.dsl.WorkflowParser;
import io.ordo.dsl.model.WorkflowDefinition;
import io.ordo.orchestrator.api.WorkflowGraph.Edge;
import io.ordo.orchestrator.api.WorkflowGraph.Node;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkflowGraphTest {

  @Test
  void drawsAChainOfFunctionStepsWithTheirCompensations() {
    WorkflowGraph graph =
        WorkflowGraph.of(
            parse(
                """
                name: chain
                steps:
                  - id: pay
                    function: payments.validate
                    compensate: {function: payments.refund}
                  - id: mail
                    function: email.send
                """));

    assertThat(graph.nodes())
        .containsExactly(
            new Node("start", "start", "start", null, null),
            new Node("pay", "function", "payments.validate", null, null),
            new Node("pay.compensate", "compensation", "payments.refund", null, null),
            new Node("mail", "function", "email.send", null, null),
            new Node("end", "end", "end", null, null));
    assertThat(graph.edges())
        .containsExactly(
            new Edge("start", "pay", "next", null),
            new Edge("pay", "pay.compensate", "compensation", null),
            new Edge("pay", "mail", "next", null),
            new Edge("mail", "end", "next", null));
  }

  @Test
  void nestsTheStepsOfEachBlockUnderTheirCompositeStep() {
    WorkflowGraph graph =
        WorkflowGraph.of(
            parse(
                """
                name: nested
                steps:
                  - id: route
                    switch:
                      - when: "${ input.big }"
                        steps:
                          - id: big
                            function: demo.echo
                    default:
                      - id: small
                        function: demo.echo
                  - id: both
                    parallel:
                      - name: left
                        steps:
                          - id: pause
                            wait: 1m30s
                      - steps:
                          - id: approval
                            waitForSignal: approval
                  - id: each
                    forEach: "${ input.items }"
                    as: order
                    steps:
                      - id: ship
                        workflow: shipping
                        version: 2
                  - id: check
                    fail: {error: Rejected, message: no}
                    catch:
                      - errors: [Rejected, Timeout]
                        steps:
                          - id: done
                            succeed: {}
                """));

    assertThat(graph.nodes())
        .contains(
            new Node("route", "switch", "switch", null, null),
            new Node("big", "function", "demo.echo", "route", "case:0"),
            new Node("small", "function", "demo.echo", "route", "default"),
            new Node("pause", "wait", "wait 1m30s", "both", "branch:0"),
            new Node("approval", "waitForSignal", "approval", "both", "branch:1"),
            new Node("each", "forEach", "for each order", null, null),
            new Node("ship", "workflow", "shipping v2", "each", "body"),
            new Node("ship.compensate", "compensation", "compensate shipping", "each", "body"),
            new Node("check", "fail", "Rejected", null, null),
            new Node("done", "succeed", "succeed", "check", "catch:0"));
    assertThat(graph.edges())
        .contains(
            new Edge("start", "route", "next", null),
            new Edge("route", "big", "case", "case 1"),
            new Edge("route", "small", "default", "default"),
            new Edge("big", "both", "join", null),
            new Edge("small", "both", "join", null),
            new Edge("route", "both", "next", null),
            new Edge("both", "pause", "branch", "left"),
            new Edge("both", "approval", "branch", "branch-2"),
            new Edge("pause", "each", "join", null),
            new Edge("each", "ship", "body", "for each order"),
            new Edge("ship", "check", "join", null),
            new Edge("check", "done", "catch", "Rejected, Timeout"),
            new Edge("done", "end", "join", null),
            new Edge("check", "end", "next", null));
  }

  @Test
  void leadsAnEmptyBlockStraightToWhatFollows() {
    WorkflowGraph graph =
        WorkflowGraph.of(
            parse(
                """
                name: no-default
                steps:
                  - id: route
                    switch:
                      - when: "${ input.big }"
                        steps:
                          - id: big
                            function: demo.echo
                  - id: after
                    function: demo.echo
                """));

    assertThat(graph.edges()).contains(new Edge("route", "after", "default", "default"));
  }

  @Test
  void writesDurationsTheWayTheDslDoes() {
    assertThat(WorkflowGraph.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(WorkflowGraph.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(WorkflowGraph.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
  }

  private static WorkflowDefinition parse(String yaml) {
    return switch (new WorkflowParser().parse(yaml)) {
      case ParseResult.Valid valid -> valid.workflow();
      case ParseResult.Invalid invalid -> throw new AssertionError(invalid.violations());
    };
  }
}
