package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordo.dsl.expr.Bindings;
import io.ordo.dsl.model.ForEachStep;
import io.ordo.dsl.model.FunctionStep;
import io.ordo.dsl.model.ParallelStep;
import io.ordo.dsl.model.Step;
import io.ordo.dsl.model.StepTree;
import io.ordo.dsl.model.StepTree.Lane;
import io.ordo.dsl.model.SwitchStep;
import io.ordo.dsl.model.WorkflowDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model built for switch, parallel and forEach steps, and where their inner steps sit. */
class CompositeStepsTest {

  private final WorkflowParser parser = new WorkflowParser();

  @Test
  void readsSwitchCasesInOrderWithTheirConditionsAndTheDefault() {
    WorkflowDefinition workflow =
        valid(
            """
            name: routing
            steps:
              - id: route
                switch:
                  - when: ${ input.amount > 1000 }
                    steps:
                      - {id: review, function: risk.review}
                  - when: ${ input.express }
                    steps:
                      - {id: express, function: shipping.express}
                      - {id: label, function: shipping.label}
                default:
                  - {id: standard, function: shipping.standard}
            """);

    SwitchStep route = (SwitchStep) workflow.steps().getFirst();
    Bindings big = bindings("{\"amount\": 5000, \"express\": false}");

    assertThat(route.cases()).hasSize(2);
    assertThat(route.cases().get(0).when().evaluate(big).booleanValue()).isTrue();
    assertThat(route.cases().get(1).when().evaluate(big).booleanValue()).isFalse();
    assertThat(route.cases().get(1).steps())
        .extracting(Step::id)
        .containsExactly("express", "label");
    assertThat(route.otherwise()).extracting(Step::id).containsExactly("standard");
  }

  @Test
  void givesASwitchWithoutDefaultNoDefaultSteps() {
    SwitchStep route =
        (SwitchStep)
            valid(
                    """
                    name: routing
                    steps:
                      - id: route
                        switch:
                          - when: ${ input.big }
                            steps: [{id: big, function: orders.big}]
                    """)
                .steps()
                .getFirst();

    assertThat(route.otherwise()).isEmpty();
  }

  @Test
  void namesUnnamedBranchesByTheirPosition() {
    ParallelStep notify =
        (ParallelStep)
            valid(
                    """
                    name: fan-out
                    steps:
                      - id: notify
                        parallel:
                          - steps: [{id: a, function: svc.a}]
                          - name: sms
                            steps: [{id: b, function: svc.b}]
                          - steps: [{id: c, function: svc.c}, {id: d, function: svc.d}]
                    """)
                .steps()
                .getFirst();

    assertThat(notify.branches())
        .extracting(ParallelStep.Branch::name)
        .containsExactly("branch-1", "sms", "branch-3");
    assertThat(notify.branches().get(2).steps()).extracting(Step::id).containsExactly("c", "d");
  }

  @Test
  void readsAForEachWithItsItemNameConcurrencyAndBody() {
    ForEachStep each =
        (ForEachStep)
            valid(
                    """
                    name: fan-out
                    steps:
                      - id: reserveEach
                        forEach: ${ input.items }
                        as: line
                        maxConcurrency: 50
                        steps:
                          - id: reserve
                            function: inventory.reserve
                            input: {sku: "${ line.sku }", big: "${ line.qty > 1.5 }"}
                    """)
                .steps()
                .getFirst();
    FunctionStep reserve = (FunctionStep) each.steps().getFirst();
    Bindings iteration =
        new Bindings(
            TestBindings.json("{\"items\": []}"),
            Map.of(),
            TestBindings.json("{}"),
            Map.of("line", TestBindings.json("{\"sku\": \"a-1\", \"qty\": 2}")));

    assertThat(each.as()).isEqualTo("line");
    assertThat(each.maxConcurrency()).isEqualTo(50);
    assertThat(each.items().evaluate(bindings("{\"items\": [1, 2]}")))
        .isEqualTo(TestBindings.json("[1, 2]"));
    assertThat(reserve.input().evaluate(iteration))
        .isEqualTo(TestBindings.json("{\"sku\": \"a-1\", \"big\": true}"));
  }

  @Test
  void defaultsTheItemNameAndConcurrencyOfAForEach() {
    ForEachStep each =
        (ForEachStep)
            valid(
                    """
                    name: fan-out
                    steps:
                      - id: each
                        forEach: [1, 2, 3]
                        steps:
                          - {id: square, function: math.square, input: {n: "${ item * item }"}}
                    """)
                .steps()
                .getFirst();

    assertThat(each.as()).isEqualTo(ForEachStep.DEFAULT_AS).isEqualTo("item");
    assertThat(each.maxConcurrency()).isEqualTo(ForEachStep.DEFAULT_MAX_CONCURRENCY).isEqualTo(10);
  }

  @Test
  void placesEveryNestedStepInTheTreeByBlockAndIndex() {
    WorkflowDefinition workflow =
        valid(
            Corpus.read(
                java.nio.file.Path.of("src/test/resources/workflows/valid/every-construct.yaml")));
    StepTree tree = workflow.tree();

    assertThat(workflow.step("label")).isPresent();
    assertThat(tree.place("label").orElseThrow().block().parentId()).isEqualTo("reserveEach");
    assertThat(tree.place("label").orElseThrow().block().lane()).isEqualTo(Lane.BODY);
    assertThat(tree.place("label").orElseThrow().index()).isEqualTo(1);
    assertThat(tree.place("sendSms").orElseThrow().block().lane())
        .isEqualTo(Lane.of(Lane.Kind.BRANCH, 1));
    assertThat(tree.place("coolOff").orElseThrow().block().lane()).isEqualTo(Lane.DEFAULT);
    assertThat(tree.place("autoReject").orElseThrow().block().parentId()).isEqualTo("approval");
    assertThat(tree.place("autoReject").orElseThrow().block().lane())
        .isEqualTo(Lane.of(Lane.Kind.CATCH, 0));
    assertThat(tree.all()).hasSize(17);
  }

  @Test
  void nestsCompositeStepsInsideEachOther() {
    WorkflowDefinition workflow =
        valid(
            """
            name: nested
            steps:
              - id: outer
                parallel:
                  - steps:
                      - id: each
                        forEach: ${ input.groups }
                        as: group
                        steps:
                          - id: pick
                            switch:
                              - when: ${ group.big }
                                steps:
                                  - {id: big, function: svc.big, input: {g: "${ group }"}}
                            default:
                              - {id: small, function: svc.small}
            """);

    assertThat(workflow.tree().all())
        .extracting(Step::id)
        .containsExactly("outer", "each", "pick", "big", "small");
    assertThat(workflow.tree().place("big").orElseThrow().block().parentId()).isEqualTo("pick");
  }

  private static Bindings bindings(String input) {
    return new Bindings(TestBindings.json(input), Map.of(), TestBindings.json("{}"));
  }

  private WorkflowDefinition valid(String yaml) {
    ParseResult result = parser.parse(yaml);
    assertThat(result).isInstanceOf(ParseResult.Valid.class);
    return ((ParseResult.Valid) result).workflow();
  }
}
