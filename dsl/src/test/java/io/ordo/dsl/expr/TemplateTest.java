package io.ordo.dsl.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class TemplateTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final StepScope SCOPE = StepScope.all(List.of("pay"));

  private final ExpressionCompiler compiler = new ExpressionCompiler();
  private final Bindings bindings =
      new Bindings(
          json(
              "{\"orderId\":\"o-1\",\"amount\":42.5,\"count\":3,\"items\":[{\"sku\":\"a\",\"qty\":2}],"
                  + "\"vip\":true,\"note\":null,\"big\":12345678901234}"),
          Map.of("pay", json("{\"paymentId\":\"p-9\"}")),
          json(
              "{\"id\":\"r-1\",\"workflow\":\"orders\",\"version\":4,\"startedAt\":\"2024-05-01T10:00:00Z\"}"));

  @Test
  void keepsTheJsonTypeOfAWholeValueExpression() {
    assertThat(evaluate("${ input.count }")).isEqualTo(json("3"));
    assertThat(evaluate("${ input.amount }")).isEqualTo(json("42.5"));
    assertThat(evaluate("${ input.big }")).isEqualTo(json("12345678901234"));
    assertThat(evaluate("${ input.vip }")).isEqualTo(json("true"));
    assertThat(evaluate("${ input.note }")).isEqualTo(json("null"));
    assertThat(evaluate("${ input.items }")).isEqualTo(json("[{\"sku\":\"a\",\"qty\":2}]"));
    assertThat(evaluate("${ input.items[0] }")).isEqualTo(json("{\"sku\":\"a\",\"qty\":2}"));
    assertThat(evaluate("${ input.orderId }")).isEqualTo(json("\"o-1\""));
  }

  @Test
  void buildsNewValuesWithCel() {
    assertThat(evaluate("${ input.items.map(i, i.qty * 10) }")).isEqualTo(json("[20]"));
    assertThat(evaluate("${ {'id': input.orderId, 'n': [1, null, 2.5]} }"))
        .isEqualTo(json("{\"id\":\"o-1\",\"n\":[1,null,2.5]}"));
    assertThat(evaluate("${ input.count > 2.5 && has(input.vip) }")).isEqualTo(json("true"));
    assertThat(evaluate("${ steps.pay.output.paymentId + '/' + run.id }"))
        .isEqualTo(json("\"p-9/r-1\""));
    assertThat(evaluate("${ timestamp(run.startedAt) + duration('90s') }"))
        .isEqualTo(json("\"2024-05-01T10:01:30Z\""));
  }

  @Test
  void interpolatesExpressionsInsideText() {
    assertThat(evaluate("Order ${ input.orderId } (${ input.count } items, ${ input.amount } EUR)"))
        .isEqualTo(json("\"Order o-1 (3 items, 42.5 EUR)\""));
  }

  @Test
  void writesNonTextValuesAsCompactJsonWhenInterpolating() {
    assertThat(evaluate("items=${ input.items } vip=${ input.vip } note=${ input.note }"))
        .isEqualTo(json("\"items=[{\\\"sku\\\":\\\"a\\\",\\\"qty\\\":2}] vip=true note=null\""));
  }

  @Test
  void readsDoubleDollarAsALiteralPlaceholder() {
    assertThat(evaluate("echo $${HOME} for ${ input.orderId }"))
        .isEqualTo(json("\"echo ${HOME} for o-1\""));
  }

  @Test
  void leavesTextWithoutExpressionsAlone() {
    assertThat(evaluate("costs $5 {not an expression}"))
        .isEqualTo(json("\"costs $5 {not an expression}\""));
  }

  @Test
  void failsAtRunTimeWithTheExpressionAndTheCauseNamed() {
    Template template = compile("${ input.missing.deep }");

    assertThatThrownBy(() -> template.evaluate(bindings))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("input.missing.deep")
        .hasMessageContaining("'missing'");
  }

  @Test
  void failsAtRunTimeOnATypeMismatch() {
    Template template = compile("total: ${ input.orderId + 1 }");

    assertThatThrownBy(() -> template.evaluate(bindings))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("expression 'input.orderId + 1' failed: ");
  }

  @Test
  void failsWhenAStepOutputIsNotThereYet() {
    Template template = compile("${ steps.pay.output.paymentId }");
    Bindings noOutputs = new Bindings(bindings.input(), Map.of(), bindings.run());

    assertThatThrownBy(() -> template.evaluate(noOutputs))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("'pay'");
  }

  @Test
  void stopsAnExpressionThatLoopsTooLong() {
    String hundred =
        IntStream.range(0, 100)
            .mapToObj(Integer::toString)
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    Template template =
        compile(
            "${ [" + hundred + "].map(x, [" + hundred + "].map(y, [" + hundred + "].map(z, z))) }");

    assertThatThrownBy(() -> template.evaluate(bindings))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("budget");
  }

  @Test
  void refusesAResultJsonCannotHold() {
    assertThatThrownBy(() -> compile("${ 1.0 / 0.0 }").evaluate(bindings))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("Infinity");
  }

  @Test
  void returnsAFreshTreeEachTimeSoCallersCannotCorruptTheTemplate() {
    Template template = Template.object(Map.of("fixed", Template.literal(json("{\"a\":1}"))));

    ((ObjectNode) template.evaluate(bindings).get("fixed")).put("a", 2);

    assertThat(template.evaluate(bindings)).isEqualTo(json("{\"fixed\":{\"a\":1}}"));
  }

  @Test
  void composesObjectsAndArraysOfTemplatesInOrder() {
    Map<String, Template> members = new LinkedHashMap<>();
    members.put("z", compile("${ input.count }"));
    members.put(
        "a", Template.array(List.of(compile("${ input.vip }"), Template.literal(json("\"x\"")))));

    JsonNode value = Template.object(members).evaluate(bindings);

    assertThat(value.toString()).isEqualTo("{\"z\":3,\"a\":[true,\"x\"]}");
  }

  @Test
  void evaluatesTheSameTemplateFromManyThreads() throws Exception {
    Template template = compile("${ input.items.map(i, i.sku + input.orderId) }");
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<JsonNode>> results =
          IntStream.range(0, 2_000)
              .mapToObj(i -> pool.submit(() -> template.evaluate(bindings)))
              .toList();

      for (Future<JsonNode> result : results) {
        assertThat(result.get()).isEqualTo(json("[\"ao-1\"]"));
      }
    }
  }

  private JsonNode evaluate(String text) {
    return compile(text).evaluate(bindings);
  }

  private Template compile(String text) {
    Compilation compilation = compiler.compile(text, SCOPE);
    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    return ((Compilation.Compiled) compilation).template();
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
