package io.ordo.dsl.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Compile-time checks: CEL syntax and types, and which step outputs an expression may read. */
class ExpressionCompilerTest {

  private static final List<String> STEPS = List.of("validatePayment", "reserveInventory", "ship");

  private final ExpressionCompiler compiler = new ExpressionCompiler();

  @Test
  void letsAStepReadOnlyEarlierSteps() {
    StepScope second = StepScope.before(STEPS, 1);

    assertThat(compiler.compile("${ steps.validatePayment.output }", second))
        .isInstanceOf(Compilation.Compiled.class);
    assertThat(problems("${ steps.ship.output.id }", second))
        .containsExactly(
            "expression 'steps.ship.output.id': steps.ship is not visible here: only earlier steps "
                + "(validatePayment) can be referenced");
  }

  @Test
  void letsACompensationReadItsOwnStep() {
    assertThat(compiler.compile("${ steps.reserveInventory.output.id }", StepScope.upTo(STEPS, 1)))
        .isInstanceOf(Compilation.Compiled.class);
    assertThat(problems("${ steps.reserveInventory.output.id }", StepScope.before(STEPS, 1)))
        .hasSize(1);
  }

  @Test
  void letsTheOutputReadEveryStep() {
    assertThat(
            compiler.compile(
                "${ [steps.validatePayment.output, steps['ship'].output] }", StepScope.all(STEPS)))
        .isInstanceOf(Compilation.Compiled.class);
  }

  @Test
  void findsReferencesInsideIndexingMacrosAndComprehensions() {
    StepScope first = StepScope.before(STEPS, 0);

    assertThat(problems("${ steps['ship'].output }", first))
        .singleElement()
        .asString()
        .contains("steps.ship");
    assertThat(problems("${ has(steps.ship.output.id) }", first))
        .singleElement()
        .asString()
        .contains("steps.ship");
    assertThat(problems("${ input.items.map(i, steps.ship.output) }", first)).hasSize(1);
  }

  @Test
  void doesNotMistakeAComprehensionVariableNamedStepsForTheGlobal() {
    assertThat(
            compiler.compile("${ input.lists.map(steps, steps.size) }", StepScope.before(STEPS, 0)))
        .isInstanceOf(Compilation.Compiled.class);
  }

  @Test
  void refusesStepsReadWithoutALiteralId() {
    StepScope all = StepScope.all(STEPS);

    assertThat(problems("${ steps }", all))
        .singleElement()
        .asString()
        .contains("steps.<id>.output");
    assertThat(problems("${ steps[input.which] }", all))
        .singleElement()
        .asString()
        .contains("literal step id");
  }

  @Test
  void suggestsTheStepMeantByAMisspeltId() {
    assertThat(problems("${ steps.reserveInventroy.output }", StepScope.all(STEPS)))
        .singleElement()
        .asString()
        .contains("does not exist")
        .contains("did you mean 'reserveInventory'?");
  }

  @Test
  void reportsCelSyntaxAndTypeErrorsWithTheExpression() {
    StepScope all = StepScope.all(STEPS);

    assertThat(problems("${ input.a + }", all))
        .singleElement()
        .asString()
        .startsWith("expression 'input.a +' does not compile: ");
    assertThat(problems("${ 1 + 'a' }", all))
        .singleElement()
        .asString()
        .contains("no matching overload for '_+_' applied to '(int, string)'");
    assertThat(problems("${ nope }", all))
        .singleElement()
        .asString()
        .contains("undeclared reference to 'nope'");
    assertThat(problems("${ run.started }", all))
        .singleElement()
        .asString()
        .contains("run has no field 'started'");
  }

  @Test
  void reportsEveryBadExpressionInOneString() {
    assertThat(problems("${ a } and ${ b }", StepScope.all(STEPS))).hasSize(2);
  }

  @Test
  void reportsMalformedPlaceholders() {
    assertThat(problems("x ${ input.a", StepScope.all(STEPS)))
        .singleElement()
        .asString()
        .contains("no closing '}'");
    assertThat(problems("${}", StepScope.all(STEPS)))
        .singleElement()
        .asString()
        .contains("holds no expression");
  }

  private List<String> problems(String text, StepScope scope) {
    Compilation compilation = compiler.compile(text, scope);
    assertThat(compilation).isInstanceOf(Compilation.Rejected.class);
    return ((Compilation.Rejected) compilation).problems();
  }
}
