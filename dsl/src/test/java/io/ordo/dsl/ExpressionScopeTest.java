package io.ordo.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which step outputs and variables an expression may read, by where it stands: earlier steps with
 * what finished inside them, except forEach bodies; what the enclosing step sees; never a sibling
 * branch; the item inside its forEach; error inside a catch.
 */
class ExpressionScopeTest {

  private final WorkflowParser parser = new WorkflowParser();

  @Test
  void letsAStepReadTheStepsNestedInAnEarlierSwitchOrParallel() {
    assertValid(
        """
        name: scopes
        steps:
          - id: route
            switch:
              - when: ${ input.big }
                steps: [{id: review, function: risk.review}]
          - id: both
            parallel:
              - steps: [{id: a, function: svc.a}]
              - steps: [{id: b, function: svc.b}]
          - id: after
            function: svc.after
            input: {r: "${ steps.review.output }", a: "${ steps.a.output }", all: "${ steps.both.output }"}
        """);
  }

  @Test
  void letsABranchReadWhatItsParallelStepSeesAndItsOwnEarlierSteps() {
    assertValid(
        """
        name: scopes
        steps:
          - {id: load, function: svc.load}
          - id: both
            parallel:
              - steps:
                  - {id: a, function: svc.a, input: {x: "${ steps.load.output }"}}
                  - {id: a2, function: svc.a2, input: {x: "${ steps.a.output }"}}
        """);
  }

  @Test
  void refusesAReferenceToASiblingBranch() {
    assertThat(
            problems(
                """
                name: scopes
                steps:
                  - {id: load, function: svc.load}
                  - id: both
                    parallel:
                      - steps: [{id: a, function: svc.a}]
                      - steps: [{id: b, function: svc.b, input: {x: "${ steps.a.output }"}}]
                """))
        .singleElement()
        .asString()
        .contains("steps.a is not visible here: it runs in another branch of parallel step 'both'")
        .endsWith("the steps visible here are: load");
  }

  @Test
  void letsAForEachBodyReadTheItemItsEarlierStepsAndWhatTheForEachSees() {
    assertValid(
        """
        name: scopes
        steps:
          - {id: load, function: svc.load}
          - id: each
            forEach: ${ steps.load.output.items }
            as: line
            steps:
              - {id: reserve, function: svc.reserve, input: {sku: "${ line.sku }", o: "${ steps.load.output }"}}
              - {id: confirm, function: svc.confirm, input: {r: "${ steps.reserve.output }"}}
          - {id: report, function: svc.report, input: {all: "${ steps.each.output }"}}
        output: ${ steps.each.output }
        """);
  }

  @Test
  void readsAForEachFromOutsideOnlyAsAWhole() {
    List<String> problems =
        problems(
            """
            name: scopes
            steps:
              - id: outer
                switch:
                  - when: ${ input.go }
                    steps:
                      - id: each
                        forEach: ${ input.items }
                        steps: [{id: reserve, function: svc.reserve}]
              - {id: report, function: svc.report, input: {r: "${ steps.reserve.output }"}}
            output: ${ steps.reserve.output }
            """);

    assertThat(problems)
        .hasSize(2)
        .allSatisfy(
            p ->
                assertThat(p)
                    .contains("it runs inside forEach 'each', once per item")
                    .contains("read steps.each.output"));
  }

  @Test
  void refusesTheItemOutsideItsForEachAndErrorOutsideACatch() {
    List<String> problems =
        problems(
            """
            name: scopes
            steps:
              - id: each
                forEach: ${ input.items }
                as: line
                steps: [{id: reserve, function: svc.reserve, input: {sku: "${ line.sku }"}}]
              - {id: report, function: svc.report, input: {l: "${ line }", e: "${ error }"}}
            """);

    assertThat(problems)
        .containsExactly(
            "expression 'line' does not compile: undeclared reference to 'line' (at column 1); line"
                + " is the item of forEach 'each' and is defined only in its steps",
            "expression 'error' does not compile: undeclared reference to 'error' (at column 1);"
                + " error is defined only in the steps of a catch");
  }

  @Test
  void letsNestedForEachBodiesSeeEveryEnclosingItem() {
    assertValid(
        """
        name: scopes
        steps:
          - id: outer
            forEach: ${ input.groups }
            as: group
            steps:
              - id: inner
                forEach: ${ group.items }
                steps:
                  - {id: pick, function: svc.pick, input: {g: "${ group.id }", i: "${ item }"}}
        """);
  }

  @Test
  void letsACatchSeeTheErrorButNotTheStepThatFailed() {
    assertThat(
            problems(
                """
                name: scopes
                steps:
                  - {id: load, function: svc.load}
                  - id: charge
                    function: payments.charge
                    catch:
                      - steps:
                          - {id: first, function: svc.first, input: {e: "${ error.type }", l: "${ steps.load.output }"}}
                          - {id: second, function: svc.second, input: {f: "${ steps.first.output }", c: "${ steps.charge.output }"}}
                """))
        .singleElement()
        .asString()
        .contains("steps.charge is not visible here: step 'charge' failed, so it has no output")
        .endsWith("the steps visible here are: load, first");
  }

  @Test
  void letsTheStepsAfterARecoveredStepReadItsCatchSteps() {
    assertValid(
        """
        name: scopes
        steps:
          - id: charge
            function: payments.charge
            catch:
              - steps: [{id: fallback, function: payments.fallback}]
          - {id: after, function: svc.after, input: {f: "${ steps.fallback.output }"}}
        """);
  }

  @Test
  void refusesAStepInAnotherSwitchCase() {
    assertThat(
            problems(
                """
                name: scopes
                steps:
                  - id: route
                    switch:
                      - when: ${ input.big }
                        steps: [{id: review, function: risk.review}]
                    default:
                      - {id: standard, function: svc.standard, input: {r: "${ steps.review.output }"}}
                """))
        .singleElement()
        .asString()
        .contains("it is in another case of switch step 'route', which runs instead of this one");
  }

  @Test
  void refusesTheEnclosingStepAndTheStepItself() {
    assertThat(
            problems(
                """
                name: scopes
                steps:
                  - id: both
                    parallel:
                      - steps:
                          - {id: a, function: svc.a, input: {x: "${ steps.both.output }"}}
                          - {id: b, function: svc.b, input: {x: "${ steps.b.output }"}}
                """))
        .satisfiesExactly(
            first ->
                assertThat(first).contains("step 'both' has not finished: this runs inside it"),
            second ->
                assertThat(second).contains("a step's expressions cannot read its own output"));
  }

  @Test
  void letsACompensationReadTheStepAndWhatFinishedInsideIt() {
    assertValid(
        """
        name: scopes
        steps:
          - id: route
            switch:
              - when: ${ input.big }
                steps: [{id: review, function: risk.review}]
            compensate:
              function: risk.undo
              input: {r: "${ steps.review.output }", s: "${ steps.route.output }"}
        """);
  }

  @Test
  void letsTheItemReachTheCompensationOfAStepInTheBody() {
    assertValid(
        """
        name: scopes
        steps:
          - id: each
            forEach: ${ input.items }
            as: line
            steps:
              - id: reserve
                function: svc.reserve
                compensate:
                  function: svc.release
                  input: {sku: "${ line.sku }", r: "${ steps.reserve.output }"}
        """);
  }

  @Test
  void saysWhichStepsExistWhenAnIdIsMisspeltEvenIfNested() {
    assertThat(
            problems(
                """
                name: scopes
                steps:
                  - id: both
                    parallel:
                      - steps: [{id: sendEmail, function: email.send}]
                output: ${ steps.sendEmal.output }
                """))
        .singleElement()
        .asString()
        .contains("steps.sendEmal does not exist; the steps are: both, sendEmail")
        .contains("did you mean 'sendEmail'?");
  }

  private void assertValid(String yaml) {
    assertThat(problems(yaml)).isEmpty();
  }

  private List<String> problems(String yaml) {
    return switch (parser.parse(yaml)) {
      case ParseResult.Valid ignored -> List.of();
      case ParseResult.Invalid invalid ->
          invalid.violations().stream().map(Violation::message).toList();
    };
  }
}
