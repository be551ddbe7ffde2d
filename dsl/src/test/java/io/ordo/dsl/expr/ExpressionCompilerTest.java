package io.ordo.dsl.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

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

  @Test
  void tellsOneWholeExpressionFromTextAroundOrBetweenExpressions() {
    assertThat(ExpressionCompiler.isOneExpression("${ input.a > 1 }")).isTrue();
    assertThat(ExpressionCompiler.isOneExpression("${ {'a': 1}.a == 1 }")).isTrue();
    assertThat(ExpressionCompiler.isOneExpression("a ${ input.a }")).isFalse();
    assertThat(ExpressionCompiler.isOneExpression("${ input.a }${ input.b }")).isFalse();
    assertThat(ExpressionCompiler.isOneExpression("true")).isFalse();
    assertThat(ExpressionCompiler.isOneExpression("${ input.a")).isFalse();
  }

  @Test
  void refusesAConditionThatCelKnowsIsNotTrueOrFalse() {
    StepScope all = StepScope.all(STEPS);

    assertThat(compiler.compile("${ input.amount > 1000 }", all, Expecting.BOOLEAN))
        .isInstanceOf(Compilation.Compiled.class);
    assertThat(compiler.compile("${ input.approved }", all, Expecting.BOOLEAN))
        .as("JSON is dynamic, so this is checked when it runs")
        .isInstanceOf(Compilation.Compiled.class);
    assertThat(compiler.compile("${ size(input.name) }", all, Expecting.BOOLEAN))
        .isEqualTo(
            new Compilation.Rejected(
                List.of(
                    "expression 'size(input.name)' gives a number, but it must give true or false")));
    assertThat(compiler.compile("${ [1, 2] }", all, Expecting.LIST))
        .isInstanceOf(Compilation.Compiled.class);
    assertThat(compiler.compile("${ {'a': 1} }", all, Expecting.LIST))
        .isInstanceOf(Compilation.Rejected.class);
  }

  @Test
  void declaresTheLocalsOfTheScopeAndOnlyThose() {
    StepScope inBody = new LocalsScope(Set.of("line", "error"));
    Compilation compiled =
        compiler.compile("${ line.sku + ':' + error.type }", inBody, Expecting.ANY);
    JsonMapper json = JsonMapper.builder().build();
    Bindings bindings =
        new Bindings(
            json.createObjectNode(),
            Map.of(),
            json.createObjectNode(),
            Map.of(
                "line", json.readTree("{\"sku\": \"a-1\"}"),
                "error", json.readTree("{\"type\": \"Timeout\"}")));

    assertThat(((Compilation.Compiled) compiled).template().evaluate(bindings).stringValue())
        .isEqualTo("a-1:Timeout");
    assertThat(problems("${ line.sku }", StepScope.all(STEPS)))
        .singleElement()
        .asString()
        .contains("undeclared reference to 'line'");
    assertThat(problems("${ error.kind }", inBody))
        .singleElement()
        .asString()
        .contains("error has no field 'kind'; it has type, message, stepId");
  }

  /** A scope with local variables and no steps. */
  private record LocalsScope(Set<String> locals) implements StepScope {
    @Override
    public List<String> stepIds() {
      return List.of();
    }

    @Override
    public boolean canRead(String stepId) {
      return false;
    }

    @Override
    public String whyNotVisible(String stepId) {
      return "no step is visible here";
    }

    @Override
    public Optional<String> whereDefined(String variable) {
      return Optional.empty();
    }
  }

  private List<String> problems(String text, StepScope scope) {
    Compilation compilation = compiler.compile(text, scope);
    assertThat(compilation).isInstanceOf(Compilation.Rejected.class);
    return ((Compilation.Rejected) compilation).problems();
  }
}
